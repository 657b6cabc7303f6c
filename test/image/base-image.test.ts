import {
  BaseImage, DebianRelease, DistrolessTag, DotnetFlavor, ImageFamily, ImageRole, Libc, RegistryMirror,
} from '../../lib';

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('Google distroless', () => {
  test('googleStatic defaults to Debian 13 nonroot: no libc, no shell, uid 65532 with home /home/nonroot', () => {
    const image = BaseImage.googleStatic();
    expect(image.reference).toBe('gcr.io/distroless/static-debian13:nonroot');
    expect(image.facts.libc).toBe(Libc.NONE);
    expect(image.facts.hasShell).toBe(false);
    expect(image.facts.hasPackageManager).toBe(false);
    expect(image.facts.defaultUser).toEqual({ uid: 65532, gid: 65532, name: 'nonroot', home: '/home/nonroot' });
    expect(image.runsAsNonRoot).toBe(true);
    expect(image.role).toBe(ImageRole.FINAL);
    expect(image.facts.family).toBe(ImageFamily.GOOGLE_DISTROLESS);
  });

  test('latest runs as root but ships the nonroot user', () => {
    const image = BaseImage.googleStatic({ tag: DistrolessTag.LATEST });
    expect(image.reference).toBe('gcr.io/distroless/static-debian13:latest');
    expect(image.facts.defaultUser.uid).toBe(0);
    expect(image.runsAsNonRoot).toBe(false);
    expect(image.nonRootUser?.uid).toBe(65532);
  });

  test.each([
    [DistrolessTag.DEBUG, 0],
    [DistrolessTag.DEBUG_NONROOT, 65532],
  ])('%s variant has a shell and is marked debug', (tag, uid) => {
    const image = BaseImage.googleBase({ tag });
    expect(image.facts.debug).toBe(true);
    expect(image.facts.hasShell).toBe(true);
    expect(image.facts.defaultUser.uid).toBe(uid);
  });

  test.each([
    ['googleStatic', 'static', Libc.NONE],
    ['googleBase', 'base', Libc.GLIBC],
    ['googleBaseNossl', 'base-nossl', Libc.GLIBC],
    ['googleCc', 'cc', Libc.GLIBC],
    ['googleJavaBase', 'java-base', Libc.GLIBC],
  ] as const)('%s exists for Debian 12 and 13', (factory, name, libc) => {
    for (const debian of [DebianRelease.DEBIAN12, DebianRelease.DEBIAN13]) {
      const image = BaseImage[factory]({ debian });
      expect(image.reference).toBe(`gcr.io/distroless/${name}-${debian}:nonroot`);
      expect(image.facts.libc).toBe(libc);
    }
  });

  test('java entrypoint is /usr/bin/java -jar; default Java 21', () => {
    const image = BaseImage.googleJava();
    expect(image.reference).toBe('gcr.io/distroless/java21-debian13:nonroot');
    expect(image.facts.entrypoint).toEqual(['/usr/bin/java', '-jar']);
    expect(image.facts.runtime).toBe('java');
    expect(BaseImage.googleJava({ javaVersion: 17 }).facts.runtimeVersion).toBe('17');
    expect(BaseImage.googleJava({ javaVersion: 25 }).reference).toBe('gcr.io/distroless/java25-debian13:nonroot');
  });

  test('nodejs entrypoint is /nodejs/bin/node; default Node.js 24; 22/24/26 on Debian 13', () => {
    expect(BaseImage.googleNodejs().reference).toBe('gcr.io/distroless/nodejs24-debian13:nonroot');
    for (const nodeVersion of [22, 24, 26]) {
      const image = BaseImage.googleNodejs({ nodeVersion });
      expect(image.facts.entrypoint).toEqual(['/nodejs/bin/node']);
      expect(image.facts.runtimeVersion).toBe(String(nodeVersion));
    }
  });

  test('python entrypoint is the versioned interpreter of the Debian release', () => {
    expect(BaseImage.googlePython3().facts.entrypoint).toEqual(['/usr/bin/python3.13']);
    expect(BaseImage.googlePython3({ debian: DebianRelease.DEBIAN12 }).facts.entrypoint).toEqual(['/usr/bin/python3.11']);
  });

  test('debug variants of the OS-only images start BusyBox sh; language images keep their runtime', () => {
    for (const tag of [DistrolessTag.DEBUG, DistrolessTag.DEBUG_NONROOT]) {
      expect(BaseImage.googleStatic({ tag }).facts.entrypoint).toEqual(['/busybox/sh']);
      expect(BaseImage.googleCc({ tag }).facts.entrypoint).toEqual(['/busybox/sh']);
      expect(BaseImage.googleJava({ tag }).facts.entrypoint).toEqual(['/usr/bin/java', '-jar']);
      expect(BaseImage.googleNodejs({ tag }).facts.entrypoint).toEqual(['/nodejs/bin/node']);
    }
    expect(BaseImage.googleStatic().facts.entrypoint).toBeUndefined();
    expect(BaseImage.lookup('gcr.io/distroless/base-debian13:debug-nonroot-arm64')?.facts.entrypoint).toEqual(['/busybox/sh']);
    expect(BaseImage.lookup('gcr.io/distroless/base-debian13:nonroot-riscv64')?.facts).toEqual(BaseImage.googleBase().facts);
  });

  test('architectures follow the Debian 13 images upstream publishes', () => {
    const os = ['amd64', 'arm64', 'arm', 's390x', 'ppc64le', 'riscv64'];
    expect(BaseImage.googleStatic().facts.architectures).toEqual(os);
    expect(BaseImage.googleCc().facts.architectures).toEqual(os);
    expect(BaseImage.googleJava().facts.architectures).toEqual(['amd64', 'arm64', 's390x', 'ppc64le', 'riscv64']);
    expect(BaseImage.googleJavaBase().facts.architectures).toEqual(['amd64', 'arm64', 's390x', 'ppc64le', 'riscv64']);
    expect(BaseImage.googlePython3().facts.architectures).toEqual(['amd64', 'arm64', 'riscv64']);
    expect(BaseImage.googleNodejs({ nodeVersion: 22 }).facts.architectures).toEqual(['amd64', 'arm64', 'arm', 's390x', 'ppc64le']);
    expect(BaseImage.googleNodejs({ nodeVersion: 26 }).facts.architectures).toEqual(['amd64', 'arm64', 's390x', 'ppc64le']);
    expect(BaseImage.googleStatic({ debian: DebianRelease.DEBIAN12 }).facts.architectures).toEqual(os.slice(0, 5));
  });

  test('Debian 12 language images say they are no longer updated', () => {
    for (const image of [
      BaseImage.googleJava({ debian: DebianRelease.DEBIAN12 }), BaseImage.googleNodejs({ debian: DebianRelease.DEBIAN12 }),
      BaseImage.googlePython3({ debian: DebianRelease.DEBIAN12 }), BaseImage.googleJavaBase({ debian: DebianRelease.DEBIAN12 }),
    ]) {
      expect(image.facts.description).toMatch(/no longer updated upstream, use the debian13 image/);
    }
    expect(BaseImage.googleStatic({ debian: DebianRelease.DEBIAN12 }).facts.description).not.toMatch(/no longer updated/);
    expect(BaseImage.googleJava().facts.description).not.toMatch(/no longer updated/);
  });

  test('fails if a runtime version is not published', () => {
    expect(() => BaseImage.googleJava({ javaVersion: 25, debian: DebianRelease.DEBIAN12 })).toThrow(/publishes no java25-debian12.*Available: .*java21-debian12/);
    expect(() => BaseImage.googleNodejs({ nodeVersion: 19 })).toThrow(/publishes no nodejs19-debian13/);
  });
});

describe('Chainguard', () => {
  test.each([
    ['chainguardStatic', 'static', Libc.NONE],
    ['chainguardGlibcDynamic', 'glibc-dynamic', Libc.GLIBC],
    ['chainguardNode', 'node', Libc.GLIBC],
    ['chainguardPython', 'python', Libc.GLIBC],
    ['chainguardJre', 'jre', Libc.GLIBC],
    ['chainguardDotnetRuntime', 'dotnet-runtime', Libc.GLIBC],
    ['chainguardAspnetRuntime', 'aspnet-runtime', Libc.GLIBC],
  ] as const)('%s: latest is distroless and runs as 65532', (factory, name, libc) => {
    const image = BaseImage[factory]();
    expect(image.reference).toBe(`cgr.dev/chainguard/${name}:latest`);
    expect(image.facts.libc).toBe(libc);
    expect(image.facts.hasShell).toBe(false);
    expect(image.role).toBe(ImageRole.FINAL);
    expect(image.facts.defaultUser.uid).toBe(65532);
  });

  test('node names its 65532 user node; the others nonroot', () => {
    expect(BaseImage.chainguardNode().facts.defaultUser).toEqual({ uid: 65532, gid: 65532, name: 'node', home: '/home/node' });
    expect(BaseImage.chainguardNode().nonRootUser?.name).toBe('node');
    expect(BaseImage.chainguardPython().facts.defaultUser).toEqual({ uid: 65532, gid: 65532, name: 'nonroot', home: '/home/nonroot' });
    expect(BaseImage.chainguardStatic().facts.architectures).toEqual(['amd64', 'arm64']);
  });

  test('latest-dev adds a shell and apk and is a build-stage image', () => {
    const image = BaseImage.chainguardNode({ dev: true });
    expect(image.reference).toBe('cgr.dev/chainguard/node:latest-dev');
    expect(image.facts.hasShell).toBe(true);
    expect(image.facts.hasPackageManager).toBe(true);
    expect(image.role).toBe(ImageRole.BUILD);
  });
});

describe('chiseled', () => {
  test('dotnetChiseled defaults to aspnet 10.0 noble-chiseled, user app 1654, no shell', () => {
    const image = BaseImage.dotnetChiseled();
    expect(image.reference).toBe('mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled');
    expect(image.facts.defaultUser).toEqual({ uid: 1654, gid: 1654, name: 'app', home: '/home/app' });
    expect(image.facts.hasShell).toBe(false);
    expect(image.facts.family).toBe(ImageFamily.DOTNET_CHISELED);
  });

  test('dotnetChiseled flavors, versions and -extra', () => {
    expect(BaseImage.dotnetChiseled({ flavor: DotnetFlavor.RUNTIME_DEPS, dotnetVersion: '8.0', extra: true }).reference)
      .toBe('mcr.microsoft.com/dotnet/runtime-deps:8.0-noble-chiseled-extra');
    expect(BaseImage.dotnetChiseled({ flavor: DotnetFlavor.RUNTIME }).facts.runtimeVersion).toBe('10.0');
  });

  test('fails if the .NET version is malformed', () => {
    expect(() => BaseImage.dotnetChiseled({ dotnetVersion: '10' })).toThrow(/dotnetVersion "10" is not a \.NET version/);
  });

  test('Ubuntu rocks run as _daemon_ 584792', () => {
    const image = BaseImage.ubuntuChiseled('python');
    expect(image.reference).toBe('ubuntu/python:3.12-24.04_stable');
    expect(image.facts.defaultUser.uid).toBe(584792);
    expect(image.facts.family).toBe(ImageFamily.UBUNTU_CHISELED);
  });

  test('fails if the rock is unknown', () => {
    expect(() => BaseImage.ubuntuChiseled('ruby')).toThrow(/no repository "ubuntu\/ruby"/);
  });
});

describe('busybox and scratch', () => {
  test('busybox has a shell but no package manager, runs as root, ships nobody', () => {
    const image = BaseImage.busybox();
    expect(image.reference).toBe('busybox:stable-musl');
    expect(image.facts.hasShell).toBe(true);
    expect(image.facts.hasPackageManager).toBe(false);
    expect(image.role).toBe(ImageRole.FINAL);
    expect(image.runsAsNonRoot).toBe(false);
    expect(image.nonRootUser?.uid).toBe(65534);
    expect(BaseImage.busybox(Libc.GLIBC).facts.libc).toBe(Libc.GLIBC);
  });

  test('fails if busybox is asked for without libc', () => {
    expect(() => BaseImage.busybox(Libc.NONE)).toThrow(/Use Libc.MUSL or Libc.GLIBC/);
  });

  test('scratch has nothing: no passwd, CA certificates or /tmp, and runs as root', () => {
    const image = BaseImage.scratch();
    expect(image.reference).toBe('scratch');
    expect(image.isScratch).toBe(true);
    expect(image.facts).toMatchObject({ hasPasswd: false, hasCaCertificates: false, hasTmp: false, hasShell: false, libc: Libc.NONE });
    expect(image.runsAsNonRoot).toBe(false);
    expect(image.nonRootUser).toBeUndefined();
  });

  test('fails if scratch is pinned', () => {
    expect(() => BaseImage.scratch().withDigest(DIGEST)).toThrow(/scratch .* has no digest/);
  });
});

describe('Java sources and build-stage images', () => {
  test('Liberica and Corretto are JDK sources for build stages', () => {
    const liberica = BaseImage.libericaRuntimeContainer();
    expect(liberica.reference).toBe('bellsoft/liberica-runtime-container:jdk-21-glibc');
    expect(liberica.role).toBe(ImageRole.BUILD);
    expect(BaseImage.libericaRuntimeContainer({ jre: true, libc: Libc.MUSL, javaVersion: 25 }).reference)
      .toBe('bellsoft/liberica-runtime-container:jre-25-musl');
    const corretto = BaseImage.corretto();
    expect(corretto.reference).toBe('amazoncorretto:21-al2023-jdk');
    expect(corretto.facts.runtimeVersion).toBe('21');
    expect(BaseImage.corretto({ libc: Libc.MUSL }).facts.libc).toBe(Libc.MUSL);
  });

  test('JDK sources without a version in the tag still read well', () => {
    expect(BaseImage.lookup('amazoncorretto:latest')?.facts.description).toBe('Amazon Corretto on Amazon Linux 2023: a JDK source for build stages (jlink).');
    expect(BaseImage.lookup('amazoncorretto:latest')?.facts.runtimeVersion).toBeUndefined();
    expect(BaseImage.lookup('bellsoft/liberica-runtime-container:jre-25-musl')?.facts)
      .toMatchObject({ libc: Libc.MUSL, runtime: 'java', runtimeVersion: '25', hasShell: true, hasPackageManager: true });
  });

  test('fails if Corretto is asked for a JRE', () => {
    expect(() => BaseImage.corretto({ jre: true })).toThrow(/Corretto publishes JDK images only/);
  });

  test.each([
    [BaseImage.alpine(), 'alpine:3.22', Libc.MUSL],
    [BaseImage.debianSlim(), 'debian:trixie-slim', Libc.GLIBC],
    [BaseImage.ubiMinimal(), 'registry.access.redhat.com/ubi9/ubi-minimal:latest', Libc.GLIBC],
    [BaseImage.golang(), 'golang:1.25-trixie', Libc.GLIBC],
    [BaseImage.node(), 'node:24-trixie-slim', Libc.GLIBC],
    [BaseImage.dotnetSdk(), 'mcr.microsoft.com/dotnet/sdk:10.0', Libc.GLIBC],
  ])('%s is a build-stage image with a package manager', (image, reference, libc) => {
    expect(image.reference).toBe(reference);
    expect(image.facts.hasPackageManager).toBe(true);
    expect(image.role).toBe(ImageRole.BUILD);
    expect(image.facts.libc).toBe(libc);
  });
});

describe('lookup', () => {
  test('finds catalog images in any Docker Hub spelling', () => {
    for (const ref of ['golang:1.24-bookworm', 'library/golang:1.24-bookworm', 'docker.io/library/golang:1.24-bookworm']) {
      expect(BaseImage.lookup(ref)?.role).toBe(ImageRole.BUILD);
    }
  });

  test('tag decides the facts; no tag means latest', () => {
    expect(BaseImage.lookup('gcr.io/distroless/static-debian12')?.facts.defaultUser.uid).toBe(0);
    expect(BaseImage.lookup('gcr.io/distroless/static-debian12:nonroot')?.facts.defaultUser.uid).toBe(65532);
    expect(BaseImage.lookup('gcr.io/distroless/static-debian12:nonroot-arm64')?.facts.defaultUser.uid).toBe(65532);
    expect(BaseImage.lookup('gcr.io/distroless/base-debian12:debug-nonroot')?.facts.debug).toBe(true);
    expect(BaseImage.lookup('cgr.dev/chainguard/python:latest-dev')?.role).toBe(ImageRole.BUILD);
  });

  test('keeps the digest', () => {
    const image = BaseImage.lookup(`gcr.io/distroless/cc-debian13:nonroot@${DIGEST}`);
    expect(image?.digest).toBe(DIGEST);
    expect(image?.reference).toBe(`gcr.io/distroless/cc-debian13:nonroot@${DIGEST}`);
  });

  test('scratch, unknown and malformed references', () => {
    expect(BaseImage.lookup('scratch')?.isScratch).toBe(true);
    expect(BaseImage.lookup('example.com/unknown:1')).toBeUndefined();
    expect(BaseImage.lookup('not a reference')).toBeUndefined();
    expect(BaseImage.lookup('')).toBeUndefined();
  });

  test('every catalog image is found again by its reference', () => {
    const catalog = BaseImage.catalog();
    expect(catalog.length).toBeGreaterThan(80);
    for (const image of catalog) {
      expect(BaseImage.lookup(image.reference)?.facts).toEqual(image.facts);
    }
  });

  test('every final-role catalog image has no package manager and a numeric non-root user or none', () => {
    for (const image of BaseImage.catalog().filter(i => i.role === ImageRole.FINAL)) {
      expect(image.facts.hasPackageManager).toBe(false);
      const user = image.nonRootUser;
      if (user) {
        expect(user.uid).toBeGreaterThan(0);
      }
    }
  });
});

describe('digests and mirrors', () => {
  test('withDigest pins the reference and keeps the tag', () => {
    const image = BaseImage.googleStatic().withDigest(DIGEST);
    expect(image.reference).toBe(`gcr.io/distroless/static-debian13:nonroot@${DIGEST}`);
    expect(image.digest).toBe(DIGEST);
    expect(image.facts).toEqual(BaseImage.googleStatic().facts);
  });

  test('fails if the digest is malformed', () => {
    expect(() => BaseImage.googleStatic().withDigest('sha256:abc')).toThrow(/"sha256:abc" is not a digest for gcr.io\/distroless\/static-debian13:nonroot/);
    expect(() => BaseImage.googleStatic().withDigest(`sha256:${'A'.repeat(64)}`)).toThrow(/64 lowercase hex digits/);
  });

  test('withMirror rewrites the registry and keeps the upstream reference', () => {
    const mirror = RegistryMirror.of('gcr.io/distroless', 'registry.example.com/gcr/distroless/');
    const image = BaseImage.googleStatic().withDigest(DIGEST).withMirror(mirror);
    expect(image.reference).toBe(`registry.example.com/gcr/distroless/static-debian13:nonroot@${DIGEST}`);
    expect(image.upstreamReference).toBe(`gcr.io/distroless/static-debian13:nonroot@${DIGEST}`);
    expect(mirror.restore(image.reference)).toBe(image.upstreamReference);
  });

  test('a mirror leaves other registries alone and matches whole path components', () => {
    const mirror = RegistryMirror.of('gcr.io/distroless', 'registry.example.com/distroless');
    expect(BaseImage.golang().withMirror(mirror).reference).toBe('golang:1.25-trixie');
    expect(mirror.rewrite('gcr.io/distroless-other/x:1')).toBe('gcr.io/distroless-other/x:1');
  });

  test('a Docker Hub mirror covers official images in any spelling', () => {
    const mirror = RegistryMirror.of('docker.io/library', 'registry.example.com/hub');
    expect(BaseImage.golang().withMirror(mirror).reference).toBe('registry.example.com/hub/golang:1.25-trixie');
    expect(mirror.rewrite('library/node:24')).toBe('registry.example.com/hub/node:24');
    expect(mirror.rewrite('docker.io/library/node:24')).toBe('registry.example.com/hub/node:24');
    expect(mirror.rewrite('gcr.io/distroless/static-debian13')).toBe('gcr.io/distroless/static-debian13');
    expect(BaseImage.lookup(mirror.restore('registry.example.com/hub/golang:1.25-trixie'))?.reference).toBe('golang:1.25-trixie');
    expect(RegistryMirror.of('docker.io', 'hub.example.com').rewrite('bellsoft/liberica-runtime-container:jdk-21-glibc'))
      .toBe('hub.example.com/bellsoft/liberica-runtime-container:jdk-21-glibc');
  });

  test('fails if a mirror prefix is empty or could inject', () => {
    expect(() => RegistryMirror.of('', 'x.example.com')).toThrow(/upstreamPrefix "" is not a registry prefix/);
    expect(() => RegistryMirror.of('gcr.io', 'evil\nRUN id')).toThrow(/mirrorPrefix "evil\\nRUN id" is not a registry prefix/);
  });
});

describe('fromRegistry', () => {
  test('describes an image outside the catalog', () => {
    const image = BaseImage.fromRegistry(`registry.example.com/team/base:1.2@${DIGEST}`, {
      libc: Libc.GLIBC, hasShell: false, hasPackageManager: false, defaultUser: { uid: 10001, gid: 10001 },
    });
    expect(image.repository).toBe('registry.example.com/team/base');
    expect(image.tag).toBe('1.2');
    expect(image.digest).toBe(DIGEST);
    expect(image.facts.family).toBe(ImageFamily.CUSTOM);
    expect(image.role).toBe(ImageRole.FINAL);
    expect(image.nonRootUser?.uid).toBe(10001);
  });

  test('fills the documented defaults of the facts', () => {
    const image = BaseImage.fromRegistry('registry.example.com/team/base:1.2', {
      libc: Libc.GLIBC, hasShell: false, hasPackageManager: false, defaultUser: { uid: 0, gid: 0 },
    });
    expect(image.facts).toEqual({
      libc: Libc.GLIBC,
      hasShell: false,
      hasPackageManager: false,
      defaultUser: { uid: 0, gid: 0 },
      family: ImageFamily.CUSTOM,
      architectures: ['amd64', 'arm64'],
      hasCaCertificates: true,
      hasTmp: true,
      hasPasswd: true,
      debug: false,
    });
    // nonRootUser: none when the default user is root; role: build when there is a package manager.
    expect(image.nonRootUser).toBeUndefined();
    expect(BaseImage.fromRegistry('registry.example.com/team/builder:1', {
      libc: Libc.GLIBC, hasShell: true, hasPackageManager: true, defaultUser: { uid: 0, gid: 0 },
    }).role).toBe(ImageRole.BUILD);
  });

  test('stated facts win over the defaults', () => {
    const image = BaseImage.fromRegistry('registry.example.com/team/base:1.2', {
      libc: Libc.NONE,
      hasShell: false,
      hasPackageManager: true,
      defaultUser: { uid: 1, gid: 1 },
      role: ImageRole.FINAL,
      architectures: ['s390x'],
      hasCaCertificates: false,
      hasTmp: false,
      hasPasswd: false,
      debug: true,
      family: ImageFamily.BUSYBOX,
    });
    expect(image.facts).toMatchObject({ architectures: ['s390x'], hasCaCertificates: false, hasTmp: false, hasPasswd: false, debug: true, family: ImageFamily.BUSYBOX });
    expect(image.role).toBe(ImageRole.FINAL);
  });

  test('registry with a port is not mistaken for a tag', () => {
    const image = BaseImage.fromRegistry('localhost:5000/app', {
      libc: Libc.NONE, hasShell: false, hasPackageManager: false, defaultUser: { uid: 1, gid: 1 },
    });
    expect(image.repository).toBe('localhost:5000/app');
    expect(image.tag).toBeUndefined();
  });

  test('fails if the reference is malformed', () => {
    const facts = { libc: Libc.NONE, hasShell: false, hasPackageManager: false, defaultUser: { uid: 1, gid: 1 } };
    expect(() => BaseImage.fromRegistry('Bad Name', facts)).toThrow(/"Bad Name" is not an image reference/);
    expect(() => BaseImage.fromRegistry('x:1\nRUN id', facts)).toThrow(/is not an image reference/);
  });

  test('fails if libc, hasShell or hasPackageManager is missing or not a known value', () => {
    const user = { uid: 1, gid: 1 };
    expect(() => BaseImage.fromRegistry('example.com/x:1', { libc: 'gnu' as Libc, hasShell: false, hasPackageManager: false, defaultUser: user }))
      .toThrow(/facts.libc must be one of "none", "glibc", "musl", got "gnu"/);
    expect(() => BaseImage.fromRegistry('example.com/x:1', { libc: Libc.GLIBC, hasPackageManager: false, defaultUser: user } as never))
      .toThrow(/facts.hasShell must be true or false, got undefined/);
    expect(() => BaseImage.fromRegistry('example.com/x:1', { libc: Libc.GLIBC, hasShell: false, hasPackageManager: 'no', defaultUser: user } as never))
      .toThrow(/facts.hasPackageManager must be true or false, got "no"/);
    expect(() => BaseImage.fromRegistry('example.com/x:1', undefined as never)).toThrow(/facts.libc must be one of/);
  });

  test('fails if the user is not numeric', () => {
    expect(() => BaseImage.fromRegistry('example.com/x:1', {
      libc: Libc.NONE, hasShell: false, hasPackageManager: false, defaultUser: { uid: -1, gid: 0 },
    })).toThrow(/facts.defaultUser must have numeric uid and gid/);
  });
});

describe('facts are immutable', () => {
  test('regression: changing one image\'s facts cannot change what another catalog image reports', () => {
    const image = BaseImage.googleStatic();
    expect(() => { (image.facts.defaultUser as { uid: number }).uid = 0; }).toThrow(TypeError);
    expect(() => { (image.facts.architectures as string[]).push('mips'); }).toThrow(TypeError);
    expect(() => { (image.facts as { hasShell: boolean }).hasShell = true; }).toThrow(TypeError);
    expect(BaseImage.googleStatic().facts.defaultUser.uid).toBe(65532);
    expect(BaseImage.googleBase().facts.defaultUser.uid).toBe(65532);
    expect(BaseImage.chainguardStatic().facts.defaultUser.uid).toBe(65532);
    expect(BaseImage.googleStatic().facts.architectures).not.toContain('mips');
  });

  test('catalog environment and entrypoint are frozen too', () => {
    const dotnet = BaseImage.dotnetChiseled();
    expect(() => { (dotnet.facts.environment as Record<string, string>).APP_UID = '0'; }).toThrow(TypeError);
    expect(() => { (BaseImage.googleJava().facts.entrypoint as string[]).length = 0; }).toThrow(TypeError);
    expect(BaseImage.dotnetChiseled().facts.environment?.APP_UID).toBe('1654');
    expect(BaseImage.googleJava().facts.entrypoint).toEqual(['/usr/bin/java', '-jar']);
  });

  test('fromRegistry copies the caller\'s facts: changing them afterwards changes nothing', () => {
    const user = { uid: 1000, gid: 1000 };
    const environment: Record<string, string> = { APP_HOME: '/app' };
    const image = BaseImage.fromRegistry('registry.example.com/base:1', {
      libc: Libc.GLIBC, hasShell: false, hasPackageManager: false, defaultUser: user, environment,
    });
    user.uid = 0;
    environment.APP_HOME = '/';
    expect(image.facts.defaultUser.uid).toBe(1000);
    expect(image.facts.environment).toEqual({ APP_HOME: '/app' });
    expect(Object.isFrozen(image.facts.defaultUser)).toBe(true);
  });

  test('withDigest and withMirror keep frozen facts', () => {
    const image = BaseImage.googleStatic().withDigest(DIGEST).withMirror(RegistryMirror.of('gcr.io', 'registry.example.com/gcr'));
    expect(Object.isFrozen(image.facts)).toBe(true);
    expect(image.facts.defaultUser.uid).toBe(65532);
  });
});

describe('image environment and deprecation facts', () => {
  test('.NET 8+ images set APP_UID=1654 in every flavor and variant', () => {
    for (const ref of ['mcr.microsoft.com/dotnet/aspnet:9.0-noble-chiseled', 'mcr.microsoft.com/dotnet/runtime-deps:8.0',
      'mcr.microsoft.com/dotnet/runtime:10.0-azurelinux3.0-distroless', 'mcr.microsoft.com/dotnet/sdk:9.0']) {
      expect([ref, BaseImage.lookup(ref)?.facts.environment?.APP_UID]).toEqual([ref, '1654']);
    }
  });

  test('Azure Linux distroless .NET tags have no shell or package manager and run as app', () => {
    const image = BaseImage.lookup('mcr.microsoft.com/dotnet/aspnet:8.0-azurelinux3.0-distroless')!;
    expect(image.facts.family).toBe(ImageFamily.DOTNET_DISTROLESS);
    expect([image.facts.hasShell, image.facts.hasPackageManager, image.role]).toEqual([false, false, ImageRole.FINAL]);
    expect(image.facts.defaultUser.uid).toBe(1654);
    expect(image.facts.architectures).toEqual(['amd64', 'arm64']);
    expect(BaseImage.lookup('mcr.microsoft.com/dotnet/aspnet:8.0-noble-chiseled')!.facts.architectures).toEqual(['amd64', 'arm64', 'arm']);
  });

  test('.NET alpine tags are musl; full tags are build images running as root', () => {
    expect(BaseImage.lookup('mcr.microsoft.com/dotnet/runtime:8.0-alpine')?.facts.libc).toBe(Libc.MUSL);
    const full = BaseImage.lookup('mcr.microsoft.com/dotnet/runtime-deps:8.0')!;
    expect([full.role, full.facts.defaultUser.uid]).toEqual([ImageRole.BUILD, 0]);
  });

  test('fails if facts.environment is not a map of names to strings', () => {
    const facts = { libc: Libc.GLIBC, hasShell: false, hasPackageManager: false, defaultUser: { uid: 1, gid: 1 } };
    expect(() => BaseImage.fromRegistry('r.example.com/a:1', { ...facts, environment: { APP_UID: 1654 as unknown as string } }))
      .toThrow(/facts\.environment\.APP_UID must be a variable name .* with a string value, got 1654/);
    expect(() => BaseImage.fromRegistry('r.example.com/a:1', { ...facts, environment: ['A=1'] as unknown as Record<string, string> }))
      .toThrow(/facts\.environment must be an object/);
    expect(() => BaseImage.fromRegistry('r.example.com/a:1', { ...facts, deprecated: ' ' })).toThrow(/facts\.deprecated must say why/);
  });
});

describe('Google distroless names real Dockerfiles use', () => {
  test.each([
    ['gcr.io/distroless/static:nonroot', Libc.NONE, 65532, undefined],
    ['gcr.io/distroless/base:nonroot', Libc.GLIBC, 65532, undefined],
    ['gcr.io/distroless/cc', Libc.GLIBC, 0, undefined],
    ['gcr.io/distroless/static:nonroot-amd64', Libc.NONE, 65532, undefined],
    ['gcr.io/distroless/static:latest-arm64', Libc.NONE, 0, undefined],
    ['gcr.io/distroless/python3', Libc.GLIBC, 0, /no longer updated.*python3-debian13/],
    ['gcr.io/distroless/java17:nonroot', Libc.GLIBC, 65532, /no longer updated.*java17-debian13/],
    ['gcr.io/distroless/nodejs20-debian12', Libc.GLIBC, 0, /no longer updated.*nodejs24-debian13/],
    ['gcr.io/distroless/static-debian11:nonroot', Libc.NONE, 65532, /static-debian11 is no longer updated.*static-debian13/],
    ['gcr.io/distroless/base-debian10', Libc.GLIBC, 0, /no longer updated/],
    ['gcr.io/distroless/java:11', Libc.GLIBC, 0, /no longer updated.*java21-debian13/],
    ['gcr.io/distroless/java:11-nonroot', Libc.GLIBC, 65532, /no longer updated/],
  ] as const)('%s is known', (ref, libc, uid, deprecated) => {
    const image = BaseImage.lookup(ref)!;
    expect(image).toBeDefined();
    expect([image.facts.libc, image.facts.defaultUser.uid, image.facts.hasShell]).toEqual([libc, uid, false]);
    if (deprecated) { expect(image.facts.deprecated).toMatch(deprecated); } else { expect(image.facts.deprecated).toBeUndefined(); }
  });

  test('debug tags of older names are debug variants', () => {
    expect(BaseImage.lookup('gcr.io/distroless/static:debug-nonroot')?.facts.debug).toBe(true);
    expect(BaseImage.lookup('gcr.io/distroless/java:11-debug')?.facts.hasShell).toBe(true);
  });

  test('older names are found by lookup but not listed in catalog()', () => {
    const listed = new Set(BaseImage.catalog().map(i => i.repository));
    expect(listed.has('gcr.io/distroless/static')).toBe(false);
    expect(listed.has('gcr.io/distroless/static-debian11')).toBe(false);
    expect(listed.has('gcr.io/distroless/static-debian13')).toBe(true);
  });

  test('Debian 12 language images are flagged as no longer updated; Debian 12 OS images are not', () => {
    expect(BaseImage.googleJava({ debian: DebianRelease.DEBIAN12 }).facts.deprecated).toMatch(/java21-debian12 is no longer updated/);
    expect(BaseImage.googleStatic({ debian: DebianRelease.DEBIAN12 }).facts.deprecated).toBeUndefined();
    expect(BaseImage.googleJava().facts.deprecated).toBeUndefined();
  });
});
