import * as fs from 'fs';
import * as path from 'path';
import { CpuArchitecture } from './architecture';
import { HealthCheck } from './health-check';
import { ImageProfile } from './image-profile';
import { _listContext, _stageContext, ContextListing, ExtraFile } from './staging';
import { DistrolessDockerfile, DistrolessDockerfileProps } from '../dockerfile';
import { checkPath, normalizeAbsolute, show } from '../dockerfile/private/escape';
import { _writablePathProblem, WRITABLE_FIX } from '../dockerfile/private/writable';
import { BaseImage, ImageUser, Libc, RegistryMirror } from '../image';
import { _parseReference } from '../image/reference';
import { DockerfilePolicy, Finding, LintResult, Severity, Suppression } from '../policy';
import { Analysis } from '../policy/analysis';
import { _profile, DockerfileProfile } from '../policy/profile';
import { secretWord } from '../policy/rules/secret-in-arg-env';

/** Where an image comes from. */
export enum ImageSourceKind {
  /** Built from source with a generated Dockerfile. */
  SOURCE = 'source',
  /** Built from a user-written Dockerfile. */
  DOCKERFILE = 'dockerfile',
  /** A prebuilt image in a registry. */
  REGISTRY = 'registry',
}

/** Options for building an image, shared by the source kinds that build. */
export interface ImageBuildOptions {
  /**
   * Target platform of the build. It must be one of the final base image's architectures.
   * @default - the builder's platform; constructs pass the workload's architecture
   */
  readonly platform?: CpuArchitecture;
  /**
   * Build arguments (`--build-arg`). Each must be declared by an `ARG` of the Dockerfile, must not
   * choose a base image or the user (the policy checked the defaults), and names that look like
   * secrets are rejected: use `buildSecrets`.
   * @default - none
   */
  readonly buildArgs?: { [name: string]: string };
  /**
   * BuildKit secrets (`--secret id=<id>,src=<path>`): secret id to the path of the file on the
   * build machine. They never land in a layer. Each id must be mounted by the Dockerfile
   * (`RUN --mount=type=secret,id=<id>`).
   * @default - none; for `fromSource` with `buildCaBundle`, `ca` is the build machine's bundle
   * `/etc/ssl/certs/ca-certificates.crt`
   */
  readonly buildSecrets?: { [id: string]: string };
}

/**
 * Options for `DistrolessImage.fromSource()`: the generator's options plus build options.
 * Unlike the plain generator, `healthProbe` defaults to true here, so HTTP, TCP and gRPC health
 * checks run on ECS without a shell; set it to false to leave the probe out.
 */
export interface SourceImageOptions extends DistrolessDockerfileProps, ImageBuildOptions {}

/** Options for `DistrolessImage.fromDockerfile()`. */
export interface DockerfileImageOptions extends ImageBuildOptions {
  /**
   * The Dockerfile, relative to the directory (inside it).
   * @default 'Dockerfile'
   */
  readonly file?: string;
  /**
   * The stage to build (`--target`); the policy checks that stage as the final one.
   * @default - the last stage
   */
  readonly target?: string;
  /**
   * Policy findings acknowledged for this Dockerfile, each with a reason.
   * @default - none (inline `# cdk-distroless-ignore` comments still apply)
   */
  readonly suppressions?: Suppression[];
  /**
   * Base images outside the catalog, with their facts.
   * @default - only the catalog
   */
  readonly images?: BaseImage[];
  /**
   * Registry mirrors the Dockerfile pulls through.
   * @default - none
   */
  readonly registryMirrors?: RegistryMirror[];
  /**
   * The user the image runs as, by number, when its `USER` names a user the policy cannot map to
   * a uid (a name on a base whose /etc/passwd is not known) or gives a uid without a group.
   * When the Dockerfile's user is known, it must agree.
   * @default - derived from the Dockerfile
   */
  readonly user?: ImageUser;
  /**
   * Where the Dockerfile puts a health probe of its own, if it does. It must be a COPY or ADD
   * destination of the final stage.
   * @default - `HealthCheck.PROBE_PATH` when the final stage copies a file there, otherwise no built-in probe
   */
  readonly healthProbePath?: string;
}

/** Options for `DistrolessImage.fromRegistry()`. */
export interface RegistryImageOptions {
  /** The numeric, non-root user the image runs as. */
  readonly user: ImageUser;
  /**
   * Why the reference is not pinned by digest. Without a digest and without this, it is rejected.
   * @default - the reference must carry `@sha256:<digest>`
   */
  readonly pinWaiver?: string;
  /**
   * Directories the image declares as `VOLUME` (its writable paths).
   * @default ['/tmp']
   */
  readonly writablePaths?: string[];
  /**
   * Ports the image exposes.
   * @default - none
   */
  readonly ports?: number[];
  /**
   * The base image it is built on, with its facts (shell, libc).
   * @default - unknown: treated as having no shell and glibc
   */
  readonly baseImage?: BaseImage;
  /**
   * Architectures the image is published for.
   * @default [CpuArchitecture.AMD64]
   */
  readonly architectures?: CpuArchitecture[];
  /**
   * Where the image has a health probe.
   * @default - no built-in probe
   */
  readonly healthProbePath?: string;
}

/** A build context staged on disk. */
export interface StagedBuildContext {
  /** The staged folder: the user's files, the Dockerfile and `.dockerignore`. */
  readonly directory: string;
  /**
   * Content hash of the folder (files, modes, links, generated files); also the folder's name.
   * Build args, target and platform are not part of it: images that differ only in those share
   * the folder.
   */
  readonly hash: string;
  /** The Dockerfile's name inside `directory`. */
  readonly dockerfile: string;
  /**
   * Special files (sockets, FIFOs, devices) that were skipped, one sentence each.
   * @default - none (`stage()` always sets it)
   */
  readonly warnings?: string[];
  /**
   * Bytes copied or written by this call: 0 when the folder was already staged.
   * @default - not measured (`stage()` always sets it)
   */
  readonly bytesWritten?: number;
}

/**
 * A container image for a workload: built from source with a generated Dockerfile, built from a
 * user-written Dockerfile that the policy checks, or prebuilt in a registry and pinned. Its
 * `profile` tells the ECS and Kubernetes adapters everything they need.
 */
export class DistrolessImage {
  /**
   * Build from source with a generated multi-stage Dockerfile. The folder is never written to:
   * `stage()` puts the sources and the generated files into a build context of their own.
   *
   * @param directory the application's folder (the build context)
   */
  public static fromSource(directory: string, options: SourceImageOptions): DistrolessImage {
    const what = 'DistrolessImage.fromSource';
    const dir = checkDirectory(directory, what);
    if (typeof options !== 'object' || options === null) {
      throw new Error(`${what}: options must be an object with at least { runtime }, got ${show(options)}.`);
    }
    const { platform, buildArgs, buildSecrets, ...generatorProps } = options;
    let dockerfile: DistrolessDockerfile;
    try {
      // The built-in probe by default: without it an ECS health check has nothing to run.
      // The generator reads the folder (never writes it) to follow the project's layout.
      dockerfile = new DistrolessDockerfile({
        ...generatorProps,
        healthProbe: generatorProps.healthProbe ?? true,
        projectDirectory: generatorProps.projectDirectory ?? dir,
      });
    } catch (e) {
      throw new Error(`${what}(${show(directory)}): ${(e as Error).message}`);
    }
    const file = `${directory} (generated Dockerfile)`;
    const { result: lint, analysis } = dockerfile.policy()._lintWithAnalysis(dockerfile.render(), file);
    if (lint.errorCount > 0) {
      throw new Error(DockerfilePolicy.failureMessage(lint, what));
    }
    const facts = _profile(analysis);
    const architectures = architecturesOf(dockerfile.finalImage);
    const secrets = { ...(dockerfile.buildSecretIds.includes('ca') ? { ca: '/etc/ssl/certs/ca-certificates.crt' } : {}), ...(buildSecrets ?? {}) };
    const build = checkBuildOptions({ platform, buildArgs, buildSecrets: secrets }, facts, architectures, what);
    return new DistrolessImage({
      kind: ImageSourceKind.SOURCE,
      directory: dir,
      generator: dockerfile,
      build,
      warnings: warningsOf(lint),
      profile: {
        user: dockerfile.user,
        writablePaths: [...dockerfile.writablePaths],
        ports: [...dockerfile.exposedPorts],
        entrypoint: [...dockerfile.entrypoint],
        command: [...dockerfile.command],
        // The image's environment: the base's ENV, then what the generator sets (as fromDockerfile reads it).
        environment: { ...(dockerfile.finalImage.facts.environment ?? {}), ...dockerfile.environment },
        workdir: dockerfile.workdir,
        baseImage: dockerfile.finalImage,
        hasShell: dockerfile.finalImage.facts.hasShell,
        libc: dockerfile.finalImage.facts.libc,
        architectures,
        healthProbePath: dockerfile.healthProbePath,
        buildSecretIds: [...dockerfile.buildSecretIds],
        lint,
      },
    });
  }

  /**
   * Build from a Dockerfile you wrote. It is checked by `DockerfilePolicy` here: errors throw one
   * message listing every unsuppressed error; warnings are kept in `warnings`. The profile (user,
   * volumes, ports, entrypoint, ...) comes from the policy's analysis of the final stage.
   *
   * @param directory the build context
   */
  public static fromDockerfile(directory: string, options: DockerfileImageOptions = {}): DistrolessImage {
    const what = 'DistrolessImage.fromDockerfile';
    const dir = checkDirectory(directory, what);
    const opts = options ?? {};
    if (typeof opts !== 'object') {
      throw new Error(`${what}: options must be an object, got ${show(options)}.`);
    }
    const file = checkDockerfileName(opts.file, dir, what);
    const shown = path.join(directory, file);
    const target = opts.target === undefined ? undefined : checkStageName(opts.target, what);
    const suppressions = checkList(opts.suppressions, 'suppressions', what) as Suppression[];
    const images = checkList(opts.images, 'images', what).map((img, i) => checkInstance(img, BaseImage, `images[${i}]`, 'a BaseImage (BaseImage.fromRegistry(reference, facts))', what));
    const registryMirrors = checkList(opts.registryMirrors, 'registryMirrors', what)
      .map((m, i) => checkInstance(m, RegistryMirror, `registryMirrors[${i}]`, 'a RegistryMirror (RegistryMirror.of(upstream, mirror))', what));
    const user = opts.user === undefined ? undefined : checkUser(opts.user, `${what}: user`);

    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    // The policy checks the target stage as the final one; the profile reads the same stage.
    const { result: lint, analysis } = new DockerfilePolicy({ suppressions, images, registryMirrors, target })._lintWithAnalysis(text, shown);
    if (lint.errorCount > 0) {
      throw new Error(DockerfilePolicy.failureMessage(lint, what));
    }
    const where = `${what}(${show(shown)})`;
    const facts = _profile(analysis);
    checkTarget(target, facts, analysis, where);
    if (facts.problems.length > 0) {
      throw new Error(`${where}: the image's profile cannot be read: ${facts.problems.map(p => `line ${p.line}: ${p.message}`).join('; ')}. `
        + 'Give the variables default values, or write the values literally.');
    }
    // The platforms mount an empty, writable directory at every VOLUME: never over what the image copied in.
    // A COPY to the volume itself creates its directory (owned by the user); a COPY to / is a root skeleton.
    const inside = (p: string, parent: string) => p === parent || p.startsWith(`${parent}/`);
    const appDir = facts.workdir !== undefined && facts.copyDestinations.some(c => inside(c, facts.workdir!)) ? facts.workdir : undefined;
    for (const v of facts.volumes) {
      const problem = _writablePathProblem(v.value, facts.copyDestinations.filter(c => c !== '/' && c !== v.value), appDir);
      if (problem) {
        throw new Error(`${where}: VOLUME ${show(v.value)} on line ${v.line} ${problem} ${WRITABLE_FIX}`);
      }
    }
    const base = facts.base?.image;
    const architectures = base ? architecturesOf(base) : [CpuArchitecture.AMD64, CpuArchitecture.ARM64];
    const build = checkBuildOptions(opts, facts, architectures, where);
    const copied = facts.copyDestinations;
    let probe: string | undefined;
    if (opts.healthProbePath !== undefined) {
      probe = checkAbsolute(opts.healthProbePath, `${where}: healthProbePath`);
      if (!copied.some(d => d === probe || probe!.startsWith(`${d.replace(/\/$/, '')}/`))) {
        throw new Error(`${where}: healthProbePath ${show(probe)} is not where the final stage copies anything (COPY/ADD destinations: ${show(copied)}). `
          + 'Give the path the Dockerfile copies the probe to, or omit healthProbePath.');
      }
    } else if (copied.includes(HealthCheck.PROBE_PATH)) {
      probe = HealthCheck.PROBE_PATH;
    }
    const entrypoint = facts.entrypoint?.value ?? (base?.facts.entrypoint ? [...base.facts.entrypoint] : []);
    return new DistrolessImage({
      kind: ImageSourceKind.DOCKERFILE,
      directory: dir,
      dockerfileName: file,
      build,
      target,
      warnings: warningsOf(lint),
      profile: {
        user: resolveUser(facts, user, where),
        writablePaths: facts.volumes.map(v => v.value),
        ports: facts.ports.map(p => p.value),
        entrypoint,
        command: facts.command?.value ? [...facts.command.value] : [],
        environment: { ...facts.environment },
        workdir: facts.workdir,
        baseImage: base,
        hasShell: base?.facts.hasShell ?? false,
        libc: base?.facts.libc ?? Libc.GLIBC,
        architectures,
        healthProbePath: probe,
        buildSecretIds: [...facts.secretIds],
        lint,
      },
    });
  }

  /**
   * A prebuilt image. It must be pinned by digest (or carry `pinWaiver`), and `user` must be
   * numeric and non-root.
   *
   * @param reference `registry/repository[:tag]@sha256:<digest>`
   */
  public static fromRegistry(reference: string, options: RegistryImageOptions): DistrolessImage {
    const what = 'DistrolessImage.fromRegistry';
    const parsed = typeof reference === 'string' ? _parseReference(reference) : undefined;
    if (!parsed) {
      throw new Error(`${what}: ${show(reference)} is not an image reference. Use registry/repository[:tag]@sha256:<64 hex digits>, `
        + 'e.g. "123456789012.dkr.ecr.eu-west-1.amazonaws.com/api@sha256:<digest>".');
    }
    const where = `${what}(${show(reference)})`;
    if (typeof options !== 'object' || options === null) {
      throw new Error(`${where}: options must be an object with at least { user }, e.g. { user: { uid: 65532, gid: 65532 } }.`);
    }
    let pinWaiver: string | undefined;
    if (options.pinWaiver !== undefined) {
      if (typeof options.pinWaiver !== 'string' || options.pinWaiver.trim().length < 10) {
        throw new Error(`${where}: pinWaiver must be a reason of at least 10 characters that a reviewer can check, got ${show(options.pinWaiver)}, `
          + 'e.g. \'the tag is immutable in our registry (ECR tag immutability on)\'.');
      }
      pinWaiver = options.pinWaiver.trim();
    }
    if (!parsed.digest && pinWaiver === undefined) {
      throw new Error(`${where}: the reference is not pinned by digest, so what runs can change under the same tag. `
        + 'Append @sha256:<digest> (`crane digest` or `docker buildx imagetools inspect` prints it), or set pinWaiver to the reason it cannot be pinned.');
    }
    if (options.user === undefined) {
      throw new Error(`${where}: user is required: the numeric, non-root user the image runs as, e.g. { uid: 65532, gid: 65532 }.`);
    }
    const user = checkUser(options.user, `${where}: user`);
    const writablePaths = checkList(options.writablePaths ?? ['/tmp'], 'writablePaths', where).map((p, i) => checkAbsolute(p, `${where}: writablePaths[${i}]`));
    const ports = checkPorts(options.ports, 'ports', where);
    const base = options.baseImage === undefined ? undefined : checkInstance(options.baseImage, BaseImage, 'baseImage', 'a BaseImage', where);
    const architectures = checkArchitectures(options.architectures ?? [CpuArchitecture.AMD64], `${where}: architectures`);
    const probe = options.healthProbePath === undefined ? undefined : checkAbsolute(options.healthProbePath, `${where}: healthProbePath`);
    return new DistrolessImage({
      kind: ImageSourceKind.REGISTRY,
      reference,
      pinWaiver,
      warnings: [],
      profile: {
        user,
        writablePaths: unique(writablePaths),
        ports,
        entrypoint: base?.facts.entrypoint ? [...base.facts.entrypoint] : [],
        command: [],
        environment: {},
        baseImage: base,
        hasShell: base?.facts.hasShell ?? false,
        libc: base?.facts.libc ?? Libc.GLIBC,
        architectures,
        healthProbePath: probe,
        buildSecretIds: [],
      },
    });
  }

  /** Where the image comes from. */
  public readonly kind: ImageSourceKind;
  /** What the adapters need to know about the image. */
  public readonly profile: ImageProfile;
  /** The build context as given (absolute), for SOURCE and DOCKERFILE images. */
  public readonly directory?: string;
  /** The registry reference, for REGISTRY images. */
  public readonly reference?: string;
  /** The Dockerfile's name in the staged context, for SOURCE and DOCKERFILE images. */
  public readonly dockerfileName?: string;
  /** The stage to build, when not the last. */
  public readonly target?: string;
  /** Target platform of the build, when set. */
  public readonly platform?: CpuArchitecture;
  /** Build arguments. */
  public readonly buildArgs: { [name: string]: string };
  /** BuildKit secrets: id to source path. */
  public readonly buildSecrets: { [id: string]: string };
  /** Unsuppressed policy warnings, for the adapters to surface as construct warnings. */
  public readonly warnings: Finding[];
  /** Why a registry image is not pinned by digest, when it is not. */
  public readonly pinWaiver?: string;
  /** The generator, for SOURCE images. */
  public readonly generator?: DistrolessDockerfile;

  private listing?: ContextListing;

  private constructor(init: ImageInit) {
    this.kind = init.kind;
    this.profile = init.profile;
    this.directory = init.directory;
    this.reference = init.reference;
    this.dockerfileName = init.kind === ImageSourceKind.REGISTRY ? undefined : (init.dockerfileName ?? 'Dockerfile');
    this.target = init.target;
    this.platform = init.build?.platform;
    this.buildArgs = { ...(init.build?.buildArgs ?? {}) };
    this.buildSecrets = { ...(init.build?.buildSecrets ?? {}) };
    this.warnings = init.warnings;
    this.pinWaiver = init.pinWaiver;
    this.generator = init.generator;
  }

  /** The health probe command for `check` in this image, or undefined when it cannot run there. */
  public healthCommand(check: HealthCheck): string[] | undefined {
    return check.execCommand(this.profile.healthProbePath);
  }

  /**
   * Stages the build context under `outdir` in a folder named by its content hash: the user's files
   * (without what `.dockerignore` excludes), and for generated Dockerfiles every generated file
   * (`Dockerfile`, `.dockerignore`, ...). Images with the same sources and generated files share the
   * folder, whatever their build args; the user's folder is only read, once per process.
   * Symlinks that point outside the folder are refused; special files are skipped with a warning.
   *
   * @param outdir where staged contexts live, e.g. a `cdk.out` subfolder
   */
  public stage(outdir: string): StagedBuildContext {
    if (this.kind === ImageSourceKind.REGISTRY || !this.directory) {
      throw new Error(`DistrolessImage.stage: ${this.reference} is a registry image; there is no build context to stage. Deploy it by reference.`);
    }
    if (typeof outdir !== 'string' || outdir.trim() === '') {
      throw new Error(`DistrolessImage.stage: outdir must be the folder to stage into, e.g. "cdk.out/contexts", got ${show(outdir)}.`);
    }
    const out = path.resolve(outdir);
    const dir = this.directory;
    if (out === dir || out.startsWith(`${dir}${path.sep}`)) {
      throw new Error(`DistrolessImage.stage: outdir ${show(outdir)} is inside the build context ${dir}: the user's folder is never written to. Stage elsewhere, e.g. into cdk.out.`);
    }
    const extra: ExtraFile[] = this.generator ? this.generator.files().map(f => ({ path: f.path, content: f.content })) : [];
    if (!this.listing) {
      const what = `DistrolessImage.stage(${dir})`;
      if (this.generator) {
        // The user's own exclusions count too, first, so that none of their `!` exceptions brings back
        // what the generated file keeps out (secrets, VCS data): later patterns win in .dockerignore.
        const ignores = [readIfExists(path.join(dir, '.dockerignore')), this.generator.renderDockerignore()].filter((t): t is string => t !== undefined);
        this.listing = _listContext(dir, ignores, [], extra.map(f => f.path), what);
      } else {
        const name = this.dockerfileName!;
        // BuildKit prefers <Dockerfile>.dockerignore next to the Dockerfile over the context's .dockerignore.
        const own = `${name}.dockerignore`;
        const ignoreFile = fs.existsSync(path.join(dir, own)) ? own : '.dockerignore';
        const ignore = readIfExists(path.join(dir, ignoreFile));
        this.listing = _listContext(dir, ignore === undefined ? [] : [ignore], [name, ignoreFile], [], what);
      }
    }
    const staged = _stageContext(this.listing, extra, out);
    return {
      directory: staged.directory,
      hash: staged.hash,
      dockerfile: this.dockerfileName!,
      warnings: [...staged.warnings],
      bytesWritten: staged.bytesWritten,
    };
  }
}

interface ImageInit {
  readonly kind: ImageSourceKind;
  readonly profile: ImageProfile;
  readonly directory?: string;
  readonly reference?: string;
  readonly dockerfileName?: string;
  readonly generator?: DistrolessDockerfile;
  readonly target?: string;
  readonly build?: ImageBuildOptions;
  readonly warnings: Finding[];
  readonly pinWaiver?: string;
}

function warningsOf(lint: LintResult): Finding[] {
  return lint.findings.filter(f => !f.suppressed && f.level === Severity.WARNING);
}

/**
 * The numeric user of a user-written Dockerfile's final image: its USER (numbers, or names the base's
 * facts know), or the base's default user without one; `stated` fills in what cannot be known.
 */
function resolveUser(p: DockerfileProfile, stated: ImageUser | undefined, where: string): ImageUser {
  const image = p.base?.image;
  const known = [image?.facts.defaultUser, image?.facts.nonRootUser].filter((u): u is ImageUser => u !== undefined);
  const fix = 'Write the numeric ids, e.g. `USER 65532:65532`, or state them with the user option, e.g. { uid: 10001, gid: 10001 }.';
  let resolved: ImageUser;
  const eff = p.user;
  if (!eff) {
    if (!image) {
      if (!stated) {
        throw new Error(`${where}: the final stage has no USER and its base image is unknown, so the user it runs as cannot be known. ${fix}`);
      }
      return stated;
    }
    resolved = image.facts.defaultUser;
  } else {
    const line = eff.instruction.range.line;
    if (eff.unresolved.length > 0 || eff.user === '') {
      throw new Error(`${where}: USER on line ${line} cannot be resolved (${eff.unresolved.map(v => `$${v}`).join(', ') || 'empty'}). ${fix}`);
    }
    const byName = (name: string) => known.find(u => u.name === name);
    let uid: number | undefined;
    let gid: number | undefined;
    if (/^\d+$/.test(eff.user)) {
      uid = Number(eff.user);
    } else {
      if (p.scratch || image?.facts.hasPasswd === false) {
        throw new Error(`${where}: USER ${eff.value} on line ${line} is a name, but the base has no /etc/passwd to resolve it, so the container would not start. ${fix}`);
      }
      uid = byName(eff.user)?.uid ?? (stated && (stated.name === undefined || stated.name === eff.user) ? stated.uid : undefined);
      if (uid === undefined) {
        throw new Error(`${where}: USER ${eff.value} on line ${line} names a user whose uid cannot be known: the base's /etc/passwd is not known `
          + `(${image ? `${image.reference} knows ${known.filter(u => u.name).map(u => `${u.name}=${u.uid}`).join(', ') || 'no names'}` : 'unknown base'}). ${fix}`);
      }
    }
    if (eff.group !== undefined) {
      if (/^\d+$/.test(eff.group)) {
        gid = Number(eff.group);
      } else {
        gid = byName(eff.group)?.gid ?? (stated && stated.uid === uid ? stated.gid : undefined);
        if (gid === undefined) {
          throw new Error(`${where}: USER ${eff.value} on line ${line} names a group whose gid cannot be known. ${fix}`);
        }
      }
    } else {
      // Without a group the runtime takes the user's primary group from /etc/passwd, or 0 (root's group).
      gid = known.find(u => u.uid === uid)?.gid ?? (stated && stated.uid === uid ? stated.gid : undefined);
      if (gid === undefined) {
        throw new Error(`${where}: USER ${eff.value} on line ${line} gives no group, and uid ${uid} is not a user the base is known to list, `
          + `so the container would run with group 0 (root's group). Write \`USER ${uid}:${uid}\` (or the group you mean), or state it with the user option.`);
      }
    }
    const named = known.find(u => u.uid === uid && u.gid === gid);
    resolved = { uid, gid, ...(named?.name ? { name: named.name } : {}), ...(named?.home ? { home: named.home } : {}) };
  }
  if (resolved.uid === 0) {
    throw new Error(`${where}: the image runs as root (uid 0)${eff ? ` (USER ${eff.value} on line ${eff.instruction.range.line})` : ' (no USER, and the base runs as root)'}. `
      + 'A workload never runs as root. End the final stage with a numeric non-root user, e.g. `USER 65532:65532`.');
  }
  if (stated && (stated.uid !== resolved.uid || stated.gid !== resolved.gid)) {
    throw new Error(`${where}: the user option ${stated.uid}:${stated.gid} disagrees with the Dockerfile, which runs as ${resolved.uid}:${resolved.gid}. `
      + 'Remove the user option (the Dockerfile decides), or make them agree.');
  }
  return resolved;
}

/** `target` must name a stage, and the policy must have checked that stage as the final one. */
function checkTarget(target: string | undefined, p: DockerfileProfile, a: Analysis, where: string): void {
  if (target === undefined) { return; }
  if (!p.stageNames.includes(target.toLowerCase())) {
    throw new Error(`${where}: target ${show(target)} is not a stage of the Dockerfile (stages: ${show(p.stageNames)}). Use one of them, or omit target to build the last stage.`);
  }
  if (a.finalStage?.from.stageName !== target.toLowerCase()) {
    throw new Error(`${where}: target ${show(target)} is not the stage the policy checked (${show(a.finalStage?.from.stageName)}). Report this to the cdk-distroless maintainers.`);
  }
}

function checkBuildOptions(options: ImageBuildOptions, p: DockerfileProfile, architectures: CpuArchitecture[], where: string): ImageBuildOptions {
  const platform = options.platform;
  if (platform !== undefined) {
    checkArchitectures([platform], `${where}: platform`);
    if (!architectures.includes(platform)) {
      throw new Error(`${where}: platform ${show(platform)} is not an architecture of the final base image (${show(architectures)}). Build for one of those, or choose a base published for ${platform}.`);
    }
  }
  const buildArgs = checkStringMap(options.buildArgs, 'buildArgs', where);
  for (const name of Object.keys(buildArgs)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      throw new Error(`${where}: buildArgs name ${show(name)} is not an ARG name. Use letters, digits and "_", not starting with a digit.`);
    }
    const word = secretWord(name);
    if (word) {
      throw new Error(`${where}: build arg ${name} looks like a secret (its name contains ${word}); build args are recorded in the image history and build cache. `
        + `Pass it as a BuildKit secret: buildSecrets: { ${name.toLowerCase()}: '<path on the build machine>' } and \`RUN --mount=type=secret,id=${name.toLowerCase()},env=${name} ...\`.`);
    }
    if (!p.declaredArgs.includes(name)) {
      throw new Error(`${where}: build arg ${name} is not declared by any ARG of the Dockerfile (declared: ${show(p.declaredArgs)}), so the build would ignore it. Remove it, or declare \`ARG ${name}\`.`);
    }
    if (p.decisiveArgs.has(name)) {
      throw new Error(`${where}: build arg ${name} would override an ARG used on line ${p.decisiveArgs.get(name)} to choose a base image, the user, a volume, a port or the workdir, `
        + 'which the policy checked with its default. Change the ARG\'s default in the Dockerfile instead.');
    }
  }
  const buildSecrets = checkStringMap(options.buildSecrets, 'buildSecrets', where);
  for (const [id, src] of Object.entries(buildSecrets)) {
    if (!/^[A-Za-z0-9_.-]+$/.test(id)) {
      throw new Error(`${where}: buildSecrets id ${show(id)} is not a secret id. Use letters, digits, ".", "_" and "-", e.g. "npm_token".`);
    }
    if (src.trim() === '' || /[,\n\r"]/.test(src)) {
      throw new Error(`${where}: buildSecrets[${show(id)}] ${show(src)} is not a file path that \`--secret id=${id},src=...\` can carry. Use a path without commas, quotes or newlines.`);
    }
    if (!p.secretIds.includes(id)) {
      throw new Error(`${where}: build secret ${show(id)} is not mounted by the Dockerfile (mounted: ${show(p.secretIds)}), so the build would never see it. `
        + `Mount it with \`RUN --mount=type=secret,id=${id} ...\`, or remove it.`);
    }
  }
  return { platform, buildArgs, buildSecrets };
}

function checkDirectory(directory: unknown, what: string): string {
  if (typeof directory !== 'string' || directory.trim() === '' || !fs.existsSync(directory) || !fs.statSync(directory).isDirectory()) {
    throw new Error(`${what}: ${show(directory)} is not a folder. Give the path of the application's folder (the build context).`);
  }
  return fs.realpathSync(path.resolve(directory));
}

function checkDockerfileName(value: unknown, dir: string, what: string): string {
  const file = value ?? 'Dockerfile';
  if (typeof file !== 'string' || file.trim() === '' || path.isAbsolute(file)) {
    throw new Error(`${what}: file ${show(value)} must be the Dockerfile's path relative to the folder, e.g. 'Dockerfile' or 'docker/Dockerfile.prod'.`);
  }
  const rel = path.relative(dir, path.resolve(dir, file)).split(path.sep).join('/');
  if (rel.startsWith('..') || rel === '') {
    throw new Error(`${what}: file ${show(value)} is outside the folder ${dir}. Keep the Dockerfile inside the build context.`);
  }
  const abs = path.join(dir, rel);
  if (!fs.existsSync(abs) || !fs.statSync(abs).isFile()) {
    throw new Error(`${what}: there is no Dockerfile ${show(rel)} in ${dir}. Write one (\`cdk-distroless init\` writes a hardened one), set file, or use DistrolessImage.fromSource().`);
  }
  return rel;
}

function checkStageName(value: unknown, what: string): string {
  if (typeof value !== 'string' || !/^[A-Za-z][A-Za-z0-9_.-]*$/.test(value)) {
    throw new Error(`${what}: target ${show(value)} is not a stage name. Use the name after AS in a FROM, e.g. 'runtime'.`);
  }
  return value;
}

function checkUser(value: unknown, what: string): ImageUser {
  const u = value as ImageUser;
  const isId = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n < 4294967295;
  if (typeof u !== 'object' || u === null || !isId(u.uid) || !isId(u.gid)) {
    throw new Error(`${what} must have numeric uid and gid from 0 to 4294967294, got ${show(value)}. Use e.g. { uid: 65532, gid: 65532 }.`);
  }
  if (u.uid === 0) {
    throw new Error(`${what} ${show(value)} is root (uid 0). A workload never runs as root: use a non-root user, e.g. { uid: 65532, gid: 65532 }.`);
  }
  return {
    uid: u.uid,
    gid: u.gid,
    ...(u.name !== undefined ? { name: String(u.name) } : {}),
    ...(u.home !== undefined ? { home: String(u.home) } : {}),
  };
}

function checkList(value: unknown, prop: string, what: string): unknown[] {
  if (value === undefined) { return []; }
  if (!Array.isArray(value)) {
    throw new Error(`${what}: ${prop} must be a list, got ${show(value)}.`);
  }
  return value;
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
function checkInstance<T>(value: unknown, type: Function & { prototype: T }, prop: string, expected: string, what: string): T {
  if (!(value instanceof type)) {
    throw new Error(`${what}: ${prop} must be ${expected}, got ${show(value)}.`);
  }
  return value as T;
}

function checkStringMap(value: unknown, prop: string, what: string): { [k: string]: string } {
  if (value === undefined) { return {}; }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${what}: ${prop} must be an object of names to strings, got ${show(value)}.`);
  }
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') {
      throw new Error(`${what}: ${prop}[${show(k)}] must be a string, got ${show(v)}.`);
    }
  }
  return { ...(value as { [k: string]: string }) };
}

function checkPorts(value: unknown, prop: string, what: string): number[] {
  const ports: number[] = [];
  checkList(value, prop, what).forEach((p, i) => {
    if (typeof p !== 'number' || !Number.isInteger(p) || p < 1 || p > 65535) {
      throw new Error(`${what}: ${prop}[${i}] ${show(p)} is not a port. Use a whole number from 1 to 65535, e.g. 8080.`);
    }
    if (!ports.includes(p)) { ports.push(p); }
  });
  return ports;
}

function checkAbsolute(value: unknown, what: string): string {
  return normalizeAbsolute(checkPath(value, what, { absolute: true }));
}

function checkArchitectures(value: unknown, what: string): CpuArchitecture[] {
  const all = Object.values(CpuArchitecture) as string[];
  if (!Array.isArray(value) || value.length === 0 || value.some(a => !all.includes(a))) {
    throw new Error(`${what} must be ${what.endsWith('platform') ? 'one' : 'a non-empty list'} of ${all.map(a => `CpuArchitecture.${a.toUpperCase()}`).join(', ')}, got ${show(value)}.`);
  }
  return unique(value as CpuArchitecture[]);
}

function architecturesOf(image: BaseImage): CpuArchitecture[] {
  const known = image.facts.architectures ?? ['amd64', 'arm64'];
  return [CpuArchitecture.AMD64, CpuArchitecture.ARM64].filter(a => known.includes(a));
}

function readIfExists(file: string): string | undefined {
  return fs.existsSync(file) && fs.statSync(file).isFile() ? fs.readFileSync(file, 'utf8') : undefined;
}

function unique<T>(values: T[]): T[] {
  return values.filter((v, i) => values.indexOf(v) === i);
}
