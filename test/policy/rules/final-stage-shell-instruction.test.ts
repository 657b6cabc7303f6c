import { COMPLIANT, df, findingsOf, GOOD_BASE } from '../util';

const ID = 'CDL007';

describe('CDL007 final-stage-shell-instruction', () => {
  test('no SHELL passes; SHELL in a build stage is fine', () => {
    expect(findingsOf(ID, COMPLIANT)).toEqual([]);
    expect(findingsOf(ID, df('FROM golang:1.25 AS build', 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', `FROM ${GOOD_BASE}`))).toEqual([]);
  });

  test('fails on SHELL in the final stage', () => {
    const findings = findingsOf(ID, df(`FROM ${GOOD_BASE}`, 'USER 65532', 'SHELL ["/busybox/sh", "-c"]'));
    expect(findings.map(f => [f.line, f.column, f.level])).toEqual([[3, 1, 'error']]);
    expect(findings[0].message).toMatch(/SHELL \["\/busybox\/sh", "-c"\] in the final stage/);
  });
});
