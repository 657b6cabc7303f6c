import { BaseImageFacts, ImageFamily, ImageUser, Libc } from './facts';
import { _canonicalRepository, _parseReference } from './reference';

/**
 * One repository of the catalog and how its tags change the facts.
 * @internal
 */
export interface CatalogEntry {
  /** Repository as users write it (`gcr.io/distroless/static-debian13`, `golang`). */
  readonly repository: string;
  /** Tag used when none is given. */
  readonly defaultTag: string;
  /** Tags worth listing; others are still resolved by `factsFor`. */
  readonly tags: string[];
  /**
   * Whether `BaseImage.catalog()` lists it. Aliases and older releases are found by `lookup` (real
   * Dockerfiles use them) but not offered.
   */
  readonly listed?: boolean;
  /** Facts for a tag. */
  factsFor(tag: string): BaseImageFacts;
}

/** The root user every image has. */
export const ROOT: ImageUser = { uid: 0, gid: 0, name: 'root', home: '/root' };
/** Google distroless and Chainguard's non-root user. */
export const NONROOT_65532: ImageUser = { uid: 65532, gid: 65532, name: 'nonroot', home: '/home/nonroot' };
/** Microsoft's chiseled .NET images' `app` user. */
export const DOTNET_APP: ImageUser = { uid: 1654, gid: 1654, name: 'app', home: '/home/app' };
/** Canonical's rocks run as `_daemon_`. */
export const UBUNTU_DAEMON: ImageUser = { uid: 584792, gid: 584792, name: '_daemon_', home: '/home/_daemon_' };
/** Chainguard's node image names its 65532 user `node`. */
export const CHAINGUARD_NODE: ImageUser = { uid: 65532, gid: 65532, name: 'node', home: '/home/node' };
/** `nobody`, the only non-root user BusyBox ships. */
export const NOBODY: ImageUser = { uid: 65534, gid: 65534, name: 'nobody', home: '/home' };

const MULTI_ARCH = ['amd64', 'arm64', 'arm', 's390x', 'ppc64le'];
const TWO_ARCH = ['amd64', 'arm64'];
/** Architectures of Google distroless on Debian 13, per image, from its README. */
const DEBIAN13_ARCH = {
  os: [...MULTI_ARCH, 'riscv64'],
  java: ['amd64', 'arm64', 's390x', 'ppc64le', 'riscv64'],
  python: ['amd64', 'arm64', 'riscv64'],
  node22: MULTI_ARCH,
  node: ['amd64', 'arm64', 's390x', 'ppc64le'],
};
/** Google distroless publishes only static, base, base-nossl and cc for Debian 12; its language images there are no longer updated. */
const FROZEN = ' Debian 12 build: no longer updated upstream, use the debian13 image.';

/** Why a Debian 12 language image is flagged (CDL108), and its Debian 13 successor. */
function debian12Frozen(name: string, successor: string = name): string {
  return `gcr.io/distroless/${name}-debian12 is no longer updated upstream (no security fixes); use gcr.io/distroless/${successor}-debian13.`;
}

/** Debian releases Google distroless is built on, with the Python each ships. */
const DEBIAN_PYTHON: Record<string, string> = { debian12: '3.11', debian13: '3.13' };

/** What Google distroless sets in every image's ENV. */
const DISTROLESS_ENV = {
  PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  SSL_CERT_FILE: '/etc/ssl/certs/ca-certificates.crt',
};

/**
 * Architecture suffixes of image tags (`nonroot-amd64`, `latest-arm64`): the catalog's facts and the
 * policy's tag checks read a tag without it.
 * @internal
 */
export const _ARCH_SUFFIX = /-(amd64|arm64|arm|s390x|ppc64le|riscv64|386)$/;

type DistrolessBase = Omit<BaseImageFacts, 'defaultUser' | 'hasShell' | 'hasPackageManager' | 'family'>;

/** Facts of a Google distroless tag: `latest`, `nonroot`, `debug`, `debug-nonroot`, any of them with an arch suffix. */
function distrolessFacts(base: DistrolessBase, tag: string): BaseImageFacts {
  // Facts depend only on the variant; older repositories prefix a version (`java:11-debug-nonroot`).
  const variant = tag.replace(_ARCH_SUFFIX, '');
  const debug = /(^|-)debug(-|$)/.test(variant);
  const nonroot = /(^|-)nonroot$/.test(variant);
  return {
    environment: DISTROLESS_ENV,
    ...base,
    family: ImageFamily.GOOGLE_DISTROLESS,
    hasShell: debug,
    hasPackageManager: false,
    debug,
    // Debug images of the OS-only bases start BusyBox's shell; the language images keep their runtime.
    entrypoint: base.entrypoint ?? (debug ? ['/busybox/sh'] : undefined),
    defaultUser: nonroot ? NONROOT_65532 : ROOT,
    nonRootUser: NONROOT_65532,
  };
}

function distroless(name: string, debian: string, base: DistrolessBase, listed = true): CatalogEntry {
  return {
    repository: `gcr.io/distroless/${name}${debian ? `-${debian}` : ''}`,
    defaultTag: 'nonroot',
    tags: ['latest', 'nonroot', 'debug', 'debug-nonroot'],
    listed,
    factsFor: tag => distrolessFacts(base, tag),
  };
}

function chainguard(name: string, base: Omit<BaseImageFacts, 'defaultUser' | 'hasShell' | 'hasPackageManager' | 'family' | 'libc'>
  & { libc?: Libc; user?: ImageUser }): CatalogEntry {
  const { user, ...facts } = base;
  return {
    repository: `cgr.dev/chainguard/${name}`,
    defaultTag: 'latest',
    tags: ['latest', 'latest-dev'],
    factsFor(tag: string): BaseImageFacts {
      const dev = tag.endsWith('-dev');
      return {
        ...facts,
        libc: base.libc ?? Libc.GLIBC,
        family: ImageFamily.CHAINGUARD,
        hasShell: dev,
        hasPackageManager: dev,
        defaultUser: user ?? NONROOT_65532,
        nonRootUser: user ?? NONROOT_65532,
        architectures: TWO_ARCH,
        description: dev ? `${base.description} (-dev: adds a shell and apk; build stages only)` : base.description,
      };
    },
  };
}

function fixed(repository: string, defaultTag: string, tags: string[], facts: BaseImageFacts): CatalogEntry {
  return { repository, defaultTag, tags, factsFor: () => facts };
}

/** A build-stage image with a full OS: a shell, a package manager, root by default. */
function toolchain(
  repository: string, defaultTag: string, tags: string[], family: ImageFamily,
  facts: Partial<BaseImageFacts> & { description: string },
): CatalogEntry {
  return fixed(repository, defaultTag, tags, {
    family,
    libc: Libc.GLIBC,
    hasShell: true,
    hasPackageManager: true,
    defaultUser: ROOT,
    architectures: TWO_ARCH,
    ...facts,
  });
}

/** A JDK or JRE image used as a build stage: a full OS with a shell and a package manager, root by default. */
function javaSource(family: ImageFamily, libc: Libc, version: string | undefined, description: string): BaseImageFacts {
  return {
    family,
    libc,
    hasShell: true,
    hasPackageManager: true,
    defaultUser: ROOT,
    runtime: 'java',
    runtimeVersion: version,
    architectures: TWO_ARCH,
    description,
  };
}

function buildCatalog(): CatalogEntry[] {
  const entries: CatalogEntry[] = [];
  for (const debian of ['debian12', 'debian13']) {
    const current = debian === 'debian13';
    const os = current ? DEBIAN13_ARCH.os : MULTI_ARCH;
    const frozen = current ? '' : FROZEN;
    entries.push(
      distroless('static', debian, { libc: Libc.NONE, architectures: os, description: 'ca-certificates, tzdata, /etc/passwd and /tmp; no libc. For static binaries (Go without cgo, Rust musl).' }),
      distroless('base', debian, { libc: Libc.GLIBC, architectures: os, description: 'static plus glibc and libssl. For dynamically linked binaries (Go with cgo).' }),
      distroless('base-nossl', debian, { libc: Libc.GLIBC, architectures: os, description: 'static plus glibc, without libssl.' }),
      distroless('cc', debian, { libc: Libc.GLIBC, architectures: os, description: 'base plus libgcc and libstdc++. For C++ and Rust binaries.' }),
      distroless('java-base', debian, {
        libc: Libc.GLIBC,
        architectures: current ? DEBIAN13_ARCH.java : TWO_ARCH,
        deprecated: current ? undefined : debian12Frozen('java-base'),
        description: `The libraries a JVM needs, without a JVM: for a jlink runtime.${frozen}`,
      }),
      distroless('python3', debian, {
        libc: Libc.GLIBC,
        architectures: current ? DEBIAN13_ARCH.python : TWO_ARCH,
        runtime: 'python',
        runtimeVersion: DEBIAN_PYTHON[debian],
        entrypoint: [`/usr/bin/python${DEBIAN_PYTHON[debian]}`],
        deprecated: current ? undefined : debian12Frozen('python3'),
        description: `Debian's Python ${DEBIAN_PYTHON[debian]}.${frozen}`,
      }),
    );
  }
  const javaVersions: Array<[string, string]> = [['17', 'debian12'], ['21', 'debian12'], ['17', 'debian13'], ['21', 'debian13'], ['25', 'debian13']];
  for (const [version, debian] of javaVersions) {
    entries.push(distroless(`java${version}`, debian, {
      libc: Libc.GLIBC,
      architectures: debian === 'debian13' ? DEBIAN13_ARCH.java : TWO_ARCH,
      runtime: 'java',
      runtimeVersion: version,
      entrypoint: ['/usr/bin/java', '-jar'],
      deprecated: debian === 'debian13' ? undefined : debian12Frozen(`java${version}`),
      description: `${debian === 'debian13' ? 'Temurin' : 'OpenJDK'} ${version} JRE; the entrypoint runs the jar given as CMD.${debian === 'debian13' ? '' : FROZEN}`,
    }));
  }
  const nodeVersions: Array<[string, string]> = [['20', 'debian12'], ['22', 'debian12'], ['24', 'debian12'], ['22', 'debian13'], ['24', 'debian13'], ['26', 'debian13']];
  for (const [version, debian] of nodeVersions) {
    const current = debian === 'debian13';
    entries.push(distroless(`nodejs${version}`, debian, {
      libc: Libc.GLIBC,
      architectures: !current ? TWO_ARCH : version === '22' ? DEBIAN13_ARCH.node22 : DEBIAN13_ARCH.node,
      runtime: 'nodejs',
      runtimeVersion: version,
      entrypoint: ['/nodejs/bin/node'],
      deprecated: current ? undefined : debian12Frozen(`nodejs${version}`, version === '20' ? 'nodejs24' : undefined),
      description: `Node.js ${version}; the entrypoint runs the script given as CMD.${current ? '' : FROZEN}`,
    }));
  }

  entries.push(...legacyDistroless());

  entries.push(
    chainguard('static', { libc: Libc.NONE, description: 'Wolfi static: ca-certificates, tzdata, /etc/passwd; no libc.' }),
    chainguard('glibc-dynamic', { description: 'Wolfi glibc and libgcc for dynamically linked binaries.' }),
    chainguard('node', { runtime: 'nodejs', entrypoint: ['/usr/bin/node'], user: CHAINGUARD_NODE, description: 'Node.js on Wolfi; its 65532 user is named node.' }),
    chainguard('python', { runtime: 'python', entrypoint: ['/usr/bin/python'], description: 'Python on Wolfi.' }),
    chainguard('jre', { runtime: 'java', entrypoint: ['/usr/bin/java'], description: 'OpenJDK JRE on Wolfi.' }),
    chainguard('dotnet-runtime', { runtime: 'dotnet', entrypoint: ['/usr/bin/dotnet'], description: '.NET runtime on Wolfi.' }),
    chainguard('aspnet-runtime', { runtime: 'dotnet', entrypoint: ['/usr/bin/dotnet'], description: 'ASP.NET Core runtime on Wolfi.' }),
  );

  for (const flavor of ['runtime-deps', 'runtime', 'aspnet']) {
    const versions = ['8.0', '9.0', '10.0'];
    entries.push({
      repository: `mcr.microsoft.com/dotnet/${flavor}`,
      defaultTag: '10.0-noble-chiseled',
      tags: versions.flatMap(v => [`${v}-noble-chiseled`, `${v}-noble-chiseled-extra`, `${v}-azurelinux3.0-distroless`]),
      factsFor: tag => dotnetFacts(flavor, tag),
    });
  }
  entries.push(toolchain('mcr.microsoft.com/dotnet/sdk', '10.0', ['8.0', '9.0', '10.0'], ImageFamily.TOOLCHAIN, {
    runtime: 'dotnet', environment: { APP_UID: '1654', DOTNET_RUNNING_IN_CONTAINER: 'true' }, description: '.NET SDK: build stage for .NET apps.',
  }));

  for (const rock of [['python', '3.12-24.04_stable'], ['jre', '21-24.04_stable'], ['dotnet-runtime', '8.0-24.04_stable'], ['aspnet', '8.0-24.04_stable']]) {
    entries.push(fixed(`ubuntu/${rock[0]}`, rock[1], [rock[1]], {
      family: ImageFamily.UBUNTU_CHISELED,
      libc: Libc.GLIBC,
      hasShell: false,
      hasPackageManager: false,
      defaultUser: UBUNTU_DAEMON,
      nonRootUser: UBUNTU_DAEMON,
      architectures: TWO_ARCH,
      runtime: rock[0].startsWith('python') ? 'python' : rock[0] === 'jre' ? 'java' : 'dotnet',
      description: `Canonical's chiseled Ubuntu ${rock[0]} rock: no shell, no package manager, runs as _daemon_ (584792).`,
    }));
  }

  entries.push({
    repository: 'busybox',
    defaultTag: 'stable-musl',
    tags: ['stable-musl', 'stable-glibc', 'stable-uclibc', '1.37-musl', '1.37-glibc'],
    factsFor(tag: string): BaseImageFacts {
      return {
        family: ImageFamily.BUSYBOX,
        libc: tag.includes('glibc') ? Libc.GLIBC : tag.includes('musl') ? Libc.MUSL : Libc.NONE,
        hasShell: true,
        hasPackageManager: false,
        defaultUser: ROOT,
        nonRootUser: NOBODY,
        hasCaCertificates: false,
        architectures: MULTI_ARCH,
        description: 'BusyBox: no package manager but a shell and coreutils; allowed as a final stage with a warning.',
      };
    },
  });
  entries.push(fixed('scratch', '', [''], {
    family: ImageFamily.SCRATCH,
    libc: Libc.NONE,
    hasShell: false,
    hasPackageManager: false,
    defaultUser: ROOT,
    hasCaCertificates: false,
    hasTmp: false,
    hasPasswd: false,
    architectures: MULTI_ARCH,
    description: 'The empty image: no passwd, no CA certificates, no /tmp. The generator supplies them.',
  }));

  entries.push({
    repository: 'bellsoft/liberica-runtime-container',
    defaultTag: 'jdk-21-glibc',
    tags: ['jdk-21-glibc', 'jdk-21-musl', 'jdk-all-21-glibc', 'jre-21-glibc', 'jre-21-musl', 'jdk-25-glibc', 'jre-25-glibc'],
    factsFor(tag: string): BaseImageFacts {
      const version = /(\d+)/.exec(tag)?.[1];
      return javaSource(ImageFamily.LIBERICA, tag.includes('musl') ? Libc.MUSL : Libc.GLIBC, version,
        `BellSoft Liberica ${tag.startsWith('jre') ? 'JRE' : 'JDK'}${version ? ` ${version}` : ''} on Alpaquita (apk, sh): a JDK/JRE source for build stages, e.g. jlink.`);
    },
  });
  entries.push({
    repository: 'amazoncorretto',
    defaultTag: '21-al2023-jdk',
    tags: ['17-al2023-jdk', '21-al2023-jdk', '25-al2023-jdk', '21-al2023-headless', '21-alpine'],
    factsFor(tag: string): BaseImageFacts {
      const version = /^(\d+)/.exec(tag)?.[1];
      const alpine = tag.includes('alpine');
      return javaSource(ImageFamily.CORRETTO, alpine ? Libc.MUSL : Libc.GLIBC, version,
        `Amazon Corretto${version ? ` ${version}` : ''} on ${alpine ? 'Alpine' : 'Amazon Linux 2023'}: a JDK source for build stages (jlink).`);
    },
  });

  entries.push(
    toolchain('alpine', '3.22', ['3.21', '3.22', 'latest'], ImageFamily.ALPINE, { libc: Libc.MUSL, architectures: MULTI_ARCH, description: 'Alpine Linux (apk, BusyBox sh): build stages only.' }),
    toolchain('debian', 'trixie-slim', ['bookworm-slim', 'trixie-slim', '12-slim', '13-slim'], ImageFamily.DEBIAN_SLIM, { architectures: MULTI_ARCH, hasCaCertificates: false, description: 'Debian slim (apt, dash): build stages only.' }),
    toolchain('registry.access.redhat.com/ubi9/ubi-minimal', 'latest', ['latest'], ImageFamily.UBI_MINIMAL, { description: 'Red Hat UBI 9 minimal (microdnf, bash): build stages only.' }),
    toolchain('registry.access.redhat.com/ubi10/ubi-minimal', 'latest', ['latest'], ImageFamily.UBI_MINIMAL, { description: 'Red Hat UBI 10 minimal (microdnf, bash): build stages only.' }),
    toolchain('golang', '1.25-trixie', ['1.24-bookworm', '1.25-trixie'], ImageFamily.TOOLCHAIN, { runtime: 'go', description: 'Go toolchain on Debian: build stage.' }),
    toolchain('rust', '1.91-trixie', ['1.91-trixie', '1.91-bookworm'], ImageFamily.TOOLCHAIN, { runtime: 'rust', description: 'Rust toolchain on Debian: build stage.' }),
    toolchain('node', '24-trixie-slim', ['22-trixie-slim', '24-trixie-slim', '22-bookworm-slim'], ImageFamily.TOOLCHAIN, { runtime: 'nodejs', description: 'Node.js and npm on Debian slim: build stage.' }),
    toolchain('python', '3.13-slim-trixie', ['3.11-slim-bookworm', '3.13-slim-trixie'], ImageFamily.TOOLCHAIN, { runtime: 'python', description: 'Python and pip on Debian slim: build stage.' }),
    toolchain('gcc', '14', ['13', '14'], ImageFamily.TOOLCHAIN, { description: 'GCC, make and binutils on Debian: build stage for C and C++.' }),
    toolchain('maven', '3.9-amazoncorretto-21-debian', ['3.9-amazoncorretto-21-debian', '3.9-amazoncorretto-17-debian'], ImageFamily.TOOLCHAIN, { runtime: 'java', description: 'Maven with Amazon Corretto: build stage for Java.' }),
    toolchain('gradle', '8-jdk21', ['8-jdk17', '8-jdk21'], ImageFamily.TOOLCHAIN, { runtime: 'java', description: 'Gradle with a JDK: build stage for Java.' }),
  );
  return entries;
}

/**
 * Google distroless names real Dockerfiles still use: the names without a Debian suffix (which follow
 * Google's default release), the Debian 11 and 10 builds, and the old `java` and `nodejs` repositories
 * with version tags. Found by lookup, not listed; the language images and older releases are no
 * longer updated.
 */
function legacyDistroless(): CatalogEntry[] {
  const entries: CatalogEntry[] = [];
  const frozen = (what: string, instead: string) =>
    `${what} is no longer updated upstream (no security fixes); use ${instead}.`;
  // The OS-only bases without suffix are built from the Debian 12 images and are still updated.
  for (const [name, libc, what] of [
    ['static', Libc.NONE, 'no libc'], ['base', Libc.GLIBC, 'glibc and libssl'],
    ['base-nossl', Libc.GLIBC, 'glibc without libssl'], ['cc', Libc.GLIBC, 'glibc, libgcc and libstdc++'],
  ] as const) {
    entries.push(distroless(name, '', {
      libc,
      architectures: MULTI_ARCH,
      description: `Unsuffixed alias of ${name}-debian12 (${what}); it moves when Google changes its default Debian release: prefer ${name}-debian13.`,
    }, false));
  }
  // Unsuffixed language images point at Debian 12 or older builds, which are no longer updated.
  const language = (name: string, debian: string, runtime: string | undefined, version: string | undefined,
    entrypoint: string[] | undefined, instead: string): CatalogEntry => {
    const label = `gcr.io/distroless/${name}${debian ? `-${debian}` : ''}`;
    return distroless(name, debian, {
      libc: Libc.GLIBC,
      architectures: TWO_ARCH,
      runtime,
      runtimeVersion: version,
      entrypoint,
      deprecated: frozen(label, `gcr.io/distroless/${instead}`),
      description: `${runtime ? `${runtime}${version ? ` ${version}` : ''}` : 'JVM libraries'} on an older Debian build.`,
    }, false);
  };
  const java = ['/usr/bin/java', '-jar'];
  const node = ['/nodejs/bin/node'];
  for (const debian of ['', 'debian11', 'debian10']) {
    entries.push(
      language('java-base', debian, undefined, undefined, undefined, 'java-base-debian13'),
      language('python3', debian, 'python', undefined, ['/usr/bin/python3'], 'python3-debian13'),
      language('java11', debian, 'java', '11', java, 'java21-debian13'),
      language('java17', debian, 'java', '17', java, 'java17-debian13'),
    );
  }
  entries.push(
    language('java21', '', 'java', '21', java, 'java21-debian13'),
    ...['16', '18', '20', '22', '24'].map(v => language(`nodejs${v}`, '', 'nodejs', v, node, 'nodejs24-debian13')),
    ...['16', '18', '20'].map(v => language(`nodejs${v}`, 'debian11', 'nodejs', v, node, 'nodejs24-debian13')),
  );
  for (const debian of ['debian11', 'debian10']) {
    for (const [name, libc] of [['static', Libc.NONE], ['base', Libc.GLIBC], ['base-nossl', Libc.GLIBC], ['cc', Libc.GLIBC]] as const) {
      entries.push(distroless(name, debian, {
        libc,
        architectures: MULTI_ARCH,
        deprecated: frozen(`gcr.io/distroless/${name}-${debian}`, `gcr.io/distroless/${name}-debian13`),
        description: `Debian ${debian.slice(6)} build of ${name}.`,
      }, false));
    }
  }
  // The first repositories: gcr.io/distroless/java:11, java:11-nonroot, nodejs:16, nodejs:16-debug.
  for (const [name, runtime, entrypoint, instead] of [
    ['java', 'java', java, 'java21-debian13'], ['nodejs', 'nodejs', node, 'nodejs24-debian13'],
  ] as const) {
    entries.push({
      repository: `gcr.io/distroless/${name}`,
      defaultTag: 'latest',
      tags: ['latest'],
      listed: false,
      factsFor: tag => distrolessFacts({
        libc: Libc.GLIBC,
        architectures: TWO_ARCH,
        runtime,
        runtimeVersion: /^(\d+)/.exec(tag)?.[1],
        entrypoint: [...entrypoint],
        deprecated: frozen(`gcr.io/distroless/${name}`, `gcr.io/distroless/${instead}`),
        description: `The first ${runtime} repository of Google distroless, versions as tags.`,
      }, tag),
    });
  }
  return entries;
}

/** .NET version of a Microsoft tag (`8.0-noble-chiseled` -> 8), or undefined. */
function dotnetMajor(tag: string): number | undefined {
  const m = /^(\d+)\.\d+/.exec(tag);
  return m ? Number(m[1]) : undefined;
}

/**
 * Facts of `mcr.microsoft.com/dotnet/<flavor>:<tag>`. Chiseled (Ubuntu) and Azure Linux distroless
 * tags have no shell and no package manager and run as `app` (1654); every other tag is a full OS.
 * .NET 8 and later set `APP_UID` for `USER $APP_UID` in every image.
 */
function dotnetFacts(flavor: string, tag: string): BaseImageFacts {
  const chiseled = tag.includes('chiseled');
  const azureDistroless = tag.includes('-distroless');
  const shellless = chiseled || azureDistroless;
  const version = tag.split('-')[0];
  const major = dotnetMajor(tag);
  const modern = major === undefined || major >= 8;
  const environment: Record<string, string> = modern ? { APP_UID: '1654' } : {};
  environment.DOTNET_RUNNING_IN_CONTAINER = 'true';
  if (modern) { environment.ASPNETCORE_HTTP_PORTS = '8080'; }
  const family = chiseled ? ImageFamily.DOTNET_CHISELED : azureDistroless ? ImageFamily.DOTNET_DISTROLESS : ImageFamily.TOOLCHAIN;
  return {
    family,
    libc: tag.includes('alpine') ? Libc.MUSL : Libc.GLIBC,
    hasShell: !shellless,
    hasPackageManager: !shellless,
    // Chiseled and distroless tags run as `app`; the full OS tags default to root but ship `app`.
    defaultUser: shellless && modern ? DOTNET_APP : ROOT,
    nonRootUser: modern ? DOTNET_APP : undefined,
    runtime: flavor === 'runtime-deps' ? undefined : 'dotnet',
    runtimeVersion: flavor === 'runtime-deps' ? undefined : version,
    // Azure Linux is built for amd64 and arm64 only; the Ubuntu and Debian tags also for arm32.
    architectures: tag.includes('azurelinux') ? ['amd64', 'arm64'] : ['amd64', 'arm64', 'arm'],
    environment,
    description: chiseled
      ? `Ubuntu chiseled .NET ${flavor}: no shell, no package manager, runs as app (1654).`
      : azureDistroless
        ? `Azure Linux distroless .NET ${flavor}: no shell, no package manager, runs as app (1654).`
        : `.NET ${flavor} on a full OS: build stages only.`,
  };
}

/** The catalog, built once, with its entries indexed as factories and lookups use them. */
interface Catalog {
  readonly entries: CatalogEntry[];
  /** By repository as written in the catalog (`golang`, `gcr.io/distroless/static-debian13`). */
  readonly byRepository: ReadonlyMap<string, CatalogEntry>;
  /** By canonical repository (`docker.io/library/golang`), so every Docker Hub spelling finds its entry. */
  readonly byCanonical: ReadonlyMap<string, CatalogEntry>;
}

let cached: Catalog | undefined;

function catalog(): Catalog {
  if (!cached) {
    const entries = buildCatalog();
    const images = entries.filter(e => e.repository !== 'scratch');
    cached = {
      entries,
      byRepository: new Map(entries.map(e => [e.repository, e])),
      byCanonical: new Map(images.map(e => [_canonicalRepository(_parseReference(e.repository)!), e])),
    };
  }
  return cached;
}

/**
 * Every repository the catalog knows.
 * @internal
 */
export function _catalogEntries(): CatalogEntry[] {
  return catalog().entries;
}

/**
 * The entry for a repository exactly as the catalog writes it, e.g. `gcr.io/distroless/static-debian13`.
 * @internal
 */
export function _catalogEntry(repository: string): CatalogEntry | undefined {
  return catalog().byRepository.get(repository);
}

/**
 * The entry for a canonical repository (`docker.io/library/golang`); never scratch, which is not in a registry.
 * @internal
 */
export function _catalogEntryByCanonical(canonicalRepository: string): CatalogEntry | undefined {
  return catalog().byCanonical.get(canonicalRepository);
}
