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

/** Debian releases Google distroless is built on, with the Python each ships. */
const DEBIAN_PYTHON: Record<string, string> = { debian12: '3.11', debian13: '3.13' };

function distroless(name: string, debian: string, base: Omit<BaseImageFacts, 'defaultUser' | 'hasShell' | 'hasPackageManager' | 'family'>): CatalogEntry {
  return {
    repository: `gcr.io/distroless/${name}-${debian}`,
    defaultTag: 'nonroot',
    tags: ['latest', 'nonroot', 'debug', 'debug-nonroot'],
    factsFor(tag: string): BaseImageFacts {
      // Tags may carry an architecture suffix (nonroot-amd64): facts depend only on the variant.
      const variant = tag.replace(/-(amd64|arm64|arm|s390x|ppc64le|riscv64)$/, '');
      const debug = variant.startsWith('debug');
      const nonroot = variant.endsWith('nonroot');
      return {
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
    },
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
        description: `The libraries a JVM needs, without a JVM: for a jlink runtime.${frozen}`,
      }),
      distroless('python3', debian, {
        libc: Libc.GLIBC,
        architectures: current ? DEBIAN13_ARCH.python : TWO_ARCH,
        runtime: 'python',
        runtimeVersion: DEBIAN_PYTHON[debian],
        entrypoint: [`/usr/bin/python${DEBIAN_PYTHON[debian]}`],
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
      description: `Node.js ${version}; the entrypoint runs the script given as CMD.${current ? '' : FROZEN}`,
    }));
  }

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
      tags: versions.flatMap(v => [`${v}-noble-chiseled`, `${v}-noble-chiseled-extra`]),
      factsFor(tag: string): BaseImageFacts {
        const chiseled = tag.includes('chiseled');
        const version = tag.split('-')[0];
        return {
          family: chiseled ? ImageFamily.DOTNET_CHISELED : ImageFamily.TOOLCHAIN,
          libc: Libc.GLIBC,
          hasShell: !chiseled,
          hasPackageManager: !chiseled,
          // Chiseled tags run as `app`; the full Debian-based tags default to root but ship `app`.
          defaultUser: chiseled ? DOTNET_APP : ROOT,
          nonRootUser: DOTNET_APP,
          runtime: flavor === 'runtime-deps' ? undefined : 'dotnet',
          runtimeVersion: flavor === 'runtime-deps' ? undefined : version,
          architectures: ['amd64', 'arm64', 'arm'],
          description: chiseled
            ? `Ubuntu 24.04 chiseled .NET ${flavor}: no shell, no package manager, runs as app (1654).`
            : `.NET ${flavor} on a full OS: build stages only.`,
        };
      },
    });
  }
  entries.push(toolchain('mcr.microsoft.com/dotnet/sdk', '10.0', ['8.0', '9.0', '10.0'], ImageFamily.TOOLCHAIN, {
    runtime: 'dotnet', description: '.NET SDK: build stage for .NET apps.',
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
