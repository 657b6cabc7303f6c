import { BaseImage, Libc } from '../../../lib/image';
import { COMPLIANT, df, findingsOf, GOOD_BASE, linesOf } from '../util';

const ID = 'CDL003';

describe('CDL003 final-base-build-image', () => {
  test('a distroless final stage after a build stage passes', () => {
    expect(findingsOf(ID, COMPLIANT)).toEqual([]);
  });

  test.each([
    ['golang:1.25-trixie', /distroless\/static-debian13:nonroot/],
    ['node:24-trixie-slim', /distroless\/nodejs24-debian13:nonroot/],
    ['python:3.13-slim-trixie', /distroless\/python3-debian13:nonroot/],
    ['maven:3.9-amazoncorretto-21-debian', /distroless\/java21-debian13:nonroot/],
    ['mcr.microsoft.com/dotnet/sdk:10.0', /dotnet\/aspnet:10.0-noble-chiseled/],
    ['alpine:3.22', /distroless\/static-debian13:nonroot/],
    ['debian:trixie-slim', /distroless/],
    ['cgr.dev/chainguard/node:latest-dev', /distroless\/nodejs24/],
  ])('fails if the final base is the build image %s, suggesting the runtime image', (ref, suggestion) => {
    const findings = findingsOf(ID, df(`FROM ${GOOD_BASE} AS unused`, `FROM ${ref}`, 'USER 65532'));
    expect(findings.map(f => f.line)).toEqual([2]);
    expect(findings[0].message).toMatch(/is a build image \(package manager: yes/);
    expect(findings[0].fix).toMatch(suggestion);
  });

  test('fails for a custom image with a package manager from props.images', () => {
    const images = [BaseImage.fromRegistry('registry.example.com/ubuntu-base', {
      libc: Libc.GLIBC, hasShell: true, hasPackageManager: true, defaultUser: { uid: 0, gid: 0 },
    })];
    expect(linesOf(ID, df('FROM registry.example.com/ubuntu-base:24.04'), { images })).toEqual([1]);
  });

  test('follows FROM <stage> to the real base', () => {
    expect(linesOf(ID, df('FROM node:24-trixie-slim AS deps', 'FROM deps AS app', 'FROM app'))).toEqual([1]);
  });

  test('BusyBox (no package manager) is not a build image', () => {
    expect(findingsOf(ID, df('FROM busybox:stable-musl'))).toEqual([]);
  });
});
