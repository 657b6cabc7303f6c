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

describe('CDL003 advice keeps the app kind and version', () => {
  test.each([
    ['mcr.microsoft.com/dotnet/runtime-deps:8.0', /^Replace it with `FROM mcr\.microsoft\.com\/dotnet\/runtime-deps:8\.0-noble-chiseled@sha256:<digest>`/],
    ['mcr.microsoft.com/dotnet/runtime:9.0', /^Replace it with `FROM mcr\.microsoft\.com\/dotnet\/runtime:9\.0-noble-chiseled@/],
    ['mcr.microsoft.com/dotnet/aspnet:10.0-noble', /^Replace it with `FROM mcr\.microsoft\.com\/dotnet\/aspnet:10\.0-noble-chiseled@/],
    ['node:22-bookworm-slim', /distroless\/nodejs22-debian13:nonroot/],
    ['maven:3.9-eclipse-temurin-17', /distroless\/java17-debian13:nonroot/],
  ])('fails if the final base is %s, suggesting its shell-less twin', (ref, fix) => {
    const [finding] = findingsOf(ID, df(`FROM ${ref}`, 'USER 1654'));
    expect(finding.fix).toMatch(fix);
    expect(finding.fix).not.toMatch(/distroless\/static/);
  });

  test.each([
    ['node:18-bookworm-slim', /distroless\/nodejs24-debian13:nonroot/],
    ['maven:3.9-eclipse-temurin-11', /distroless\/java21-debian13:nonroot/],
    ['mcr.microsoft.com/dotnet/runtime:7.0', /^Replace it with `FROM mcr\.microsoft\.com\/dotnet\/runtime:10\.0-noble-chiseled@/],
  ])('fails if the final base is %s, a version the catalog has no distroless image for: the default version is suggested', (ref, fix) => {
    const [finding] = findingsOf(ID, df(`FROM ${ref}`, 'USER 1654'));
    expect(finding.fix).toMatch(fix);
  });

  test('a self-contained .NET app on runtime-deps is never told to use distroless static or an ASP.NET image', () => {
    const [finding] = findingsOf(ID, df('FROM mcr.microsoft.com/dotnet/runtime-deps:8.0', 'COPY app /app', 'USER $APP_UID', 'ENTRYPOINT ["/app/app"]'));
    expect(finding.fix).not.toMatch(/static|aspnet/);
  });

  test('the SDK as final base gets each chiseled flavor with what it is for', () => {
    const [finding] = findingsOf(ID, df('FROM mcr.microsoft.com/dotnet/sdk:8.0', 'USER 1654'));
    expect(finding.fix).toMatch(/aspnet:8\.0-noble-chiseled@sha256:<digest>` for ASP\.NET Core apps, .*runtime:8\.0-noble-chiseled@sha256:<digest>` for console apps and workers, .*runtime-deps:8\.0-noble-chiseled@sha256:<digest>` for self-contained apps/);
  });

  test('passes if the final base is a chiseled or Azure Linux distroless .NET image', () => {
    for (const ref of ['mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled', 'mcr.microsoft.com/dotnet/aspnet:8.0-azurelinux3.0-distroless',
      'mcr.microsoft.com/dotnet/runtime:9.0-azurelinux3.0-distroless-extra']) {
      expect(findingsOf(ID, df(`FROM ${ref}`, 'USER $APP_UID'))).toEqual([]);
    }
  });
});
