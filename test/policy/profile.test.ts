import { df, DIGEST, GOOD_BASE } from './util';
import { DockerfilePolicy } from '../../lib/policy';
import { _profile } from '../../lib/policy/profile';

function profile(...lines: string[]) {
  return _profile(new DockerfilePolicy()._lintWithAnalysis(df(...lines)).analysis);
}

describe('_profile: the final image read from the policy\'s analysis', () => {
  test('EXPOSE: ports, protocols, ranges and variables', () => {
    const p = profile(`FROM ${GOOD_BASE}`, 'ARG PORT=8080', 'EXPOSE $PORT 53/udp 9000-9002/tcp 8080');
    expect(p.ports.map(x => x.value)).toEqual([8080, 53, 9000, 9001, 9002]);
    expect(p.ports[0].line).toBe(3);
    expect(p.problems).toEqual([]);
  });

  test('EXPOSE: what is not a port is a problem with its line', () => {
    expect(profile(`FROM ${GOOD_BASE}`, 'EXPOSE http 0 1-70000').problems.map(x => x.message)).toEqual([
      'EXPOSE http is not a port', 'EXPOSE 0 is not a port or a range of at most 1000 ports from 1 to 65535',
      'EXPOSE 1-70000 is not a port or a range of at most 1000 ports from 1 to 65535',
    ]);
  });

  test('WORKDIR, VOLUME and COPY destinations: relative to the working directory', () => {
    const p = profile(`FROM ${GOOD_BASE}`, 'WORKDIR /srv', 'WORKDIR app', 'VOLUME cache ../logs', 'COPY ["a b", "bin/"]', 'COPY --chown=1:1 x .');
    expect(p.workdir).toBe('/srv/app');
    expect(p.volumes.map(v => v.value)).toEqual(['/srv/app/cache', '/srv/logs']);
    expect(p.copyDestinations).toEqual(['/srv/app/bin', '/srv/app']);
  });

  test('ENV: known values only; a later ENV without a known value removes the name', () => {
    const p = profile(`FROM ${GOOD_BASE}`, 'ARG V', 'ENV A=1 B=$V C=x', 'ENV C=$V SSL_CERT_FILE=/own.pem');
    // The base's ENV (distroless: PATH, SSL_CERT_FILE) under the stage's.
    expect(p.environment).toEqual({ PATH: expect.stringContaining('/usr/bin'), SSL_CERT_FILE: '/own.pem', A: '1' });
  });

  test('shell-form ENTRYPOINT and CMD are what Docker runs: /bin/sh -c', () => {
    const p = profile(`FROM ${GOOD_BASE}`, 'ENTRYPOINT /app run', 'CMD --fast');
    expect(p.entrypoint?.value).toEqual(['/bin/sh', '-c', '/app run']);
    expect(p.command?.value).toEqual(['/bin/sh', '-c', '--fast']);
  });

  test('build secrets of every stage; the id defaults to the target\'s base name; other mounts are not secrets', () => {
    const p = profile(`FROM golang:1.25@${DIGEST} AS build`, 'RUN --mount=type=cache,target=/root/.cache --mount=type=secret,id=netrc true',
      'RUN --mount=type=secret,target=/run/secrets/npmrc,required=true true', 'RUN --mount=type=secret,id=netrc true', `FROM ${GOOD_BASE}`);
    expect(p.secretIds).toEqual(['netrc', 'npmrc']);
  });

  test('declared and decisive ARGs: FROM anywhere; USER, VOLUME, EXPOSE and WORKDIR of the final chain', () => {
    const p = profile('ARG BASE=' + GOOD_BASE, `FROM golang:1.25@${DIGEST} AS build`, 'ARG VERSION=1', 'USER $VERSION', 'FROM ${BASE}', 'ARG UID=1', 'ARG DIR=/d', 'ARG FREE=x',
      'USER $UID:$UID', 'VOLUME $DIR', 'ENV X=$FREE');
    expect(p.declaredArgs).toEqual(['BASE', 'VERSION', 'UID', 'DIR', 'FREE']);
    expect([...p.decisiveArgs.entries()]).toEqual([['BASE', 5], ['UID', 9], ['DIR', 10]]);
  });

  test('quotes are removed and .NET\'s $APP_UID comes from the base image', () => {
    const p = profile(`FROM mcr.microsoft.com/dotnet/runtime-deps:9.0-noble-chiseled@${DIGEST}`, 'WORKDIR "/srv/app"', 'VOLUME "/data"', 'EXPOSE "8080"', 'USER $APP_UID');
    expect([p.workdir, p.volumes.map(v => v.value), p.ports.map(x => x.value)]).toEqual(['/srv/app', ['/data'], [8080]]);
    expect(p.user?.value).toBe('1654');
    expect(p.environment.APP_UID).toBe('1654');
  });

  test('stage names and scratch', () => {
    const p = profile(`FROM golang:1.25@${DIGEST} AS Build`, 'FROM scratch AS final', 'USER 1:1');
    expect(p.stageNames).toEqual(['build', 'final']);
    expect(p.scratch).toBe(true);
  });

  test('never throws on an empty or broken Dockerfile', () => {
    expect(profile('').volumes).toEqual([]);
    expect(profile('FROM', 'VOLUME [').problems.length).toBeGreaterThanOrEqual(0);
  });
});
