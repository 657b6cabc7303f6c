import * as fs from 'fs';
import * as path from 'path';
import { DIGEST, df, folder, goApp, nodeApp, STATIC, tmpdir, treeHash } from './util';
import { Runtime } from '../../lib/dockerfile';
import { BaseImage, DistrolessTag, Libc, RegistryMirror } from '../../lib/image';
import { CpuArchitecture, DistrolessImage, HealthCheck, ImageSourceKind } from '../../lib/workload';

const ECR = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';
const GOLANG = `golang:1.25@sha256:${'c'.repeat(64)}`;
const OWN_BASE = BaseImage.fromRegistry('registry.example.com/team/runtime', {
  libc: Libc.GLIBC, hasShell: false, hasPackageManager: false, defaultUser: { uid: 10001, gid: 10001 }, architectures: ['amd64'],
});

/** fromDockerfile on a folder holding just this Dockerfile. */
function image(lines: string[], options: Parameters<typeof DistrolessImage.fromDockerfile>[1] = {}): DistrolessImage {
  return DistrolessImage.fromDockerfile(folder({ Dockerfile: df(...lines) }), options);
}

describe('DistrolessImage.fromSource', () => {
  test('the profile is what the generator computed', () => {
    const dir = nodeApp();
    const img = DistrolessImage.fromSource(dir, {
      runtime: Runtime.nodejs({ entry: 'server.js' }),
      exposedPorts: [8080],
      writablePaths: ['/tmp', '/var/cache/app'],
      environment: { LOG_LEVEL: 'info' },
      command: ['--verbose'],
    });
    expect(img.kind).toBe(ImageSourceKind.SOURCE);
    expect(img.directory).toBe(fs.realpathSync(dir));
    expect(img.dockerfileName).toBe('Dockerfile');
    const p = img.profile;
    expect(p.user).toEqual({ uid: 65532, gid: 65532, name: 'nonroot', home: '/home/nonroot' });
    expect(p.writablePaths).toEqual(['/tmp', '/var/cache/app']);
    expect(p.ports).toEqual([8080]);
    expect(p.entrypoint).toEqual(['/nodejs/bin/node']);
    expect(p.command).toEqual(['/app/server.js', '--verbose']);
    // The base's own ENV (distroless sets PATH and SSL_CERT_FILE), then the generator's.
    expect(p.environment).toEqual({ ...BaseImage.googleNodejs().facts.environment, NODE_ENV: 'production', LOG_LEVEL: 'info' });
    expect(p.environment.SSL_CERT_FILE).toBe('/etc/ssl/certs/ca-certificates.crt');
    expect(p.workdir).toBe('/app');
    expect(p.baseImage?.repository).toBe('gcr.io/distroless/nodejs24-debian13');
    expect(p.hasShell).toBe(false);
    expect(p.libc).toBe(Libc.GLIBC);
    expect(p.buildSecretIds).toEqual([]);
    // fromSource builds the probe in by default.
    expect(p.healthProbePath).toBe(HealthCheck.PROBE_PATH);
    expect(p.lint?.errorCount).toBe(0);
    // Digest warnings of the generated FROMs are kept for the adapters.
    expect(img.warnings.map(w => w.ruleId).sort()).toEqual(expect.arrayContaining(['CDL101']));
    expect(img.warnings.every(w => w.level === 'warning')).toBe(true);
  });

  test('the generator\'s profile and the policy\'s analysis of the same Dockerfile agree', () => {
    const dir = goApp();
    const source = DistrolessImage.fromSource(dir, { runtime: Runtime.go(), exposedPorts: [8080, 9090], writablePaths: ['/tmp', '/app/data'], environment: { A: 'b' } });
    const written = folder({ Dockerfile: source.generator!.render() });
    const parsed = DistrolessImage.fromDockerfile(written);
    for (const key of ['writablePaths', 'ports', 'entrypoint', 'command', 'environment', 'workdir', 'hasShell', 'libc', 'architectures', 'healthProbePath'] as const) {
      expect([key, parsed.profile[key]]).toEqual([key, source.profile[key]]);
    }
    expect([parsed.profile.user.uid, parsed.profile.user.gid]).toEqual([source.profile.user.uid, source.profile.user.gid]);
  });

  test('the user\'s folder is never written to', () => {
    const dir = goApp({ Dockerfile: 'FROM mine\n' });
    const before = treeHash(dir);
    const img = DistrolessImage.fromSource(dir, { runtime: Runtime.go() });
    const staged = img.stage(tmpdir());
    expect(treeHash(dir)).toBe(before);
    // The generated Dockerfile wins over the user's in the staged context.
    expect(fs.readFileSync(path.join(staged.directory, 'Dockerfile'), 'utf8')).toBe(img.generator!.render());
  });

  test('registry mirrors and BaseImage.fromRegistry bases pass (regression: CDL002 with the default policy)', () => {
    const dir = goApp();
    const mirrors = [RegistryMirror.of('gcr.io/distroless', `${ECR}/distroless`), RegistryMirror.of('docker.io', `${ECR}/hub`)];
    expect(DistrolessImage.fromSource(dir, { runtime: Runtime.go(), registryMirrors: mirrors }).profile.baseImage?.reference)
      .toMatch(new RegExp(`^${ECR}/distroless/static-debian13:nonroot`));
    const own = BaseImage.fromRegistry(`registry.example.com/team/static:1@${DIGEST}`, {
      libc: Libc.NONE, hasShell: false, hasPackageManager: false, defaultUser: { uid: 10001, gid: 10001 }, architectures: ['arm64'],
    });
    const img = DistrolessImage.fromSource(dir, { runtime: Runtime.go(), baseImage: own, platform: CpuArchitecture.ARM64 });
    expect(img.profile.user).toEqual({ uid: 10001, gid: 10001 });
    expect(img.profile.architectures).toEqual([CpuArchitecture.ARM64]);
    expect(img.platform).toBe(CpuArchitecture.ARM64);
  });

  test('buildCaBundle: the ca secret defaults to the build machine\'s bundle', () => {
    const img = DistrolessImage.fromSource(goApp(), { runtime: Runtime.go(), buildCaBundle: true });
    expect(img.profile.buildSecretIds).toEqual(['ca']);
    expect(img.buildSecrets).toEqual({ ca: '/etc/ssl/certs/ca-certificates.crt' });
    const own = DistrolessImage.fromSource(goApp(), { runtime: Runtime.go(), buildCaBundle: true, buildSecrets: { ca: '/opt/corp-ca.pem' } });
    expect(own.buildSecrets).toEqual({ ca: '/opt/corp-ca.pem' });
  });

  test('defaults: no platform, no build args, no build secrets', () => {
    const img = DistrolessImage.fromSource(goApp(), { runtime: Runtime.go() });
    expect(img.platform).toBeUndefined();
    expect(img.buildArgs).toEqual({});
    expect(img.buildSecrets).toEqual({});
    expect(img.target).toBeUndefined();
  });

  test('fails if the directory is not a folder', () => {
    expect(() => DistrolessImage.fromSource('/nonexistent/app', { runtime: Runtime.go() }))
      .toThrow(/DistrolessImage.fromSource: "\/nonexistent\/app" is not a folder. Give the path of the application's folder/);
    expect(() => DistrolessImage.fromSource(undefined as unknown as string, { runtime: Runtime.go() })).toThrow(/undefined is not a folder/);
  });

  test('fails if the generator rejects an option, naming the API and the folder', () => {
    expect(() => DistrolessImage.fromSource(nodeApp(), { runtime: Runtime.nodejs(), writablePaths: ['/app'] }))
      .toThrow(/DistrolessImage.fromSource\(".*"\): DistrolessDockerfile: writablePaths "\/app" is the workdir/);
    expect(() => DistrolessImage.fromSource(folder({}), undefined as never)).toThrow(/options must be an object with at least \{ runtime \}/);
  });

  test('fails if the generated Dockerfile fails the policy (a debug base), with the one policy message', () => {
    const debug = BaseImage.googleStatic({ tag: DistrolessTag.DEBUG_NONROOT });
    expect(() => DistrolessImage.fromSource(goApp(), { runtime: Runtime.go(), baseImage: debug }))
      .toThrow(/^DistrolessImage.fromSource: .* fails the Dockerfile policy:\n {2}CDL004 /);
  });

  test('fails if build args are given: the generated Dockerfile declares no ARG', () => {
    expect(() => DistrolessImage.fromSource(goApp(), { runtime: Runtime.go(), buildArgs: { VERSION: '1' } }))
      .toThrow(/build arg VERSION is not declared by any ARG of the Dockerfile \(declared: \[\]\)/);
  });

  test('fails if a build secret is not mounted by the generated Dockerfile', () => {
    expect(() => DistrolessImage.fromSource(goApp(), { runtime: Runtime.go(), buildSecrets: { npm: '/x' } }))
      .toThrow(/build secret "npm" is not mounted by the Dockerfile \(mounted: \[\]\)/);
  });

  test('fails if the platform is not an architecture of the base', () => {
    const own = BaseImage.fromRegistry(`registry.example.com/team/static:1@${DIGEST}`, {
      libc: Libc.NONE, hasShell: false, hasPackageManager: false, defaultUser: { uid: 10001, gid: 10001 }, architectures: ['amd64'],
    });
    expect(() => DistrolessImage.fromSource(goApp(), { runtime: Runtime.go(), baseImage: own, platform: CpuArchitecture.ARM64 }))
      .toThrow(/platform "arm64" is not an architecture of the final base image \(\["amd64"\]\)/);
    expect(() => DistrolessImage.fromSource(goApp(), { runtime: Runtime.go(), platform: 'riscv64' as CpuArchitecture }))
      .toThrow(/platform must be one of CpuArchitecture.AMD64, CpuArchitecture.ARM64, got \["riscv64"\]/);
  });
});

describe('DistrolessImage.fromDockerfile: the profile of a hand-written Dockerfile', () => {
  test('numeric USER, EXPOSE, VOLUME, ENTRYPOINT, CMD, ENV, WORKDIR', () => {
    const img = image([
      `FROM ${GOLANG} AS build`, 'RUN go build -o /out/app .',
      `FROM ${STATIC}`, 'COPY --from=build /out/app /app/app', 'ENV MODE=prod', 'WORKDIR /app', 'USER 10001:10001',
      'EXPOSE 8080 9090/tcp', 'VOLUME ["/tmp"]', 'ENTRYPOINT ["/app/app"]', 'CMD ["serve"]',
    ]);
    expect(img.kind).toBe(ImageSourceKind.DOCKERFILE);
    expect(img.profile).toMatchObject({
      user: { uid: 10001, gid: 10001 },
      ports: [8080, 9090],
      writablePaths: ['/tmp'],
      entrypoint: ['/app/app'],
      command: ['serve'],
      environment: { ...BaseImage.googleStatic().facts.environment, MODE: 'prod' },
      workdir: '/app',
      hasShell: false,
      libc: Libc.NONE,
      architectures: [CpuArchitecture.AMD64, CpuArchitecture.ARM64],
      buildSecretIds: [],
      healthProbePath: undefined,
    });
    expect(img.profile.baseImage?.repository).toBe('gcr.io/distroless/static-debian13');
    expect(img.warnings).toEqual([]);
  });

  test('USER from an ARG (global default redeclared in the stage) and from an ENV', () => {
    expect(image(['ARG UID=10001', `FROM ${STATIC}`, 'ARG UID', 'USER ${UID}:${UID}']).profile.user).toEqual({ uid: 10001, gid: 10001 });
    expect(image([`FROM ${STATIC}`, 'ARG APP_UID=2000', 'USER $APP_UID:$APP_UID']).profile.user).toEqual({ uid: 2000, gid: 2000 });
    expect(image([`FROM ${STATIC}`, 'ENV RUN_AS=3000', 'USER $RUN_AS:$RUN_AS']).profile.user).toEqual({ uid: 3000, gid: 3000 });
  });

  test('USER $APP_UID on .NET: the variable the base image defines, and the base\'s group for that uid', () => {
    const img = image([`FROM mcr.microsoft.com/dotnet/aspnet:9.0-noble-chiseled@${DIGEST}`, 'COPY app/ /app/', 'USER $APP_UID', 'ENTRYPOINT ["dotnet", "/app/App.dll"]']);
    expect(img.profile.user).toMatchObject({ uid: 1654, gid: 1654 });
    expect(img.profile.environment).toMatchObject({ APP_UID: '1654', ASPNETCORE_HTTP_PORTS: '8080' });
  });

  test('no USER on a :nonroot base: the base\'s default user, 65532', () => {
    expect(image([`FROM ${STATIC}`, 'CMD ["/app"]']).profile.user).toEqual({ uid: 65532, gid: 65532, name: 'nonroot', home: '/home/nonroot' });
  });

  test('USER by a name the base is known to have, and a uid the base lists, get their numbers', () => {
    const named = image([`FROM ${STATIC}`, 'USER nonroot']);
    expect(named.profile.user).toMatchObject({ uid: 65532, gid: 65532 });
    expect(named.warnings.map(w => w.ruleId)).toEqual(['CDL104']);
    expect(image([`FROM ${STATIC}`, 'USER 65532']).profile.user).toMatchObject({ uid: 65532, gid: 65532 });
  });

  test('VOLUME in JSON and plain forms, several, relative to WORKDIR, duplicates once', () => {
    const img = image([`FROM ${STATIC}`, 'WORKDIR /srv', 'ARG CACHE=/var/cache/app', 'VOLUME ["/tmp", "$CACHE"]', 'VOLUME /data/ logs', 'VOLUME /tmp', 'USER 65532:65532']);
    expect(img.profile.writablePaths).toEqual(['/tmp', '/var/cache/app', '/data', '/srv/logs']);
  });

  test('several stages: the final stage continues another (FROM <stage>); ENV and USER carry over', () => {
    const img = image([
      `FROM ${STATIC} AS runtime`, 'ENV A=1', 'USER 10001:10001', 'EXPOSE 8080', 'CMD ["/app", "--inherited"]',
      `FROM ${GOLANG} AS build`, 'RUN go build',
      'FROM runtime', 'COPY --from=build /out/app /app', 'ENTRYPOINT ["/app"]',
    ]);
    expect(img.profile).toMatchObject({ user: { uid: 10001, gid: 10001 }, environment: { A: '1' }, ports: [8080], entrypoint: ['/app'] });
    // ENTRYPOINT in a later stage resets the CMD it inherited, as Docker does.
    expect(img.profile.command).toEqual([]);
  });

  test('a CMD in the same stage as ENTRYPOINT stays, before or after it', () => {
    expect(image([`FROM ${STATIC}`, 'CMD ["--x"]', 'ENTRYPOINT ["/app"]']).profile.command).toEqual(['--x']);
  });

  test('no ENTRYPOINT: the base image\'s own', () => {
    const img = image([`FROM gcr.io/distroless/python3-debian13:nonroot@${DIGEST}`, 'COPY app.py /app/app.py', 'CMD ["/app/app.py"]']);
    expect(img.profile.entrypoint).toEqual(['/usr/bin/python3.13']);
    expect(img.profile.libc).toBe(Libc.GLIBC);
  });

  test('scratch with a numeric USER', () => {
    const img = image([`FROM ${GOLANG} AS build`, 'RUN go build -o /app', 'FROM scratch', 'COPY --from=build /app /app', 'USER 65532:65532', 'ENTRYPOINT ["/app"]']);
    expect(img.profile).toMatchObject({ user: { uid: 65532, gid: 65532 }, libc: Libc.NONE, hasShell: false, writablePaths: [] });
    expect(img.profile.baseImage?.isScratch).toBe(true);
  });

  test('build secrets the Dockerfile mounts are in the profile and may be given', () => {
    const img = image([
      `FROM ${GOLANG} AS build`, 'RUN --mount=type=secret,id=netrc,target=/root/.netrc go build', 'RUN --mount=type=secret,target=/run/secrets/npmrc true',
      `FROM ${STATIC}`, 'COPY --from=build /out/app /app',
    ], { buildSecrets: { netrc: '/home/ci/.netrc' } });
    expect(img.profile.buildSecretIds).toEqual(['netrc', 'npmrc']);
    expect(img.buildSecrets).toEqual({ netrc: '/home/ci/.netrc' });
  });

  test('build args declared by an ARG that decides nothing the policy checked', () => {
    const img = image([`FROM ${GOLANG} AS build`, 'ARG VERSION=dev', 'RUN go build -ldflags "-X main.version=$VERSION"', `FROM ${STATIC}`, 'COPY --from=build /app /app'],
      { buildArgs: { VERSION: '1.2.3' }, platform: CpuArchitecture.ARM64 });
    expect(img.buildArgs).toEqual({ VERSION: '1.2.3' });
    expect(img.platform).toBe(CpuArchitecture.ARM64);
  });

  test('target: the profile is the target stage\'s, as the policy checked it; later stages do not count', () => {
    const img = image([
      `FROM ${GOLANG} AS build`, 'RUN go build -o /out/app',
      `FROM ${STATIC} AS runtime`, 'COPY --from=build /out/app /app', 'USER 10001:10001', 'EXPOSE 8080', 'ENTRYPOINT ["/app"]',
      `FROM ${GOLANG} AS test`, 'USER root', 'RUN go test ./...',
    ], { target: 'Runtime' });
    expect(img.target).toBe('Runtime');
    expect(img.profile).toMatchObject({ user: { uid: 10001, gid: 10001 }, ports: [8080], entrypoint: ['/app'], libc: Libc.NONE });
    expect(() => image([`FROM ${STATIC} AS runtime`, 'USER 65532:65532', `FROM ${GOLANG} AS test`, 'USER root'])).toThrow(/CDL009/);
  });

  test('a probe copied to HealthCheck.PROBE_PATH is found; another path can be named', () => {
    const probe = image([`FROM ${GOLANG} AS build`, `FROM ${STATIC}`, `COPY --from=build /out/probe ${HealthCheck.PROBE_PATH}`]);
    expect(probe.profile.healthProbePath).toBe(HealthCheck.PROBE_PATH);
    const own = image([`FROM ${GOLANG} AS build`, `FROM ${STATIC}`, 'COPY --from=build /out/ /app/'], { healthProbePath: '/app/healthcheck' });
    expect(own.profile.healthProbePath).toBe('/app/healthcheck');
    expect(own.healthCommand(HealthCheck.tcp(8080))).toEqual(['/app/healthcheck', 'tcp', '8080', '--timeout', '5']);
  });

  test('file: a Dockerfile in a subfolder; registryMirrors and images reach the policy', () => {
    const dir = folder({ 'docker/Dockerfile.prod': df(`FROM ${ECR}/distroless/static-debian13:nonroot@${DIGEST}`, 'USER 65532:65532') });
    const img = DistrolessImage.fromDockerfile(dir, { file: 'docker/Dockerfile.prod', registryMirrors: [RegistryMirror.of('gcr.io/distroless', `${ECR}/distroless`)] });
    expect(img.dockerfileName).toBe('docker/Dockerfile.prod');
    expect(img.profile.lint?.file).toBe(path.join(dir, 'docker/Dockerfile.prod'));
    const own = image([`FROM registry.example.com/team/runtime:1@${DIGEST}`, 'USER 10001:10001'], { images: [OWN_BASE] });
    expect(own.profile.architectures).toEqual([CpuArchitecture.AMD64]);
    expect(own.profile.libc).toBe(Libc.GLIBC);
  });

  test('a suppressed unknown base: the user option states the user, the facts are the conservative ones', () => {
    const img = image([`FROM registry.example.com/team/unknown:1@${DIGEST}`, 'USER app'],
      { suppressions: [{ ruleId: 'CDL002', reason: 'audited by the platform team (SEC-42)' }], user: { uid: 10001, gid: 10001 } });
    expect(img.profile).toMatchObject({ user: { uid: 10001, gid: 10001 }, hasShell: false, libc: Libc.GLIBC, baseImage: undefined });
    expect(img.profile.lint?.findings.find(f => f.ruleId === 'CDL002')?.suppressed).toBe(true);
  });

  test('defaults: file Dockerfile, no target, no writable paths without VOLUME, no ports, no probe', () => {
    const img = image([`FROM ${STATIC}`, 'USER 65532:65532']);
    expect(img.dockerfileName).toBe('Dockerfile');
    expect(img.target).toBeUndefined();
    expect(img.profile.writablePaths).toEqual([]);
    expect(img.profile.ports).toEqual([]);
    expect(img.profile.healthProbePath).toBeUndefined();
    expect(img.profile.workdir).toBeUndefined();
  });
});

describe('DistrolessImage.fromDockerfile: rejections', () => {
  test('fails if the Dockerfile fails the policy: one message with every unsuppressed error', () => {
    let message = '';
    try {
      image(['FROM golang:1.25', 'RUN go build', 'USER root', 'CMD go run .']);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^DistrolessImage.fromDockerfile: .*Dockerfile fails the Dockerfile policy:\n/);
    for (const id of ['CDL003', 'CDL005', 'CDL006', 'CDL009']) {
      expect(message).toMatch(new RegExp(`\\n  ${id} .*Dockerfile:\\d+: .*\\n    fix: `));
    }
    expect(message).not.toMatch(/CDL10\d/);
  });

  test('fails if the user runs as root even with the policy error suppressed', () => {
    expect(() => image([`FROM ${STATIC}`, 'USER 0:0'], { suppressions: [{ ruleId: 'CDL009', reason: 'legacy image, ticket OPS-1' }] }))
      .toThrow(/the image runs as root \(uid 0\) \(USER 0:0 on line 2\)\. A workload never runs as root/);
  });

  test('fails if USER names a user on a base whose passwd is not known, unless user states it', () => {
    expect(() => image([`FROM registry.example.com/team/runtime:1@${DIGEST}`, 'USER app'], { images: [OWN_BASE] }))
      .toThrow(/USER app on line 2 names a user whose uid cannot be known: the base's \/etc\/passwd is not known .*Write the numeric ids, e\.g\. `USER 65532:65532`, or state them with the user option/);
    expect(image([`FROM registry.example.com/team/runtime:1@${DIGEST}`, 'USER app'], { images: [OWN_BASE], user: { uid: 10001, gid: 10001 } }).profile.user)
      .toEqual({ uid: 10001, gid: 10001 });
  });

  test('fails if USER names a user on scratch, which has no /etc/passwd', () => {
    expect(() => image(['FROM scratch', 'USER nonroot'], { suppressions: [{ ruleId: 'CDL104', reason: 'testing the profile only' }], user: { uid: 1, gid: 1 } }))
      .toThrow(/USER nonroot on line 2 is a name, but the base has no \/etc\/passwd/);
  });

  test('fails if USER gives a uid without a group the base is known to list', () => {
    expect(() => image([`FROM ${STATIC}`, 'USER 10001'])).toThrow(/USER 10001 on line 2 gives no group.*group 0 \(root's group\)\. Write `USER 10001:10001`/);
    expect(image([`FROM ${STATIC}`, 'USER 10001'], { user: { uid: 10001, gid: 10001 } }).profile.user).toEqual({ uid: 10001, gid: 10001 });
  });

  test('fails if the user option disagrees with the Dockerfile', () => {
    expect(() => image([`FROM ${STATIC}`, 'USER 10001:10001'], { user: { uid: 2000, gid: 2000 } }))
      .toThrow(/the user option 2000:2000 disagrees with the Dockerfile, which runs as 10001:10001/);
  });

  test('fails if the user option is root or not numeric', () => {
    expect(() => image([`FROM ${STATIC}`], { user: { uid: 0, gid: 0 } })).toThrow(/user \{"uid":0,"gid":0\} is root \(uid 0\)/);
    expect(() => image([`FROM ${STATIC}`], { user: { uid: 'app' } as never })).toThrow(/user must have numeric uid and gid/);
  });

  test('fails if a VOLUME covers what the image copied in, or a system directory', () => {
    expect(() => image([`FROM ${STATIC}`, 'WORKDIR /app', 'COPY app/ .', 'VOLUME /app', 'USER 65532:65532']))
      .toThrow(/VOLUME "\/app" on line 4 is the workdir "\/app", where the application is installed: .*Kubernetes emptyDir mounted there would hide it/);
    expect(() => image([`FROM ${STATIC}`, 'COPY app/ /srv/app/', 'VOLUME /srv', 'USER 65532:65532']))
      .toThrow(/VOLUME "\/srv" on line 3 overlaps "\/srv\/app", where the application's files are copied/);
    // A COPY to the volume itself only creates its directory, owned by the user.
    expect(image([`FROM ${GOLANG} AS build`, `FROM ${STATIC}`, 'COPY --from=build --chown=65532:65532 /empty /data', 'VOLUME /data', 'USER 65532:65532']).profile.writablePaths).toEqual(['/data']);
    expect(() => image([`FROM ${STATIC}`, 'COPY config.yaml /etc/app/config.yaml', 'VOLUME /etc/app', 'USER 65532:65532'])).toThrow(/VOLUME "\/etc\/app" on line 3 overlaps/);
    expect(() => image([`FROM ${STATIC}`, 'VOLUME /var', 'USER 65532:65532'])).toThrow(/VOLUME "\/var" on line 2 is a system directory/);
    expect(image([`FROM ${STATIC}`, 'COPY app /app/app', 'VOLUME /app/data', 'USER 65532:65532']).profile.writablePaths).toEqual(['/app/data']);
  });

  test('fails if a VOLUME or EXPOSE uses a variable without a value', () => {
    expect(() => image([`FROM ${STATIC}`, 'ARG DATA', 'VOLUME $DATA', 'USER 65532:65532']))
      .toThrow(/the image's profile cannot be read: line 3: VOLUME \$DATA uses \$DATA without a value/);
    expect(() => image([`FROM ${STATIC}`, 'EXPOSE $PORT', 'USER 65532:65532'])).toThrow(/line 2: EXPOSE \$PORT is not a port \(\$PORT has no value\)/);
  });

  test('fails if the Dockerfile is missing, outside the folder, or absolute', () => {
    expect(() => DistrolessImage.fromDockerfile(goApp())).toThrow(/there is no Dockerfile "Dockerfile" in .*cdk-distroless init/);
    expect(() => DistrolessImage.fromDockerfile(folder({}), { file: '../Dockerfile' })).toThrow(/file "..\/Dockerfile" is outside the folder/);
    expect(() => DistrolessImage.fromDockerfile(folder({}), { file: '/etc/Dockerfile' })).toThrow(/file "\/etc\/Dockerfile" must be the Dockerfile's path relative to the folder/);
  });

  test('fails if target is not a stage (the policy\'s CDL001), or not a stage name', () => {
    expect(() => image([`FROM ${STATIC} AS runtime`, 'USER 65532:65532'], { target: 'nope' }))
      .toThrow(/fails the Dockerfile policy:\n {2}CDL001 .*target "nope": no stage is named so.*\n.*\n1 error\. /);
    expect(() => image([`FROM ${STATIC} AS runtime`, 'USER 65532:65532'], { target: 'nope', suppressions: [{ ruleId: 'CDL001', reason: 'testing the profile check' }] }))
      .toThrow(/target "nope" is not a stage of the Dockerfile \(stages: \["runtime"\]\)/);
    expect(() => image([`FROM ${STATIC} AS runtime`, 'USER 65532:65532'], { target: 'bad name!' })).toThrow(/target "bad name!" is not a stage name/);
    expect(image([`FROM ${STATIC} AS runtime`, 'USER 65532:65532'], { target: 'runtime' }).target).toBe('runtime');
  });

  test('fails if a build arg looks like a secret, is not declared, or overrides what the policy checked', () => {
    const lines = ['ARG BASE=' + STATIC, `FROM ${GOLANG} AS build`, 'ARG VERSION=dev', 'FROM $BASE', 'USER 65532:65532'];
    expect(() => image(lines, { buildArgs: { NPM_TOKEN: 'x' } }))
      .toThrow(/build arg NPM_TOKEN looks like a secret \(its name contains TOKEN\).*buildSecrets: \{ npm_token: '<path on the build machine>' \}/);
    expect(() => image(lines, { buildArgs: { VERSON: '1' } })).toThrow(/build arg VERSON is not declared by any ARG of the Dockerfile \(declared: \["BASE","VERSION"\]\)/);
    expect(() => image(lines, { buildArgs: { BASE: 'ubuntu' } })).toThrow(/build arg BASE would override an ARG used on line 4 to choose a base image, the user/);
    expect(() => image(lines, { buildArgs: { 'BAD-NAME': '1' } })).toThrow(/buildArgs name "BAD-NAME" is not an ARG name/);
    expect(() => image(lines, { buildArgs: { VERSION: 1 as unknown as string } })).toThrow(/buildArgs\["VERSION"\] must be a string, got 1/);
  });

  test('fails if a build secret is not mounted, or its id or path cannot be passed', () => {
    const lines = [`FROM ${GOLANG} AS build`, 'RUN --mount=type=secret,id=npm true', `FROM ${STATIC}`, 'USER 65532:65532'];
    expect(() => image(lines, { buildSecrets: { nmp: '/x' } })).toThrow(/build secret "nmp" is not mounted by the Dockerfile \(mounted: \["npm"\]\)/);
    expect(() => image(lines, { buildSecrets: { 'n p': '/x' } })).toThrow(/buildSecrets id "n p" is not a secret id/);
    expect(() => image(lines, { buildSecrets: { npm: '/a,b' } })).toThrow(/buildSecrets\["npm"\] "\/a,b" is not a file path that `--secret id=npm,src=...` can carry/);
  });

  test('fails if healthProbePath is not where the final stage copies anything', () => {
    expect(() => image([`FROM ${STATIC}`, 'COPY app /app/app', 'USER 65532:65532'], { healthProbePath: '/probe' }))
      .toThrow(/healthProbePath "\/probe" is not where the final stage copies anything \(COPY\/ADD destinations: \["\/app\/app"\]\)/);
    expect(() => image([`FROM ${STATIC}`], { healthProbePath: 'probe' })).toThrow(/healthProbePath "probe" is not allowed: it is not absolute/);
  });

  test('fails if images or registryMirrors hold the wrong things', () => {
    expect(() => image([`FROM ${STATIC}`], { images: ['x' as never] })).toThrow(/images\[0\] must be a BaseImage/);
    expect(() => image([`FROM ${STATIC}`], { registryMirrors: [{}] as never })).toThrow(/registryMirrors\[0\] must be a RegistryMirror/);
  });
});

describe('DistrolessImage.fromRegistry', () => {
  const ref = `${ECR}/api@${DIGEST}`;

  test('a pinned image with a numeric non-root user; defaults', () => {
    const img = DistrolessImage.fromRegistry(ref, { user: { uid: 65532, gid: 65532 } });
    expect(img.kind).toBe(ImageSourceKind.REGISTRY);
    expect(img.reference).toBe(ref);
    expect(img.directory).toBeUndefined();
    expect(img.dockerfileName).toBeUndefined();
    expect(img.profile).toMatchObject({
      user: { uid: 65532, gid: 65532 },
      writablePaths: ['/tmp'],
      ports: [],
      architectures: [CpuArchitecture.AMD64],
      hasShell: false,
      libc: Libc.GLIBC,
      healthProbePath: undefined,
      baseImage: undefined,
      buildSecretIds: [],
      entrypoint: [],
      command: [],
    });
    expect(img.profile.lint).toBeUndefined();
    expect(img.warnings).toEqual([]);
  });

  test('options describe it: base facts, ports, paths, architectures, probe', () => {
    const img = DistrolessImage.fromRegistry(ref, {
      user: { uid: 1654, gid: 1654 },
      baseImage: BaseImage.googleStatic(),
      ports: [8080, 8080],
      writablePaths: ['/tmp/', '/data'],
      architectures: [CpuArchitecture.ARM64],
      healthProbePath: HealthCheck.PROBE_PATH,
    });
    expect(img.profile).toMatchObject({ ports: [8080], writablePaths: ['/tmp', '/data'], architectures: [CpuArchitecture.ARM64], libc: Libc.NONE, healthProbePath: HealthCheck.PROBE_PATH });
  });

  test('a tag with a reasoned waiver', () => {
    const img = DistrolessImage.fromRegistry(`${ECR}/api:1.4.2`, { user: { uid: 10001, gid: 10001 }, pinWaiver: 'ECR tag immutability is on for this repository' });
    expect(img.pinWaiver).toBe('ECR tag immutability is on for this repository');
  });

  test('fails if it is not pinned and has no waiver, or the waiver gives no reason', () => {
    expect(() => DistrolessImage.fromRegistry(`${ECR}/api:1`, { user: { uid: 1, gid: 1 } })).toThrow(/is not pinned by digest.*Append @sha256:<digest>.*or set pinWaiver/);
    expect(() => DistrolessImage.fromRegistry(`${ECR}/api:1`, { user: { uid: 1, gid: 1 }, pinWaiver: 'no' })).toThrow(/pinWaiver must be a reason of at least 10 characters/);
  });

  test('fails if the user is missing, root or not numeric', () => {
    expect(() => DistrolessImage.fromRegistry(ref, {} as never)).toThrow(/user is required: the numeric, non-root user/);
    expect(() => DistrolessImage.fromRegistry(ref, { user: { uid: 0, gid: 0 } })).toThrow(/user \{"uid":0,"gid":0\} is root \(uid 0\)/);
    expect(() => DistrolessImage.fromRegistry(ref, { user: { uid: -1, gid: 1 } })).toThrow(/user must have numeric uid and gid/);
  });

  test('fails if the reference, ports, paths, architectures or base are not valid', () => {
    expect(() => DistrolessImage.fromRegistry('Not A Reference', { user: { uid: 1, gid: 1 } })).toThrow(/"Not A Reference" is not an image reference/);
    expect(() => DistrolessImage.fromRegistry(ref, { user: { uid: 1, gid: 1 }, ports: [0] })).toThrow(/ports\[0\] 0 is not a port/);
    expect(() => DistrolessImage.fromRegistry(ref, { user: { uid: 1, gid: 1 }, writablePaths: ['tmp'] })).toThrow(/writablePaths\[0\] "tmp" is not allowed: it is not absolute/);
    expect(() => DistrolessImage.fromRegistry(ref, { user: { uid: 1, gid: 1 }, architectures: [] })).toThrow(/architectures must be a non-empty list of CpuArchitecture.AMD64, CpuArchitecture.ARM64/);
    expect(() => DistrolessImage.fromRegistry(ref, { user: { uid: 1, gid: 1 }, baseImage: 'gcr.io/distroless/static' as never })).toThrow(/baseImage must be a BaseImage/);
  });

  test('fails if staged: there is no build context', () => {
    expect(() => DistrolessImage.fromRegistry(ref, { user: { uid: 1, gid: 1 } }).stage(tmpdir())).toThrow(/is a registry image; there is no build context to stage/);
  });
});
