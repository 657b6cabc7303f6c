import { BaseImage, Libc } from '../../../lib/image';
import { df, DIGEST, findingsOf, GOOD_BASE } from '../util';

const ID = 'CDL002';

describe('CDL002 final-base-unknown', () => {
  test.each([
    GOOD_BASE,
    'gcr.io/distroless/nodejs24-debian13:nonroot',
    'cgr.dev/chainguard/static:latest',
    'mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled',
    'scratch',
    'busybox:stable-musl',
    'golang:1.25-trixie', // known (a build image): CDL003 reports it, not CDL002
  ])('a catalog base passes: %s', ref => {
    expect(findingsOf(ID, df(`FROM ${ref}`, 'USER 65532:65532'))).toEqual([]);
  });

  test('fails if the final base is not in the catalog, naming it and what is allowed', () => {
    const findings = findingsOf(ID, df('FROM golang:1.25 AS build', '', 'FROM registry.example.com/team/runtime:1.0', 'USER 1000'));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ line: 3, column: 6, endLine: 3, endColumn: 43, level: 'error' });
    expect(findings[0].message).toMatch(/"registry.example.com\/team\/runtime:1.0" is not a known image/);
    expect(findings[0].message).toMatch(/Allowed: a cdk-distroless catalog image/);
    expect(findings[0].fix).toMatch(/BaseImage.fromRegistry\('registry.example.com\/team\/runtime:1.0'/);
  });

  test('only the final base matters: an unknown build-stage base is fine', () => {
    expect(findingsOf(ID, df('FROM registry.example.com/builder:1 AS build', `FROM ${GOOD_BASE}`))).toEqual([]);
  });

  test('fails if the final base is an ARG without a default', () => {
    const findings = findingsOf(ID, df('ARG BASE', 'FROM ${BASE}'));
    expect(findings.map(f => f.line)).toEqual([2]);
    expect(findings[0].message).toMatch(/uses \$BASE with no default value/);
    expect(findings[0].fix).toMatch(/ARG BASE=gcr.io\/distroless/);
  });

  test('fails if the final base uses an undeclared variable', () => {
    expect(findingsOf(ID, df('FROM gcr.io/distroless/static-${DEBIAN}:nonroot'))[0].message).toMatch(/\$DEBIAN/);
  });

  test('an invalid reference is left to CDL001', () => {
    expect(findingsOf(ID, df('FROM GCR.IO/Distroless/Static:nonroot'))).toEqual([]);
  });

  test('an image described in props.images is known', () => {
    const images = [BaseImage.fromRegistry('registry.example.com/team/runtime', {
      libc: Libc.GLIBC, hasShell: false, hasPackageManager: false, defaultUser: { uid: 10001, gid: 10001 },
    })];
    expect(findingsOf(ID, df(`FROM registry.example.com/team/runtime:2.0@${DIGEST}`), { images })).toEqual([]);
  });

  test('FROM without an image is left to CDL001', () => {
    expect(findingsOf(ID, df('FROM'))).toEqual([]);
  });
});
