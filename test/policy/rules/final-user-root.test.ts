import { BaseImage, Libc } from '../../../lib/image';
import { COMPLIANT, df, DIGEST, findingsOf, GOOD_BASE } from '../util';

const ID = 'CDL009';

describe('CDL009 final-user-root', () => {
  test('a numeric non-root USER passes', () => {
    expect(findingsOf(ID, COMPLIANT)).toEqual([]);
  });

  test.each(['nonroot', '65532', '65532:65532', '1000:0', 'app'])('USER %s passes', user => {
    expect(findingsOf(ID, df(`FROM ${GOOD_BASE}`, `USER ${user}`))).toEqual([]);
  });

  test('no USER on a base that runs as non-root passes (CDL105 warns)', () => {
    expect(findingsOf(ID, df(`FROM ${GOOD_BASE}`))).toEqual([]);
    expect(findingsOf(ID, df('FROM cgr.dev/chainguard/static:latest'))).toEqual([]);
    expect(findingsOf(ID, df('FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled'))).toEqual([]);
  });

  test.each(['root', '0', '0:0', 'root:root', '0:65532', '000', '+0', '-0:0'])('fails on USER %s', user => {
    const findings = findingsOf(ID, df(`FROM ${GOOD_BASE}`, 'USER 65532', `USER ${user}`, 'ENTRYPOINT ["/app"]'));
    expect(findings.map(f => [f.line, f.column])).toEqual([[3, 1]]);
    expect(findings[0].message).toMatch(new RegExp(`USER ${user.replace('+', '\\+')} in the final stage runs the container as root`));
    expect(findings[0].fix).toBe('Replace it with `USER 65532:65532`.');
  });

  test('the last USER wins: root then non-root passes', () => {
    expect(findingsOf(ID, df(`FROM ${GOOD_BASE}`, 'USER root', 'COPY a /a', 'USER 65532'))).toEqual([]);
  });

  test.each([
    [`gcr.io/distroless/static-debian13:latest@${DIGEST}`, '65532:65532'],
    ['gcr.io/distroless/static-debian13', '65532:65532'],
    ['scratch', '65532:65532'],
    ['busybox:stable-musl', '65534:65534'],
  ])('fails if there is no USER and %s runs as root, pointing at the FROM', (ref, user) => {
    const findings = findingsOf(ID, df('FROM golang:1.25 AS build', `FROM ${ref}`, 'COPY --from=build /app /app'));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ line: 2, column: 6 });
    expect(findings[0].message).toMatch(/has no USER and its base .* runs as root \(uid 0\) by default/);
    expect(findings[0].fix).toMatch(new RegExp(`^Add \`USER ${user}\``));
  });

  test('scratch gets a hint that numeric ids need no passwd', () => {
    expect(findingsOf(ID, df('FROM scratch'))[0].fix).toMatch(/scratch has no \/etc\/passwd/);
  });

  test('fails if there is no USER and the base is unknown', () => {
    expect(findingsOf(ID, df('FROM registry.example.com/x:1'))[0].message).toMatch(/default user of its base image is unknown/);
  });

  test('uses the user from props.images', () => {
    const images = [BaseImage.fromRegistry('registry.example.com/runtime', {
      libc: Libc.GLIBC, hasShell: false, hasPackageManager: false, defaultUser: { uid: 0, gid: 0 }, nonRootUser: { uid: 10001, gid: 10001 },
    })];
    expect(findingsOf(ID, df('FROM registry.example.com/runtime:1'), { images })[0].fix).toMatch(/USER 10001:10001/);
  });

  test('resolves USER variables from ARG and ENV defaults', () => {
    expect(findingsOf(ID, df(`FROM ${GOOD_BASE}`, 'ARG UID=65532', 'USER ${UID}:${UID}'))).toEqual([]);
    expect(findingsOf(ID, df(`FROM ${GOOD_BASE}`, 'ENV APP_USER=0', 'USER $APP_USER'))[0].message).toMatch(/USER 0 in the final stage runs the container as root/);
    expect(findingsOf(ID, df('ARG UID=0', `FROM ${GOOD_BASE}`, 'ARG UID', 'USER ${UID}'))).toHaveLength(1);
  });

  test('fails if USER uses a variable without a value', () => {
    const findings = findingsOf(ID, df(`FROM ${GOOD_BASE}`, 'ARG UID', 'USER ${UID}'));
    expect(findings.map(f => f.line)).toEqual([3]);
    expect(findings[0].message).toMatch(/cannot be resolved \(\$UID has no value\)/);
  });

  test('fails if USER expands to no user name (an empty ARG, or only a group), saying so', () => {
    const empty = findingsOf(ID, df(`FROM ${GOOD_BASE}`, 'ARG UID=', 'USER $UID'));
    expect(empty.map(f => f.line)).toEqual([3]);
    expect(empty[0].message).toMatch(/^USER \$UID in the final stage cannot be resolved \(it names no user: ""\), so it cannot be verified as non-root\./);
    expect(findingsOf(ID, df(`FROM ${GOOD_BASE}`, 'USER :0'))[0].message).toMatch(/USER :0 in the final stage cannot be resolved \(it names no user: ":0"\)/);
  });

  test('follows FROM <stage>: a USER in the parent stage counts', () => {
    expect(findingsOf(ID, df(`FROM gcr.io/distroless/static-debian13:latest@${DIGEST} AS base`, 'USER 65532', 'FROM base'))).toEqual([]);
    expect(findingsOf(ID, df(`FROM ${GOOD_BASE} AS base`, 'USER root', 'FROM base')).map(f => f.line)).toEqual([2]);
  });
});
