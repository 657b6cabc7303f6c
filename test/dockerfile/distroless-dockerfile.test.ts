import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { dockerInstructions, envOf, execForm, finalStage, labelsOf } from './parse';
import { DistrolessDockerfile, DistrolessDockerfileProps, JavaBuild, Runtime } from '../../lib/dockerfile';
import { BaseImage, DistrolessTag, ImageUser, Libc, RegistryMirror } from '../../lib/image';

const DIGEST = `sha256:${'a'.repeat(64)}`;

function gen(props: Partial<DistrolessDockerfileProps> = {}): DistrolessDockerfile {
  return new DistrolessDockerfile({ runtime: Runtime.go(), ...props });
}

function final(props: Partial<DistrolessDockerfileProps> = {}) {
  return finalStage(gen(props).render());
}

function keywordArgs(props: Partial<DistrolessDockerfileProps>, keyword: string): string[] {
  return final(props).filter(i => i.keyword === keyword).map(i => i.args);
}

describe('defaults', () => {
  test('baseImage: the runtime\'s default final image', () => {
    const g = gen();
    expect(g.finalImage.reference).toBe(Runtime.go().defaultFinalImage.reference);
    expect(g.runtime.name).toBe('go');
  });

  test('user: the base image\'s non-root user (65532 on Google distroless)', () => {
    const g = gen();
    expect(g.user).toMatchObject({ uid: 65532, gid: 65532 });
    expect(keywordArgs({}, 'USER')).toEqual(['65532:65532']);
  });

  test('user: 65532 on Chainguard', () => {
    expect(gen({ baseImage: BaseImage.chainguardStatic() }).user.uid).toBe(65532);
  });

  test('user: 1654 on chiseled .NET', () => {
    expect(new DistrolessDockerfile({ runtime: Runtime.dotnet() }).user.uid).toBe(1654);
  });

  test('user: on a root-default distroless tag, its nonroot user is still used', () => {
    expect(keywordArgs({ baseImage: BaseImage.googleStatic({ tag: DistrolessTag.LATEST }) }, 'USER')).toEqual(['65532:65532']);
  });

  test('user: 65532 nonroot on scratch', () => {
    expect(gen({ baseImage: BaseImage.scratch() }).user).toEqual({ uid: 65532, gid: 65532, name: 'nonroot', home: '/home/nonroot' });
  });

  test('workdir: /app', () => {
    expect(gen().workdir).toBe('/app');
    expect(keywordArgs({}, 'WORKDIR')).toEqual(['/app']);
  });

  test('command: no arguments', () => {
    expect(execForm(gen().render(), 'CMD')).toBeUndefined();
  });

  test('environment: none for go', () => {
    expect(envOf(gen().render())).toEqual({});
  });

  test('labels: only the OCI base name for an unpinned base', () => {
    expect(labelsOf(gen().render())).toEqual({ 'org.opencontainers.image.base.name': 'gcr.io/distroless/static-debian13:nonroot' });
  });

  test('exposedPorts: no EXPOSE', () => {
    expect(keywordArgs({}, 'EXPOSE')).toEqual([]);
  });

  test('writablePaths: /tmp, declared as a volume; distroless already has a world-writable /tmp', () => {
    const g = gen();
    expect(g.writablePaths).toEqual(['/tmp']);
    expect(execForm(g.render(), 'VOLUME')).toEqual(['/tmp']);
    expect(g.render()).not.toContain('rootfs');
  });

  test('registryMirrors: upstream references', () => {
    expect(gen().render()).toContain('FROM golang:1.25-trixie AS build');
  });

  test('buildCaBundle: false, no secret mounts', () => {
    expect(gen().render()).not.toContain('type=secret');
  });
});

describe('final stage', () => {
  test('instruction order: LABEL, COPY, ENV, WORKDIR, USER, EXPOSE, VOLUME, ENTRYPOINT, CMD', () => {
    const keywords = final({ environment: { A: 'b' }, exposedPorts: [8080], command: ['serve'] }).map(i => i.keyword);
    expect(keywords).toEqual(['FROM', 'LABEL', 'COPY', 'ENV', 'WORKDIR', 'USER', 'EXPOSE', 'VOLUME', 'ENTRYPOINT', 'CMD']);
  });

  test('a pinned base writes base.name without and base.digest with the digest', () => {
    const g = gen({ baseImage: BaseImage.googleStatic().withDigest(DIGEST) });
    const d = g.render();
    expect(d).toContain(`FROM gcr.io/distroless/static-debian13:nonroot@${DIGEST}\n`);
    expect(labelsOf(d)).toEqual({
      'org.opencontainers.image.base.name': 'gcr.io/distroless/static-debian13:nonroot',
      'org.opencontainers.image.base.digest': DIGEST,
    });
  });

  test('sourceUrl, revision and labels', () => {
    const d = gen({ sourceUrl: 'https://github.com/example/app', revision: '0123abc', labels: { 'org.opencontainers.image.title': 'app', 'com.example/team': 'payments' } }).render();
    expect(labelsOf(d)).toEqual({
      'org.opencontainers.image.base.name': 'gcr.io/distroless/static-debian13:nonroot',
      'org.opencontainers.image.source': 'https://github.com/example/app',
      'org.opencontainers.image.revision': '0123abc',
      'org.opencontainers.image.title': 'app',
      'com.example/team': 'payments',
    });
    // One LABEL instruction, continued over lines.
    expect(finalStage(d).filter(i => i.keyword === 'LABEL')).toHaveLength(1);
  });

  test('command is appended after an interpreter\'s script', () => {
    expect(execForm(new DistrolessDockerfile({ runtime: Runtime.nodejs(), command: ['--port', '8080'] }).render(), 'CMD'))
      .toEqual(['/app/index.js', '--port', '8080']);
    expect(execForm(gen({ command: ['serve', '--verbose'] }).render(), 'CMD')).toEqual(['serve', '--verbose']);
  });

  test('an empty command writes no CMD', () => {
    expect(execForm(gen({ command: [] }).render(), 'CMD')).toBeUndefined();
  });

  test('environment is quoted; the user\'s value replaces the runtime\'s', () => {
    const d = new DistrolessDockerfile({ runtime: Runtime.nodejs(), environment: { NODE_ENV: 'staging', PORT: '8080', EMPTY: '' } }).render();
    expect(envOf(d)).toEqual({ NODE_ENV: 'staging', PORT: '8080', EMPTY: '' });
    expect(d).toContain('ENV PORT="8080"');
  });

  test('exposedPorts are written once each, in order', () => {
    expect(keywordArgs({ exposedPorts: [8080, 9090, 8080] }, 'EXPOSE')).toEqual(['8080 9090']);
  });

  test('workdir moves the application and the entrypoint', () => {
    const g = gen({ workdir: '/srv/app/' });
    expect(g.workdir).toBe('/srv/app');
    const d = g.render();
    expect(d).toContain('COPY --from=build /out/app /srv/app/app');
    expect(execForm(d, 'ENTRYPOINT')).toEqual(['/srv/app/app']);
  });

  test('user: a given numeric user', () => {
    const g = gen({ user: { uid: 10001, gid: 10001 } });
    expect(keywordArgs({ user: { uid: 10001, gid: 10001 } }, 'USER')).toEqual(['10001:10001']);
    expect(g.user.uid).toBe(10001);
  });
});

describe('writable paths', () => {
  test('each path is created in a helper stage, owned by the user, copied with --chown and declared a volume', () => {
    const g = gen({ writablePaths: ['/tmp', '/app/data', '/var/cache/app/'] });
    expect(g.writablePaths).toEqual(['/tmp', '/app/data', '/var/cache/app']);
    const d = g.render();
    expect(d).toContain('FROM golang:1.25-trixie AS rootfs');
    expect(d).toContain('mkdir -p /writable/app/data /writable/var/cache/app');
    expect(d).toContain('chown 65532:65532 /writable/app/data /writable/var/cache/app');
    expect(d).toContain('COPY --from=rootfs --chown=65532:65532 /writable/app/data /app/data');
    expect(d).toContain('COPY --from=rootfs --chown=65532:65532 /writable/var/cache/app /var/cache/app');
    // The base's own /tmp is world-writable already.
    expect(d).not.toMatch(/\/(rootfs|writable)\/tmp/);
    expect(execForm(d, 'VOLUME')).toEqual(['/tmp', '/app/data', '/var/cache/app']);
  });

  test('the helper stage uses the user given', () => {
    const d = gen({ writablePaths: ['/data'], user: { uid: 1000, gid: 2000 } }).render();
    expect(d).toContain('chown 1000:2000 /writable/data');
    expect(d).toContain('COPY --from=rootfs --chown=1000:2000 /writable/data /data');
  });

  test('fails if a writable path is the workdir, where the application is copied (regression: it made the code writable)', () => {
    expect(() => new DistrolessDockerfile({ runtime: Runtime.nodejs(), writablePaths: ['/app'] }))
      .toThrow(/writablePaths "\/app" is the workdir "\/app", where the application is installed/);
  });

  test('no writable paths: no VOLUME', () => {
    const d = gen({ writablePaths: [] }).render();
    expect(execForm(d, 'VOLUME')).toBeUndefined();
  });

  test('fails if a writable path is relative, the root, or has a ".." segment', () => {
    expect(() => gen({ writablePaths: ['data'] })).toThrow(/writablePaths\[0\] "data" is not allowed: it is not absolute/);
    expect(() => gen({ writablePaths: ['/'] })).toThrow(/writablePaths\[0\] "\/" is not allowed: it is the root directory/);
    expect(() => gen({ writablePaths: ['/tmp', '/app/../etc'] })).toThrow(/writablePaths\[1\] "\/app\/..\/etc" is not allowed: it contains a ".." segment/);
  });

  test('fails if writablePaths is not a list', () => {
    expect(() => gen({ writablePaths: '/tmp' as unknown as string[] })).toThrow(/writablePaths must be a list, got "\/tmp"/);
  });
});

describe('scratch', () => {
  const d = gen({ baseImage: BaseImage.scratch(), writablePaths: ['/tmp', '/data'] }).render();

  test('a helper stage writes passwd and group with the user, the CA bundle, a home, /tmp and the writable paths', () => {
    expect(d).toContain('FROM golang:1.25-trixie AS rootfs');
    expect(d).toContain('\'nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\' > /rootfs/etc/passwd');
    expect(d).toContain('\'nonroot:x:65532:\' > /rootfs/etc/group');
    expect(d).toContain('cp /etc/ssl/certs/ca-certificates.crt /rootfs/etc/ssl/certs/');
    expect(d).toContain('mkdir -p /rootfs/tmp && chmod 1777 /rootfs/tmp');
    expect(d).toContain('chown 65532:65532 /rootfs/home/nonroot && chmod 0700 /rootfs/home/nonroot');
    expect(d).toContain('mkdir -p /writable/data');
    expect(d).toContain('chown 65532:65532 /writable/data');
  });

  test('the final stage copies them in', () => {
    const copies = finalStage(d).filter(i => i.keyword === 'COPY').map(i => i.args);
    // The skeleton keeps the modes set in the helper stage (/tmp 1777, the home 0700), so it is
    // copied as the contents of /rootfs; writable directories get their owner from --chown.
    expect(copies).toEqual([
      '--from=build /out/app /app/app',
      '--from=rootfs /rootfs/ /',
      '--from=rootfs --chown=65532:65532 /writable/data /data',
    ]);
    expect(labelsOf(d)['org.opencontainers.image.base.name']).toBe('scratch');
  });

  test('/tmp is supplied even when it is not a writable path', () => {
    const text = gen({ baseImage: BaseImage.scratch(), writablePaths: [] }).render();
    expect(text).toContain('chmod 1777 /rootfs/tmp');
    expect(text).toContain('COPY --from=rootfs /rootfs/ /');
    expect(execForm(text, 'VOLUME')).toBeUndefined();
  });

  test('a named user of its own gets its passwd entry and home', () => {
    const text = gen({ baseImage: BaseImage.scratch(), user: { uid: 10001, gid: 10001, name: 'svc', home: '/var/lib/svc' } }).render();
    expect(text).toContain('\'svc:x:10001:10001:svc:/var/lib/svc:/sbin/nologin\'');
    expect(text).toContain('\'root:x:0:0:root:/root:/sbin/nologin\'');
    expect(text).toContain('mkdir -p /rootfs/etc/ssl/certs /rootfs/var/lib/svc');
    expect(text).toContain('chown 10001:10001 /rootfs/var/lib/svc && chmod 0700 /rootfs/var/lib/svc');
  });

  test('nobody as the user is listed once', () => {
    const text = gen({ baseImage: BaseImage.scratch(), user: { uid: 65534, gid: 65534, name: 'nobody' } }).render();
    expect(text.match(/nobody:x:65534:65534/g)).toHaveLength(1);
    expect(text.match(/'nobody:x:65534:'/g)).toHaveLength(1);
  });

  test('rust musl, static C++ and static binaries run on scratch too', () => {
    for (const runtime of [Runtime.rust({ musl: true }), Runtime.cpp({ staticLinking: true }), Runtime.staticBinary()]) {
      expect(new DistrolessDockerfile({ runtime, baseImage: BaseImage.scratch() }).render()).toContain('\nFROM scratch\n');
    }
  });

  test('fails if the runtime needs glibc', () => {
    expect(() => new DistrolessDockerfile({ runtime: Runtime.nodejs(), baseImage: BaseImage.scratch() })).toThrow(/links glibc, but baseImage scratch has no C library/);
    expect(() => gen({ runtime: Runtime.go({ cgo: true }), baseImage: BaseImage.scratch() })).toThrow(/Or build without cgo/);
    expect(() => gen({ runtime: Runtime.rust({ musl: false }), baseImage: BaseImage.scratch() })).toThrow(/Or build with musl: true/);
  });
});

describe('registry mirrors', () => {
  test('every FROM is rewritten, and the label names the mirrored base', () => {
    const d = gen({
      registryMirrors: [
        RegistryMirror.of('gcr.io/distroless', 'registry.example.com/distroless'),
        RegistryMirror.of('docker.io/library', 'registry.example.com/hub'),
        RegistryMirror.of('golang', 'registry.example.com/hub/golang'),
      ],
    }).render();
    expect(dockerInstructions(d).filter(i => i.keyword === 'FROM').map(i => i.args)).toEqual([
      'registry.example.com/hub/golang:1.25-trixie AS build',
      'registry.example.com/distroless/static-debian13:nonroot',
    ]);
    expect(labelsOf(d)['org.opencontainers.image.base.name']).toBe('registry.example.com/distroless/static-debian13:nonroot');
  });

  test('finalImage and builderImage are the mirrored references', () => {
    const g = gen({ registryMirrors: [RegistryMirror.of('gcr.io', 'mirror.example.com:5000/gcr')] });
    expect(g.finalImage.reference).toBe('mirror.example.com:5000/gcr/distroless/static-debian13:nonroot');
    expect(g.finalImage.upstreamReference).toBe('gcr.io/distroless/static-debian13:nonroot');
    expect(g.builderImage?.reference).toBe('golang:1.25-trixie');
  });

  test('the helper stage image is mirrored too', () => {
    const d = new DistrolessDockerfile({
      runtime: Runtime.staticBinary(), baseImage: BaseImage.scratch(), registryMirrors: [RegistryMirror.of('alpine', 'registry.example.com/hub/alpine')],
    }).render();
    expect(d).toContain('FROM registry.example.com/hub/alpine:3.22 AS rootfs');
  });

  test('fails if a mirror prefix cannot be written into FROM', () => {
    expect(() => gen({ registryMirrors: [RegistryMirror.of('gcr.io', 'mirror.example.com/a#b')] }))
      .toThrow(/registryMirrors\[0\].mirrorPrefix "mirror.example.com\/a#b" is not a registry prefix/);
  });

  test('fails if a mirror is not a RegistryMirror', () => {
    expect(() => gen({ registryMirrors: [{ upstreamPrefix: 'gcr.io', mirrorPrefix: 'x' } as unknown as RegistryMirror] }))
      .toThrow(/registryMirrors\[0\] must be a RegistryMirror/);
  });
});

describe('buildCaBundle', () => {
  const withCa = (runtime: Runtime) => new DistrolessDockerfile({ runtime, buildCaBundle: true }).render();

  test('the header says how to pass the secret', () => {
    expect(withCa(Runtime.go())).toContain('# Build with the CA bundle as a secret: --secret id=ca,src=/etc/ssl/certs/ca-certificates.crt');
  });

  test.each([
    ['go', Runtime.go(), 'SSL_CERT_FILE', /go mod download/],
    ['nodejs', Runtime.nodejs(), 'NODE_EXTRA_CA_CERTS', /npm ci/],
    ['python', Runtime.python(), 'PIP_CERT', /pip install/],
    ['rust', Runtime.rust(), 'CARGO_HTTP_CAINFO', /cargo fetch/],
    ['dotnet', Runtime.dotnet(), 'SSL_CERT_FILE', /dotnet restore/],
  ])('%s: the download step mounts the ca secret and points %s at it', (_name, runtime, env, step) => {
    const d = withCa(runtime);
    const run = dockerInstructions(d).find(i => i.keyword === 'RUN' && step.test(i.args))!;
    expect(run.args).toContain('--mount=type=secret,id=ca,target=/run/secrets/ca');
    expect(run.args).toContain(`${env}=/run/secrets/ca`);
  });

  test('Maven and Gradle build a trust store from the bundle for the JVM', () => {
    for (const runtime of [Runtime.javaJar(), Runtime.javaJar({ buildTool: JavaBuild.GRADLE })]) {
      const d = withCa(runtime);
      expect(d).toContain('java /tmp/ca/TrustStore.java /run/secrets/ca /tmp/ca/truststore.p12');
      expect(d).toContain('export JAVA_TOOL_OPTIONS="-Djavax.net.ssl.trustStore=/tmp/ca/truststore.p12');
      expect(d).toContain('rm -rf /tmp/ca');
    }
  });

  test('every step with the secret first fails clearly when it was not passed', () => {
    const d = withCa(Runtime.go());
    const runs = dockerInstructions(d).filter(i => i.keyword === 'RUN' && i.args.includes('type=secret'));
    expect(runs.length).toBeGreaterThan(0);
    for (const run of runs) {
      expect(run.args).toMatch(/^--mount=\S+( --mount=\S+)? +test -s \/run\/secrets\/ca \|\| \{ echo 'The build secret "ca" is missing: build with --secret id=ca,src=/);
    }
  });

  test('cmake: apt reads the bundle', () => {
    expect(withCa(Runtime.cpp({ buildTool: 'cmake' as never }))).toContain('apt-get -o Acquire::https::CAInfo=/run/secrets/ca update');
  });

  test('the secret never reaches the final stage', () => {
    for (const runtime of [Runtime.go(), Runtime.nodejs(), Runtime.python(), Runtime.javaJar()]) {
      expect(finalStage(withCa(runtime)).map(i => i.args).join('\n')).not.toMatch(/secret|\/run\/secrets/);
    }
  });

  test('fails if buildCaBundle is not a boolean', () => {
    expect(() => gen({ buildCaBundle: 'yes' as unknown as boolean })).toThrow(/buildCaBundle must be true or false, got "yes"/);
  });
});

describe('baseImage', () => {
  test('Chainguard static, glibc-dynamic and BusyBox are accepted final images', () => {
    expect(gen({ baseImage: BaseImage.chainguardStatic() }).render()).toContain('\nFROM cgr.dev/chainguard/static:latest\n');
    expect(gen({ runtime: Runtime.go({ cgo: true }), baseImage: BaseImage.chainguardGlibcDynamic() }).render()).toContain('\nFROM cgr.dev/chainguard/glibc-dynamic:latest\n');
    expect(gen({ baseImage: BaseImage.busybox() }).user.uid).toBe(65534);
  });

  test('fails if baseImage is a BUILD-role image', () => {
    expect(() => gen({ baseImage: BaseImage.golang() })).toThrow(/baseImage golang:1.25-trixie is a BUILD-role image .* cannot be the final stage/);
    expect(() => gen({ baseImage: BaseImage.alpine() })).toThrow(/BUILD-role image/);
    expect(() => gen({ baseImage: BaseImage.chainguardStatic({ dev: true }) })).toThrow(/cgr.dev\/chainguard\/static:latest-dev is a BUILD-role image/);
  });

  test('fails if baseImage is not a BaseImage', () => {
    expect(() => gen({ baseImage: 'gcr.io/distroless/static' as unknown as BaseImage })).toThrow(/baseImage must be a BaseImage .*got "gcr.io\/distroless\/static"/);
  });

  test('fails if the base ships no non-root user and none is given', () => {
    const rootOnly = BaseImage.fromRegistry('registry.example.com/base:1', { libc: Libc.NONE, hasShell: false, hasPackageManager: false, defaultUser: { uid: 0, gid: 0 } });
    expect(() => gen({ baseImage: rootOnly })).toThrow(/ships no non-root user, so no default user can be chosen. Set user/);
    expect(gen({ baseImage: rootOnly, user: { uid: 1000, gid: 1000 } }).user.uid).toBe(1000);
  });

  test('a custom image reference with a registry port is written as is', () => {
    const custom = BaseImage.fromRegistry('registry.example.com:5000/team/static:1.2', { libc: Libc.NONE, hasShell: false, hasPackageManager: false, defaultUser: { uid: 65532, gid: 65532 } });
    expect(gen({ baseImage: custom }).render()).toContain('\nFROM registry.example.com:5000/team/static:1.2\n');
  });
});

describe('rejections', () => {
  test('fails if props is missing', () => {
    expect(() => new DistrolessDockerfile(undefined as unknown as DistrolessDockerfileProps)).toThrow(/props must be an object with at least \{ runtime \}/);
  });

  test('fails if runtime is not a Runtime', () => {
    expect(() => new DistrolessDockerfile({ runtime: 'go' as unknown as Runtime })).toThrow(/runtime must be a Runtime from one of its factories .*got "go"/);
  });

  test.each<[string, ImageUser, RegExp]>([
    ['root', { uid: 0, gid: 0 }, /is root \(uid 0\)/],
    ['a negative uid', { uid: -1, gid: 1 }, /user must have numeric uid and gid/],
    ['a string uid', { uid: '1000' as unknown as number, gid: 1000 }, /user must have numeric uid and gid/],
    ['a fractional gid', { uid: 1000, gid: 1.5 }, /user must have numeric uid and gid/],
    ['a bad name', { uid: 1000, gid: 1000, name: 'x:0:0' }, /user.name "x:0:0" is not a user name/],
    ['a relative home', { uid: 1000, gid: 1000, home: 'home' }, /user.home "home" is not allowed: it is not absolute/],
  ])('fails if user is %s', (_what, user, error) => {
    expect(() => gen({ user })).toThrow(error);
  });

  test('fails if workdir is relative or the root', () => {
    expect(() => gen({ workdir: 'app' })).toThrow(/workdir "app" is not allowed: it is not absolute/);
    expect(() => gen({ workdir: '/' })).toThrow(/workdir "\/" is not allowed: it is the root directory/);
  });

  test('fails if command is not a list of strings', () => {
    expect(() => gen({ command: 'serve' as unknown as string[] })).toThrow(/command must be a list, got "serve"/);
    expect(() => gen({ command: [42 as unknown as string] })).toThrow(/command\[0\] must be a string, got 42/);
  });

  test('fails if an environment name is not a shell variable name', () => {
    expect(() => gen({ environment: { '1X': 'a' } })).toThrow(/environment name "1X" is not allowed. Use letters, digits and "_"/);
    expect(() => gen({ environment: { 'A-B': 'a' } })).toThrow(/environment name "A-B" is not allowed/);
  });

  test('fails if an environment value is not a string', () => {
    expect(() => gen({ environment: { A: 1 as unknown as string } })).toThrow(/environment\["A"\] must be a string, got 1/);
  });

  test('fails if environment is not an object', () => {
    expect(() => gen({ environment: ['A=b'] as unknown as { [k: string]: string } })).toThrow(/environment must be an object of names to string values/);
  });

  test('fails if a label would override the generated OCI labels', () => {
    expect(() => gen({ labels: { 'org.opencontainers.image.base.name': 'x' } })).toThrow(/labels\["org.opencontainers.image.base.name"\] is written by the generator/);
    expect(() => gen({ labels: { 'org.opencontainers.image.source': 'x' } })).toThrow(/has its own prop. Remove it and set sourceUrl instead/);
    expect(() => gen({ labels: { 'org.opencontainers.image.revision': 'x' } })).toThrow(/set revision instead/);
  });

  test('fails if a label key has a space or an equals sign', () => {
    expect(() => gen({ labels: { 'my label': 'x' } })).toThrow(/labels name "my label" is not allowed/);
    expect(() => gen({ labels: { 'a=b': 'x' } })).toThrow(/labels name "a=b" is not allowed/);
  });

  test.each([0, -1, 65536, 80.5, '8080'])('fails if an exposed port is %p', port => {
    expect(() => gen({ exposedPorts: [port as number] })).toThrow(/exposedPorts\[0\] .* is not a port. Use a whole number from 1 to 65535/);
  });

  test('fails if sourceUrl or revision is not text', () => {
    expect(() => gen({ sourceUrl: 5 as unknown as string })).toThrow(/sourceUrl must be a string, got 5/);
    expect(() => gen({ revision: 'abc\n' })).toThrow(/revision "abc\\n" contains the control or line-break character/);
  });
});

describe('.dockerignore', () => {
  test('keeps VCS data, secrets, the Dockerfile and docs out for every runtime', () => {
    for (const runtime of [Runtime.go(), Runtime.nodejs(), Runtime.staticBinary()]) {
      const lines = new DistrolessDockerfile({ runtime }).renderDockerignore().split('\n');
      for (const entry of ['.git', '.env', '.env.*', '**/.env', '**/*.pem', '**/*.key', 'Dockerfile', '.dockerignore', '*.md', '.aws', '.ssh']) {
        expect(lines).toContain(entry);
      }
    }
  });

  test('rust keeps Markdown in the context: crates include_str! their README', () => {
    const lines = new DistrolessDockerfile({ runtime: Runtime.rust() }).renderDockerignore().split('\n');
    expect(lines).not.toContain('*.md');
    expect(lines).toContain('.git');
  });

  test.each([
    ['nodejs', Runtime.nodejs(), ['node_modules', '.npmrc']],
    ['python', Runtime.python(), ['__pycache__', '.venv', '**/*.py[cod]']],
    ['rust', Runtime.rust(), ['target']],
    ['java-jar', Runtime.javaJar(), ['target', 'build', '.gradle']],
    ['dotnet', Runtime.dotnet(), ['bin', 'obj', '**/bin', '**/obj']],
    ['cpp', Runtime.cpp(), ['build', '*.o']],
    ['go', Runtime.go(), ['bin']],
  ])('%s: local dependencies and build output', (_name, runtime, entries) => {
    const lines = new DistrolessDockerfile({ runtime }).renderDockerignore().split('\n');
    for (const entry of entries) { expect(lines).toContain(entry); }
  });

  test('a prebuilt jar\'s folder is not ignored, and the jar is re-included', () => {
    const lines = new DistrolessDockerfile({ runtime: Runtime.javaJar({ buildTool: JavaBuild.PREBUILT }) }).renderDockerignore().split('\n');
    expect(lines).not.toContain('target');
    expect(lines).toContain('!target/*.jar');
  });

  test('a prebuilt binary is never hidden by an ignore entry', () => {
    const lines = new DistrolessDockerfile({ runtime: Runtime.staticBinary({ binaryPath: 'secrets.key' }) }).renderDockerignore().split('\n');
    expect(lines).not.toContain('**/*.key');
    expect(lines).toContain('!secrets.key');
  });
});

describe('writeTo', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cdl-dockerfile-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  test('writes Dockerfile and .dockerignore, creating the directory', () => {
    const dir = path.join(root, 'nested', 'app');
    const g = gen();
    g.writeTo(dir);
    expect(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toBe(g.render());
    expect(fs.readFileSync(path.join(dir, '.dockerignore'), 'utf8')).toBe(g.renderDockerignore());
    // Writing again needs overwrite, as the CLI needs --force.
    expect(() => g.writeTo(dir)).toThrow(/Dockerfile and .dockerignore already exist in .*; nothing written. Pass \{ overwrite: true \}/);
    g.writeTo(dir, { overwrite: true });
    expect(fs.readdirSync(dir).sort()).toEqual(['.dockerignore', 'Dockerfile']);
  });

  test('fails if the directory is empty or not a string', () => {
    expect(() => gen().writeTo('')).toThrow(/writeTo: directory is empty/);
    expect(() => gen().writeTo(undefined as unknown as string)).toThrow(/writeTo: directory must be a string/);
  });
});
