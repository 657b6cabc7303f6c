import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { CpuArchitecture } from './architecture';
import { HealthCheck } from './health-check';
import { ImageProfile } from './image-profile';
import { DistrolessDockerfile, DistrolessDockerfileProps, GeneratedFile } from '../dockerfile';
import { BaseImage, ImageUser, Libc, RegistryMirror } from '../image';
import { DockerfilePolicy, Finding, Severity, Suppression } from '../policy';

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
   * Target platform of the build.
   * @default - the builder's platform; constructs pass the workload's architecture
   */
  readonly platform?: CpuArchitecture;
  /**
   * Build arguments (`--build-arg`). Names that look like secrets are rejected: use `buildSecrets`.
   * @default - none
   */
  readonly buildArgs?: { [name: string]: string };
  /**
   * BuildKit secrets (`--secret id=<id>,src=<path>`): secret id to the path of the file on the
   * build machine. They never land in a layer.
   * @default - none
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
   * The Dockerfile, relative to the directory.
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
   * a uid (a name on a base whose /etc/passwd is not known).
   * @default - derived from the Dockerfile
   */
  readonly user?: ImageUser;
  /**
   * Where the Dockerfile puts a health probe of its own, if it does.
   * @default - no built-in probe
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
  /** Content hash of everything that decides the build; also the folder's name. */
  readonly hash: string;
  /** The Dockerfile's name inside `directory`. */
  readonly dockerfile: string;
}

/**
 * A container image for a workload: built from source with a generated Dockerfile, built from a
 * user-written Dockerfile that the policy checks, or prebuilt in a registry and pinned. Its
 * `profile` tells the ECS and Kubernetes adapters everything they need.
 */
export class DistrolessImage {
  /**
   * Build from source with a generated multi-stage Dockerfile. The folder is never written to.
   *
   * @param directory the application's folder (the build context)
   */
  public static fromSource(directory: string, options: SourceImageOptions): DistrolessImage {
    const dir = checkDirectory(directory, 'DistrolessImage.fromSource');
    // The built-in probe by default: without it an ECS health check has nothing to run.
    // The generator reads the folder (never writes it) to follow the project's layout.
    const dockerfile = new DistrolessDockerfile({ ...options, healthProbe: options.healthProbe ?? true, projectDirectory: options.projectDirectory ?? dir });
    const text = dockerfile.render();
    const lint = new DockerfilePolicy({ registryMirrors: options.registryMirrors, images: options.baseImage ? [options.baseImage] : undefined }).lint(text, 'Dockerfile');
    return new DistrolessImage({
      kind: ImageSourceKind.SOURCE,
      directory: dir,
      dockerfileText: text,
      dockerignoreText: dockerfile.renderDockerignore(),
      generatedFiles: dockerfile.files().filter(f => f.path !== 'Dockerfile' && f.path !== '.dockerignore'),
      build: options,
      warnings: lint.findings.filter(f => !f.suppressed && f.level === Severity.WARNING),
      profile: {
        user: dockerfile.user,
        writablePaths: [...dockerfile.writablePaths],
        ports: [...(options.exposedPorts ?? [])],
        entrypoint: [],
        command: [...(options.command ?? [])],
        environment: { ...(options.environment ?? {}) },
        workdir: dockerfile.workdir,
        baseImage: dockerfile.finalImage,
        hasShell: dockerfile.finalImage.facts.hasShell,
        libc: dockerfile.finalImage.facts.libc,
        architectures: architecturesOf(dockerfile.finalImage),
        healthProbePath: dockerfile.healthProbePath,
        buildSecretIds: options.buildCaBundle ? ['ca'] : [],
        lint,
      },
    });
  }

  /**
   * Build from a Dockerfile you wrote. It is checked by `DockerfilePolicy` here: errors throw one
   * message listing every unsuppressed error; warnings are kept in `warnings`.
   *
   * @param directory the build context
   */
  public static fromDockerfile(directory: string, options: DockerfileImageOptions = {}): DistrolessImage {
    const dir = checkDirectory(directory, 'DistrolessImage.fromDockerfile');
    const file = options.file ?? 'Dockerfile';
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const lint = new DockerfilePolicy({ suppressions: options.suppressions, images: options.images, registryMirrors: options.registryMirrors }).lint(text, path.join(dir, file));
    if (lint.errorCount > 0) {
      throw new Error(`DistrolessImage.fromDockerfile: ${path.join(dir, file)} fails the Dockerfile policy:\n${DockerfilePolicy.format(lint)}`);
    }
    const user = options.user ?? { uid: 65532, gid: 65532 };
    return new DistrolessImage({
      kind: ImageSourceKind.DOCKERFILE,
      directory: dir,
      dockerfileName: file,
      build: options,
      target: options.target,
      warnings: lint.findings.filter(f => !f.suppressed && f.level === Severity.WARNING),
      profile: {
        user,
        writablePaths: ['/tmp'],
        ports: [],
        entrypoint: [],
        command: [],
        environment: {},
        hasShell: false,
        libc: Libc.GLIBC,
        architectures: [CpuArchitecture.AMD64, CpuArchitecture.ARM64],
        healthProbePath: options.healthProbePath,
        buildSecretIds: [],
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
    if (!/@sha256:[a-f0-9]{64}$/.test(reference) && !options.pinWaiver) {
      throw new Error(`DistrolessImage.fromRegistry: ${JSON.stringify(reference)} is not pinned by digest. Append @sha256:<digest>, or set pinWaiver to the reason it cannot be pinned.`);
    }
    if (!options.user || options.user.uid === 0) {
      throw new Error(`DistrolessImage.fromRegistry: user ${JSON.stringify(options.user)} must be a numeric non-root user, e.g. { uid: 65532, gid: 65532 }.`);
    }
    const base = options.baseImage;
    return new DistrolessImage({
      kind: ImageSourceKind.REGISTRY,
      reference,
      pinWaiver: options.pinWaiver,
      warnings: [],
      profile: {
        user: options.user,
        writablePaths: [...(options.writablePaths ?? ['/tmp'])],
        ports: [...(options.ports ?? [])],
        entrypoint: [],
        command: [],
        environment: {},
        baseImage: base,
        hasShell: base?.facts.hasShell ?? false,
        libc: base?.facts.libc ?? Libc.GLIBC,
        architectures: [...(options.architectures ?? [CpuArchitecture.AMD64])],
        healthProbePath: options.healthProbePath,
        buildSecretIds: [],
      },
    });
  }

  /** Where the image comes from. */
  public readonly kind: ImageSourceKind;
  /** What the adapters need to know about the image. */
  public readonly profile: ImageProfile;
  /** The build context as given, for SOURCE and DOCKERFILE images. */
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

  private readonly dockerfileText?: string;
  private readonly dockerignoreText?: string;
  private readonly generatedFiles: GeneratedFile[];

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
    this.dockerfileText = init.dockerfileText;
    this.dockerignoreText = init.dockerignoreText;
    this.generatedFiles = init.generatedFiles ?? [];
  }

  /** The health probe command for `check` in this image, or undefined when it cannot run there. */
  public healthCommand(check: HealthCheck): string[] | undefined {
    return check.execCommand(this.profile.healthProbePath);
  }

  /**
   * Stages the build context under `outdir` in a folder named by its content hash: the user's files
   * (without what `.dockerignore` excludes), the Dockerfile and `.dockerignore`. Staging the same
   * sources with the same options again reuses the folder.
   */
  public stage(outdir: string): StagedBuildContext {
    if (this.kind === ImageSourceKind.REGISTRY || !this.directory) {
      throw new Error(`DistrolessImage.stage: ${this.reference} is a registry image; there is no build context to stage.`);
    }
    const hash = crypto.createHash('sha256');
    hash.update(this.dockerfileText ?? '').update('\0').update(this.dockerignoreText ?? '');
    hash.update(JSON.stringify([this.target, this.platform, this.buildArgs, this.generatedFiles]));
    const files = listFiles(this.directory);
    for (const f of files) {
      hash.update(f).update('\0').update(fs.readFileSync(path.join(this.directory, f)));
    }
    const id = hash.digest('hex').slice(0, 32);
    const dir = path.join(outdir, `context.${id}`);
    if (!fs.existsSync(dir)) {
      const tmp = `${dir}.tmp-${process.pid}`;
      fs.mkdirSync(tmp, { recursive: true });
      for (const f of files) {
        fs.mkdirSync(path.dirname(path.join(tmp, f)), { recursive: true });
        fs.copyFileSync(path.join(this.directory, f), path.join(tmp, f));
      }
      if (this.dockerfileText !== undefined) { fs.writeFileSync(path.join(tmp, this.dockerfileName!), this.dockerfileText); }
      if (this.dockerignoreText !== undefined) { fs.writeFileSync(path.join(tmp, '.dockerignore'), this.dockerignoreText); }
      for (const f of this.generatedFiles) {
        fs.mkdirSync(path.dirname(path.join(tmp, f.path)), { recursive: true });
        fs.writeFileSync(path.join(tmp, f.path), f.content);
      }
      fs.renameSync(tmp, dir);
    }
    return { directory: dir, hash: id, dockerfile: this.dockerfileName! };
  }
}

interface ImageInit {
  readonly kind: ImageSourceKind;
  readonly profile: ImageProfile;
  readonly directory?: string;
  readonly reference?: string;
  readonly dockerfileName?: string;
  readonly dockerfileText?: string;
  readonly dockerignoreText?: string;
  readonly generatedFiles?: GeneratedFile[];
  readonly target?: string;
  readonly build?: ImageBuildOptions;
  readonly warnings: Finding[];
  readonly pinWaiver?: string;
}

function checkDirectory(directory: unknown, what: string): string {
  if (typeof directory !== 'string' || !fs.existsSync(directory) || !fs.statSync(directory).isDirectory()) {
    throw new Error(`${what}: ${JSON.stringify(directory)} is not a folder. Give the path of the application's folder (the build context).`);
  }
  return path.resolve(directory);
}

function architecturesOf(image: BaseImage): CpuArchitecture[] {
  const known = image.facts.architectures ?? ['amd64', 'arm64'];
  return [CpuArchitecture.AMD64, CpuArchitecture.ARM64].filter(a => known.includes(a));
}

function listFiles(root: string, rel = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) { out.push(...listFiles(root, p)); } else if (entry.isFile()) { out.push(p); }
  }
  return out;
}
