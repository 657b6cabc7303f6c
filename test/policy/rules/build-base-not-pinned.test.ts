import { COMPLIANT, df, findingsOf, GOOD_BASE } from '../util';

const ID = 'CDL102';

describe('CDL102 build-base-not-pinned', () => {
  test('pinned build stages pass', () => {
    expect(findingsOf(ID, COMPLIANT)).toEqual([]);
  });

  test('fails on each unpinned build-stage base, naming the stage', () => {
    const content = df('FROM golang:1.25 AS build', 'FROM node:24 AS web', 'FROM scratch AS empty', 'FROM build AS again', `FROM ${GOOD_BASE}`);
    const findings = findingsOf(ID, content);
    expect(findings.map(f => [f.line, f.column, f.level])).toEqual([[1, 6, 'warning'], [2, 6, 'warning']]);
    expect(findings[0].message).toMatch(/The build stage "build" base "golang:1.25" is not pinned by digest/);
    expect(findings[0].fix).toMatch(/^Write `FROM golang:1.25@sha256:<digest> AS build`/);
  });

  test('an unknown build image is still checked', () => {
    expect(findingsOf(ID, df('FROM registry.example.com/builder:1', `FROM ${GOOD_BASE}`)).map(f => f.line)).toEqual([1]);
  });
});
