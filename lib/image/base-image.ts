import { _catalogEntries, _catalogEntry, _catalogEntryByCanonical, CatalogEntry } from './catalog';
import { BaseImageFacts, ImageFamily, ImageRole, ImageUser, Libc } from './facts';
import { _canonicalRepository, _isDigest, _parseReference } from './reference';
import { RegistryMirror } from './registry-mirror';

/** Debian release a Google distroless image is built on. */
export enum DebianRelease {
  /** Debian 12 (bookworm). */
  DEBIAN12 = 'debian12',
  /** Debian 13 (trixie). */
  DEBIAN13 = 'debian13',
}

/** Tag variants of Google distroless images. */
export enum DistrolessTag {
  /** Runs as root (uid 0). */
  LATEST = 'latest',
  /** Runs as nonroot (uid 65532). */
  NONROOT = 'nonroot',
  /** Adds a BusyBox shell and runs as root: for troubleshooting, never for production. */
  DEBUG = 'debug',
  /** Adds a BusyBox shell and runs as nonroot: for troubleshooting, never for production. */
  DEBUG_NONROOT = 'debug-nonroot',
}

/** Options for Google distroless images. */
export interface GoogleDistrolessOptions {
  /**
   * Debian release.
   * @default DebianRelease.DEBIAN13
   */
  readonly debian?: DebianRelease;
  /**
   * Tag variant.
   * @default DistrolessTag.NONROOT
   */
  readonly tag?: DistrolessTag;
}

/** Options for Google distroless Java images. */
export interface GoogleJavaOptions extends GoogleDistrolessOptions {
  /**
   * Java feature release: 17, 21 or 25 on Debian 13. The Debian 12 images (17, 21) are no longer updated upstream.
   * @default 21
   */
  readonly javaVersion?: number;
}

/** Options for Google distroless Node.js images. */
export interface GoogleNodejsOptions extends GoogleDistrolessOptions {
  /**
   * Node.js major version: 22, 24 or 26 on Debian 13. The Debian 12 images (20, 22, 24) are no longer updated upstream.
   * @default 24
   */
  readonly nodeVersion?: number;
}

/** Options for Chainguard images. */
export interface ChainguardOptions {
  /**
   * Use the `latest-dev` tag, which adds a shell and apk: build stages only.
   * @default false
   */
  readonly dev?: boolean;
}

/** Which chiseled .NET image. */
export enum DotnetFlavor {
  /** Only the native dependencies: for self-contained apps. */
  RUNTIME_DEPS = 'runtime-deps',
  /** The .NET runtime. */
  RUNTIME = 'runtime',
  /** The ASP.NET Core runtime. */
  ASPNET = 'aspnet',
}

/** Options for Microsoft's chiseled .NET images. */
export interface DotnetChiseledOptions {
  /**
   * Which image.
   * @default DotnetFlavor.ASPNET
   */
  readonly flavor?: DotnetFlavor;
  /**
   * .NET version: 8.0, 9.0 or 10.0.
   * @default '10.0'
   */
  readonly dotnetVersion?: string;
  /**
   * Use the `-extra` variant, which adds ICU and tzdata.
   * @default false
   */
  readonly extra?: boolean;
}

/** Options for JDK/JRE source images (Liberica, Corretto). */
export interface JavaSourceOptions {
  /**
   * Java feature release.
   * @default 21
   */
  readonly javaVersion?: number;
  /**
   * A JRE instead of a JDK (Liberica only: Corretto images are JDKs).
   * @default false
   */
  readonly jre?: boolean;
  /**
   * C library of the image.
   * @default Libc.GLIBC
   */
  readonly libc?: Libc;
}

/**
 * A base image with the facts the generator, the policy and the constructs need: its
 * C library, shell, package manager, default and non-root user, entrypoint and runtime.
 *
 * Catalog images come from static factories (`BaseImage.googleStatic()`); anything else
 * from `BaseImage.fromRegistry(reference, facts)`.
 */
export class BaseImage {
  /**
   * An image outside the catalog, with its facts stated by you.
   *
   * @param reference `registry/repository[:tag][@sha256:digest]`
   */
  public static fromRegistry(reference: string, facts: BaseImageFacts): BaseImage {
    const parsed = _parseReference(reference);
    if (!parsed) {
      throw new Error(`BaseImage.fromRegistry: ${JSON.stringify(reference)} is not an image reference. `
        + 'Use registry/repository[:tag][@sha256:<64 hex digits>] in lowercase, e.g. "registry.example.com/team/app-base:1.2".');
    }
    validateFacts(facts, reference);
    validateUser(facts.defaultUser, 'facts.defaultUser', reference);
    if (facts.nonRootUser) {
      validateUser(facts.nonRootUser, 'facts.nonRootUser', reference);
    }
    const suffix = (parsed.tag ? parsed.tag.length + 1 : 0) + (parsed.digest ? parsed.digest.length + 1 : 0);
    const repository = reference.slice(0, reference.length - suffix);
    return new BaseImage(repository, parsed.tag, parsed.digest, facts, undefined);
  }

  /**
   * The catalog image for a reference, or undefined when the catalog does not know the repository.
   * Docker Hub names are matched in any spelling (`golang`, `docker.io/library/golang`).
   */
  public static lookup(reference: string): BaseImage | undefined {
    if (reference.trim().toLowerCase() === 'scratch') {
      return BaseImage.scratch();
    }
    const parsed = _parseReference(reference);
    if (!parsed) { return undefined; }
    const entry = _catalogEntryByCanonical(_canonicalRepository(parsed));
    if (!entry) { return undefined; }
    return fromEntry(entry, parsed.tag ?? 'latest', parsed.digest);
  }

  /**
   * Every image the catalog lists: each repository with each of its well-known tags. Older names that
   * `lookup` still recognises (unsuffixed and Debian 11 distroless) are not listed.
   */
  public static catalog(): BaseImage[] {
    return _catalogEntries().filter(entry => entry.listed !== false)
      .flatMap(entry => entry.tags.map(tag => fromEntry(entry, tag || undefined)));
  }

  // ---- Google distroless ----

  /** `gcr.io/distroless/static`: no libc; CA certificates, tzdata, passwd and /tmp. For static binaries. */
  public static googleStatic(options: GoogleDistrolessOptions = {}): BaseImage {
    return google('static', options);
  }

  /** `gcr.io/distroless/base`: glibc and libssl. */
  public static googleBase(options: GoogleDistrolessOptions = {}): BaseImage {
    return google('base', options);
  }

  /** `gcr.io/distroless/base-nossl`: glibc without libssl. */
  public static googleBaseNossl(options: GoogleDistrolessOptions = {}): BaseImage {
    return google('base-nossl', options);
  }

  /** `gcr.io/distroless/cc`: glibc, libgcc and libstdc++. For C++ and Rust. */
  public static googleCc(options: GoogleDistrolessOptions = {}): BaseImage {
    return google('cc', options);
  }

  /** `gcr.io/distroless/java-base`: what a JVM needs, without one. For jlink runtimes. */
  public static googleJavaBase(options: GoogleDistrolessOptions = {}): BaseImage {
    return google('java-base', options);
  }

  /** `gcr.io/distroless/python3`: Debian's Python; entrypoint `/usr/bin/python3.x`. */
  public static googlePython3(options: GoogleDistrolessOptions = {}): BaseImage {
    return google('python3', options);
  }

  /** `gcr.io/distroless/javaNN`: an OpenJDK JRE; entrypoint `/usr/bin/java -jar`. */
  public static googleJava(options: GoogleJavaOptions = {}): BaseImage {
    return google(`java${options.javaVersion ?? 21}`, options);
  }

  /** `gcr.io/distroless/nodejsNN`: Node.js; entrypoint `/nodejs/bin/node`. */
  public static googleNodejs(options: GoogleNodejsOptions = {}): BaseImage {
    return google(`nodejs${options.nodeVersion ?? 24}`, options);
  }

  // ---- Chainguard ----

  /** `cgr.dev/chainguard/static`: no libc; CA certificates and passwd. */
  public static chainguardStatic(options: ChainguardOptions = {}): BaseImage {
    return chainguard('static', options);
  }

  /** `cgr.dev/chainguard/glibc-dynamic`: glibc for dynamically linked binaries. */
  public static chainguardGlibcDynamic(options: ChainguardOptions = {}): BaseImage {
    return chainguard('glibc-dynamic', options);
  }

  /** `cgr.dev/chainguard/node`: Node.js; entrypoint `/usr/bin/node`. */
  public static chainguardNode(options: ChainguardOptions = {}): BaseImage {
    return chainguard('node', options);
  }

  /** `cgr.dev/chainguard/python`: Python; entrypoint `/usr/bin/python`. */
  public static chainguardPython(options: ChainguardOptions = {}): BaseImage {
    return chainguard('python', options);
  }

  /** `cgr.dev/chainguard/jre`: an OpenJDK JRE; entrypoint `/usr/bin/java`. */
  public static chainguardJre(options: ChainguardOptions = {}): BaseImage {
    return chainguard('jre', options);
  }

  /** `cgr.dev/chainguard/dotnet-runtime`. */
  public static chainguardDotnetRuntime(options: ChainguardOptions = {}): BaseImage {
    return chainguard('dotnet-runtime', options);
  }

  /** `cgr.dev/chainguard/aspnet-runtime`. */
  public static chainguardAspnetRuntime(options: ChainguardOptions = {}): BaseImage {
    return chainguard('aspnet-runtime', options);
  }

  // ---- Chiseled ----

  /** Microsoft's chiseled .NET images on Ubuntu 24.04 (`mcr.microsoft.com/dotnet/<flavor>:<version>-noble-chiseled`), user `app` (1654). */
  public static dotnetChiseled(options: DotnetChiseledOptions = {}): BaseImage {
    const version = options.dotnetVersion ?? '10.0';
    if (!/^\d+\.\d+$/.test(version)) {
      throw new Error(`BaseImage.dotnetChiseled: dotnetVersion ${JSON.stringify(version)} is not a .NET version. Use "major.minor", e.g. "8.0" or "10.0".`);
    }
    return catalogImage(`mcr.microsoft.com/dotnet/${options.flavor ?? DotnetFlavor.ASPNET}`, `${version}-noble-chiseled${options.extra ? '-extra' : ''}`);
  }

  /**
   * Canonical's chiseled Ubuntu rocks (`ubuntu/python`, `ubuntu/jre`, `ubuntu/dotnet-runtime`, `ubuntu/aspnet`), user `_daemon_` (584792).
   *
   * @param rock `python`, `jre`, `dotnet-runtime` or `aspnet`
   * @param tag e.g. `3.12-24.04_stable`
   * @default - the catalog's tag for the rock
   */
  public static ubuntuChiseled(rock: string, tag?: string): BaseImage {
    return catalogImage(`ubuntu/${rock}`, tag);
  }

  // ---- Minimal, with caveats ----

  /** BusyBox: no package manager, but a shell (the policy warns). Runs as root unless USER is set; ships `nobody` (65534). */
  public static busybox(libc: Libc = Libc.MUSL): BaseImage {
    if (libc === Libc.NONE) {
      throw new Error('BaseImage.busybox: libc "none" is not published. Use Libc.MUSL or Libc.GLIBC.');
    }
    return catalogImage('busybox', `stable-${libc}`);
  }

  /** The empty image: no passwd, CA certificates or /tmp; the generator adds what is needed. */
  public static scratch(): BaseImage {
    const entry = _catalogEntry('scratch')!;
    return new BaseImage('scratch', undefined, undefined, entry.factsFor(''), undefined);
  }

  // ---- JDK and JRE sources (build stages) ----

  /** BellSoft Liberica runtime container (`bellsoft/liberica-runtime-container:jdk-21-glibc`): a JDK/JRE source for build stages. */
  public static libericaRuntimeContainer(options: JavaSourceOptions = {}): BaseImage {
    const kind = options.jre ? 'jre' : 'jdk';
    const libc = options.libc ?? Libc.GLIBC;
    if (libc === Libc.NONE) {
      throw new Error('BaseImage.libericaRuntimeContainer: libc "none" is not published. Use Libc.GLIBC or Libc.MUSL.');
    }
    return catalogImage('bellsoft/liberica-runtime-container', `${kind}-${options.javaVersion ?? 21}-${libc}`);
  }

  /** Amazon Corretto (`amazoncorretto:21-al2023-jdk`, or `21-alpine` with musl): a JDK source for build stages. */
  public static corretto(options: JavaSourceOptions = {}): BaseImage {
    if (options.jre) {
      throw new Error('BaseImage.corretto: Corretto publishes JDK images only. Remove `jre`, or use BaseImage.libericaRuntimeContainer({ jre: true }).');
    }
    const version = options.javaVersion ?? 21;
    return catalogImage('amazoncorretto', options.libc === Libc.MUSL ? `${version}-alpine` : `${version}-al2023-jdk`);
  }

  // ---- Build-stage images with a package manager ----

  /** Alpine Linux: build stages only. */
  public static alpine(version: string = '3.22'): BaseImage {
    return catalogImage('alpine', version);
  }

  /** Debian slim (`debian:trixie-slim`): build stages only. */
  public static debianSlim(release: string = 'trixie'): BaseImage {
    return catalogImage('debian', `${release}-slim`);
  }

  /** Red Hat UBI minimal (`registry.access.redhat.com/ubi9/ubi-minimal`): build stages only. */
  public static ubiMinimal(major: number = 9): BaseImage {
    return catalogImage(`registry.access.redhat.com/ubi${major}/ubi-minimal`, 'latest');
  }

  /** The official Go image (`golang:1.25-trixie`): build stage. */
  public static golang(tag: string = '1.25-trixie'): BaseImage {
    return catalogImage('golang', tag);
  }

  /** The official Rust image (`rust:1.91-trixie`): build stage. */
  public static rust(tag: string = '1.91-trixie'): BaseImage {
    return catalogImage('rust', tag);
  }

  /** The official Node.js image (`node:24-trixie-slim`): build stage. */
  public static node(tag: string = '24-trixie-slim'): BaseImage {
    return catalogImage('node', tag);
  }

  /** The official Python image (`python:3.13-slim-trixie`): build stage. */
  public static python(tag: string = '3.13-slim-trixie'): BaseImage {
    return catalogImage('python', tag);
  }

  /** The official GCC image (`gcc:14`): build stage for C and C++. */
  public static gcc(tag: string = '14'): BaseImage {
    return catalogImage('gcc', tag);
  }

  /** Maven with Amazon Corretto (`maven:3.9-amazoncorretto-21-debian`): build stage for Java. */
  public static maven(tag: string = '3.9-amazoncorretto-21-debian'): BaseImage {
    return catalogImage('maven', tag);
  }

  /** Gradle with a JDK (`gradle:8-jdk21`): build stage for Java. */
  public static gradle(tag: string = '8-jdk21'): BaseImage {
    return catalogImage('gradle', tag);
  }

  /** The .NET SDK (`mcr.microsoft.com/dotnet/sdk:10.0`): build stage for .NET. */
  public static dotnetSdk(tag: string = '10.0'): BaseImage {
    return catalogImage('mcr.microsoft.com/dotnet/sdk', tag);
  }

  /** The reference as written in `FROM`: `repository[:tag][@digest]`, mirrored when a mirror applies. */
  public readonly reference: string;
  /** The reference at its upstream registry, before any mirror rewrite. */
  public readonly upstreamReference: string;
  /** What is known about the image, with the documented defaults of `BaseImageFacts` filled in. */
  public readonly facts: BaseImageFacts;

  private constructor(
    /** Repository, e.g. `gcr.io/distroless/static-debian13`. */
    public readonly repository: string,
    /** Tag, when the reference has one. */
    public readonly tag: string | undefined,
    /** Digest (`sha256:...`), when pinned. */
    public readonly digest: string | undefined,
    facts: BaseImageFacts,
    upstream: string | undefined,
  ) {
    this.facts = withDefaults(facts);
    this.reference = `${repository}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
    this.upstreamReference = upstream ?? this.reference;
  }

  /** Where the image belongs in a multi-stage build. */
  public get role(): ImageRole {
    return this.facts.role ?? (this.facts.hasPackageManager ? ImageRole.BUILD : ImageRole.FINAL);
  }

  /** The non-root user the image ships, if any. */
  public get nonRootUser(): ImageUser | undefined {
    return this.facts.nonRootUser ?? (this.facts.defaultUser.uid !== 0 ? this.facts.defaultUser : undefined);
  }

  /** Whether the image runs as a non-root user without a USER instruction. */
  public get runsAsNonRoot(): boolean {
    return this.facts.defaultUser.uid !== 0;
  }

  /** Whether this is the empty `scratch` image. */
  public get isScratch(): boolean {
    return this.repository === 'scratch';
  }

  /** The same image pinned to a digest. */
  public withDigest(digest: string): BaseImage {
    if (this.isScratch) {
      throw new Error('BaseImage.withDigest: scratch is not an image in a registry and has no digest. Remove withDigest().');
    }
    if (!_isDigest(digest)) {
      throw new Error(`BaseImage.withDigest: ${JSON.stringify(digest)} is not a digest for ${this.reference}. `
        + 'Use "sha256:" followed by 64 lowercase hex digits, as printed by `crane digest` or `docker buildx imagetools inspect`.');
    }
    const upstream = this.upstreamReference.replace(/@sha256:[a-f0-9]{64}$/, '');
    return new BaseImage(this.repository, this.tag, digest, this.facts, `${upstream}@${digest}`);
  }

  /** The same image pulled through a mirror, when the mirror covers its registry. */
  public withMirror(mirror: RegistryMirror): BaseImage {
    const repository = mirror.rewrite(this.repository);
    if (repository === this.repository) { return this; }
    return new BaseImage(repository, this.tag, this.digest, this.facts, this.upstreamReference);
  }

  /** The reference. */
  public toString(): string {
    return this.reference;
  }
}

/**
 * The documented `@default`s of BaseImageFacts, so consumers read the same value the docs promise.
 * The result is a deep-frozen copy: catalog facts are shared by every image of a repository, and a
 * caller's object must not change an image after the fact.
 */
function withDefaults(facts: BaseImageFacts): BaseImageFacts {
  return deepFreeze(deepCopy({
    ...facts,
    family: facts.family ?? ImageFamily.CUSTOM,
    architectures: facts.architectures ?? ['amd64', 'arm64'],
    hasCaCertificates: facts.hasCaCertificates ?? true,
    hasTmp: facts.hasTmp ?? true,
    hasPasswd: facts.hasPasswd ?? true,
    debug: facts.debug ?? false,
  }));
}

function deepCopy<T>(value: T): T {
  if (Array.isArray(value)) { return value.map(deepCopy) as unknown as T; }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined) { out[k] = deepCopy(v); }
    }
    return out as T;
  }
  return value;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) { deepFreeze(v); }
    Object.freeze(value);
  }
  return value;
}

function fromEntry(entry: CatalogEntry, tag: string | undefined, digest?: string): BaseImage {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const ctor = BaseImage as any;
  return new ctor(entry.repository, tag, digest, entry.factsFor(tag ?? entry.defaultTag), undefined);
}

function catalogImage(repository: string, tag?: string): BaseImage {
  const entry = _catalogEntry(repository);
  if (!entry) {
    throw new Error(`BaseImage: the catalog has no repository ${JSON.stringify(repository)}. `
      + 'Use a catalog factory such as BaseImage.googleStatic(), or BaseImage.fromRegistry(reference, facts) for other images.');
  }
  const t = tag ?? entry.defaultTag;
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(t)) {
    throw new Error(`BaseImage: tag ${JSON.stringify(t)} for ${repository} is not a valid tag. Use letters, digits, "_", "." and "-" only.`);
  }
  return fromEntry(entry, t);
}

function google(name: string, options: GoogleDistrolessOptions): BaseImage {
  const debian = options.debian ?? DebianRelease.DEBIAN13;
  const repository = `gcr.io/distroless/${name}-${debian}`;
  if (!_catalogEntry(repository)) {
    const known = _catalogEntries()
      .filter(e => e.listed !== false && e.repository.startsWith(`gcr.io/distroless/${name.replace(/\d+$/, '')}`))
      .map(e => e.repository.replace('gcr.io/distroless/', ''));
    throw new Error(`BaseImage: Google distroless publishes no ${name}-${debian}. Available: ${known.join(', ')}.`);
  }
  return catalogImage(repository, options.tag ?? DistrolessTag.NONROOT);
}

function chainguard(name: string, options: ChainguardOptions): BaseImage {
  return catalogImage(`cgr.dev/chainguard/${name}`, options.dev ? 'latest-dev' : 'latest');
}

/** JavaScript callers can pass anything: a typo in libc or a missing flag must not become a silent pass of the policy. */
function validateFacts(facts: BaseImageFacts, reference: string) {
  const where = `BaseImage.fromRegistry(${JSON.stringify(reference)})`;
  const libcs = Object.values(Libc) as string[];
  if (!facts || !libcs.includes(facts.libc)) {
    throw new Error(`${where}: facts.libc must be one of ${libcs.map(l => JSON.stringify(l)).join(', ')}, got ${JSON.stringify(facts?.libc)}. `
      + 'Use Libc.NONE for static binaries only, Libc.GLIBC or Libc.MUSL.');
  }
  for (const name of ['hasShell', 'hasPackageManager'] as const) {
    if (typeof facts[name] !== 'boolean') {
      throw new Error(`${where}: facts.${name} must be true or false, got ${JSON.stringify(facts[name])}. `
        + 'State it: the policy cannot check a base whose shell or package manager is unknown.');
    }
  }
  if (facts.environment !== undefined) {
    const env = facts.environment as unknown;
    if (!env || typeof env !== 'object' || Array.isArray(env)) {
      throw new Error(`${where}: facts.environment must be an object of variable names to string values, got ${JSON.stringify(env)}. `
        + 'Use e.g. { APP_UID: "1654" }.');
    }
    for (const [name, value] of Object.entries(env as Record<string, unknown>)) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || typeof value !== 'string') {
        throw new Error(`${where}: facts.environment.${name} must be a variable name ([A-Za-z_][A-Za-z0-9_]*) with a string value, `
          + `got ${JSON.stringify(value)}. Write numbers as strings, e.g. { APP_UID: "1654" }.`);
      }
    }
  }
  if (facts.deprecated !== undefined && (typeof facts.deprecated !== 'string' || !facts.deprecated.trim())) {
    throw new Error(`${where}: facts.deprecated must say why the image is no longer updated and what replaces it, got ${JSON.stringify(facts.deprecated)}. `
      + 'Leave it out for a maintained image.');
  }
}

function validateUser(user: ImageUser | undefined, name: string, reference: string) {
  if (!user || !isId(user.uid) || !isId(user.gid)) {
    throw new Error(`BaseImage.fromRegistry(${JSON.stringify(reference)}): ${name} must have numeric uid and gid between 0 and 4294967294, `
      + `got ${JSON.stringify(user)}. Use e.g. { uid: 65532, gid: 65532 }.`);
  }
}

function isId(n: unknown): boolean {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n < 4294967295;
}
