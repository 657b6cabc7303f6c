import * as fs from 'fs';
import * as path from 'path';
import { BaseImage, ImageRole, ImageUser, Libc, RegistryMirror } from '../image';
import { DockerfilePolicy, LintResult, Suppression } from '../policy';
import { checkBuilder } from './private/common';
import { layoutOf, resolveImpl, siblingsOf } from './private/detect';
import { renderDockerignore } from './private/dockerignore';
import {
  checkArgument, checkEnvName, checkLabelKey, checkPath, checkReference, checkText, isId, jsonArray,
  normalizeAbsolute, quote, requireString, show,
} from './private/escape';
import { Copy, PlanContext, RuntimeImpl, RuntimePlan, Stage } from './private/plan';
import { PROBE_PATH, PROBE_SOURCE, PROBE_STAGE, probeSource, probeStage } from './private/probe';
import { _writablePathProblem, WRITABLE_FIX } from './private/writable';
import { _checkRuntime, Runtime } from './runtime';

/** Properties of a `DistrolessDockerfile`. */
export interface DistrolessDockerfileProps {
  /** How the application is built and started. */
  readonly runtime: Runtime;

  /**
   * Final-stage base image. It must be a final-role image (no package manager); build images
   * such as `BaseImage.golang()` are rejected.
   * @default - the runtime's default (`runtime.defaultFinalImage`)
   */
  readonly baseImage?: BaseImage;

  /**
   * User the container runs as, by number. Root (uid 0) is rejected.
   * @default - the base image's non-root user (65532 on Google distroless and Chainguard,
   * 1654 on chiseled .NET); 65532 `nonroot` on scratch, with /etc/passwd written for it
   */
  readonly user?: ImageUser;

  /**
   * Directory the application is installed in and started from.
   * @default '/app'
   */
  readonly workdir?: string;

  /**
   * Arguments for the application (CMD, exec form). Interpreted runtimes put their script or
   * jar first and these after it.
   * @default - no arguments
   */
  readonly command?: string[];

  /**
   * Environment variables of the final image. Names are `[A-Za-z_][A-Za-z0-9_]*`; values are
   * single-line text, written quoted and escaped.
   * @default - only what the runtime sets (e.g. NODE_ENV, PYTHONPATH)
   */
  readonly environment?: { [name: string]: string };

  /**
   * Labels of the final image, in addition to the OCI base-image labels the generator writes.
   * @default - only the generated OCI labels
   */
  readonly labels?: { [name: string]: string };

  /**
   * Source repository, written as the `org.opencontainers.image.source` label.
   * @default - no source label
   */
  readonly sourceUrl?: string;

  /**
   * Source revision (e.g. a commit id), written as the `org.opencontainers.image.revision` label.
   * @default - no revision label
   */
  readonly revision?: string;

  /**
   * Ports the application listens on (EXPOSE).
   * @default - no EXPOSE
   */
  readonly exposedPorts?: number[];

  /**
   * Directories the application writes to on a read-only root filesystem. Each is created owned
   * by the user and declared as a VOLUME, so ECS and Kubernetes mount it writable (Fargate copies
   * a VOLUME directory's ownership into the task volume).
   * @default ['/tmp']
   */
  readonly writablePaths?: string[];

  /**
   * Registry mirrors applied to every FROM.
   * @default - images are pulled from their upstream registries
   */
  readonly registryMirrors?: RegistryMirror[];

  /**
   * Mount a CA bundle build secret (id `ca`) into the steps that download dependencies, for
   * TLS-intercepting proxies. Build with `--secret id=ca,src=/etc/ssl/certs/ca-certificates.crt`
   * (a full bundle: some tools use it instead of their own). It never lands in a layer.
   * @default false
   */
  readonly buildCaBundle?: boolean;

  /**
   * Write the `# syntax=docker/dockerfile:1` parser directive. Builders without registry access
   * (air-gapped BuildKit, a frontend pinned by the platform) need it omitted: BuildKit's built-in
   * frontend and buildah understand every instruction the generator writes. With `registryMirrors`
   * covering Docker Hub, the directive names the mirrored frontend image.
   * @default true
   */
  readonly syntaxDirective?: boolean;

  /**
   * Build the shell-free health probe into the image at `/cdk-distroless/probe`
   * (`HealthCheck.PROBE_PATH`): a static binary of about 0.7 MB, compiled from the C source this
   * package ships in a `probe` stage on `BaseImage.gcc()`, that runs on every base, scratch
   * included. ECS health checks and Docker `HEALTHCHECK` can then check HTTP
   * (`probe http <port> <path>`), TCP (`probe tcp <port>`) and gRPC health
   * (`probe grpc <port>`) with no shell in the image. The source goes into the build context as
   * `.cdk-distroless/probe.c` (see `files()`).
   * @default false
   */
  readonly healthProbe?: boolean;

  /**
   * C toolchain image of the health probe's build stage, e.g. `BaseImage.gcc().withDigest(...)` to
   * pin it. It needs a shell, `gcc` and a static C library (glibc's `libc.a` or musl). Only used
   * with `healthProbe`.
   * @default BaseImage.gcc()
   */
  readonly healthProbeBuilderImage?: BaseImage;

  /**
   * The build context's folder, read (never written) to follow the project's layout: lockfiles
   * and package managers, workspaces, build scripts, entry points, modules. The runtime's options
   * always win over what the files say; a layout the generator cannot tell apart is an error
   * naming what it found and the option that settles it. `DistrolessImage.fromSource()` sets it.
   * @default - nothing is read: the runtime's options and defaults decide alone
   */
  readonly projectDirectory?: string;

  /**
   * The application's folder inside the build context, for monorepos whose build context is the
   * repository root (e.g. `services/api`). Only that folder is copied into the build stage and
   * the `.dockerignore` leaves everything else out of the context.
   * @default '.' - the application is the build context's root
   */
  readonly appDirectory?: string;
}

/** Options for `DistrolessDockerfile.writeTo()`. */
export interface WriteOptions {
  /**
   * Replace generated files (`Dockerfile`, `.dockerignore`, ...) that already exist in the folder,
   * as the CLI's `init --force` does.
   * @default false - an existing file fails the call and nothing is written
   */
  readonly overwrite?: boolean;
}

/** A file the generator writes into the build context. */
export interface GeneratedFile {
  /** Path relative to the build context, e.g. `Dockerfile`. */
  readonly path: string;
  /** The file's text. */
  readonly content: string;
}

const OCI = 'org.opencontainers.image';
/** The Dockerfile frontend the syntax directive names, at its upstream registry (Docker Hub). */
const SYNTAX_IMAGE = 'docker/dockerfile:1';
const DEFAULT_SCRATCH_USER: ImageUser = { uid: 65532, gid: 65532, name: 'nonroot', home: '/home/nonroot' };
const ROOTFS = 'rootfs';

/**
 * A hardened multi-stage Dockerfile for a runtime: dependencies fetched before sources are
 * copied, cache mounts for compilers, and a final stage on a distroless base that holds only
 * copied artifacts, runs as a numeric non-root user, starts in exec form and declares its
 * writable directories as volumes.
 *
 * @example
 * new DistrolessDockerfile({ runtime: Runtime.nodejs({ entry: 'server.js' }), exposedPorts: [8080] }).writeTo('app');
 */
export class DistrolessDockerfile {
  /** How the application is built and started. */
  public readonly runtime: Runtime;
  /** The final-stage base image, as written in FROM (mirrored when a mirror applies). */
  public readonly finalImage: BaseImage;
  /** The main build-stage image, as written in FROM; undefined when nothing is built (prebuilt artifacts). */
  public readonly builderImage?: BaseImage;
  /** The user the container runs as. */
  public readonly user: ImageUser;
  /** The directory the application is installed in. */
  public readonly workdir: string;
  /** Directories created writable for the user and declared as volumes. */
  public readonly writablePaths: string[];
  /** Where the image holds the built-in health probe; undefined without `healthProbe`. */
  public readonly healthProbePath?: string;
  /** Ports the image exposes (EXPOSE), without duplicates. */
  public readonly exposedPorts: number[];
  /** The ENTRYPOINT, exec form. */
  public readonly entrypoint: string[];
  /** The CMD, exec form: the runtime's arguments then `command`; empty when there is no CMD. */
  public readonly command: string[];
  /** Environment of the final image: what the runtime sets, then `environment`. */
  public readonly environment: { [name: string]: string };
  /** Ids of the BuildKit secrets the build mounts (`ca` with `buildCaBundle`). */
  public readonly buildSecretIds: string[];
  /** Registry mirrors applied to FROM (and the syntax directive). */
  public readonly registryMirrors: RegistryMirror[];
  /** Destinations of the final stage's copies of the application (absolute). */
  public readonly copyDestinations: string[];
  /** What the generator found in `projectDirectory` (package manager, workspace, entry, ...), one line each; empty without it. */
  public readonly detected: string[];

  private readonly text: string;
  private readonly ignore: string;
  private readonly stageImages: BaseImage[];
  private readonly generated: GeneratedFile[];

  constructor(props: DistrolessDockerfileProps) {
    if (typeof props !== 'object' || props === null) {
      throw new Error(`DistrolessDockerfile: props must be an object with at least { runtime }, got ${show(props)}.`);
    }
    this.runtime = _checkRuntime(props.runtime, 'DistrolessDockerfile: runtime');
    const chosenBase = checkFinalImage(props.baseImage);
    const layout = layoutOf(props.projectDirectory, props.appDirectory, chosenBase);
    const impl = resolveImpl(this.runtime._impl, layout);
    this.detected = [...(impl.detected ?? [])];

    const base = chosenBase ?? impl.defaultFinalImage();
    checkCompatible(this.runtime, impl, base);
    this.user = checkUser(props.user, base);
    this.workdir = normalizeAbsolute(checkPath(props.workdir ?? '/app', 'DistrolessDockerfile: workdir', { absolute: true }));
    this.writablePaths = checkWritablePaths(props.writablePaths);
    const command = checkList(props.command, 'command').map((a, i) => checkArgument(a, `DistrolessDockerfile: command[${i}]`));
    const environment = checkMap(props.environment, 'environment', checkEnvName);
    const labels = checkLabels(props.labels);
    const sourceUrl = props.sourceUrl === undefined ? undefined : checkText(props.sourceUrl, 'DistrolessDockerfile: sourceUrl');
    const revision = props.revision === undefined ? undefined : checkText(props.revision, 'DistrolessDockerfile: revision');
    const ports = checkPorts(props.exposedPorts);
    const mirrors = checkMirrors(props.registryMirrors);
    for (const flag of ['buildCaBundle', 'syntaxDirective'] as const) {
      if (props[flag] !== undefined && typeof props[flag] !== 'boolean') {
        throw new Error(`DistrolessDockerfile: ${flag} must be true or false, got ${show(props[flag])}.`);
      }
    }
    this.registryMirrors = mirrors;
    if (props.healthProbe !== undefined && typeof props.healthProbe !== 'boolean') {
      throw new Error(`DistrolessDockerfile: healthProbe must be true or false, got ${show(props.healthProbe)}.`);
    }
    this.healthProbePath = props.healthProbe ? PROBE_PATH : undefined;
    const hiding = props.healthProbe ? this.writablePaths.find(w => isWithin(PROBE_PATH, w)) : undefined;
    if (hiding !== undefined) {
      throw new Error(`DistrolessDockerfile: writablePaths entry ${show(hiding)} holds the health probe ${PROBE_PATH}: a volume there would hide it, `
        + 'or let the application replace it. Choose a writable path outside /cdk-distroless.');
    }
    const probe = props.healthProbe ? probeSource() : undefined;
    const probeBuilder = checkBuilder(props.healthProbeBuilderImage, 'DistrolessDockerfile: healthProbeBuilderImage');
    if (probeBuilder && !props.healthProbe) {
      throw new Error(`DistrolessDockerfile: healthProbeBuilderImage ${probeBuilder.reference} is set but healthProbe is not, so nothing would use it. `
        + 'Set healthProbe: true, or remove healthProbeBuilderImage.');
    }

    const ctx: PlanContext = { finalImage: base, workdir: this.workdir, caBundle: props.buildCaBundle ?? false, user: this.user };
    const plan = impl.plan(ctx);
    this.copyDestinations = plan.copies.map(c => normalizeAbsolute(c.dest.startsWith('/') ? c.dest : `${this.workdir}/${c.dest}`));
    checkWritableOverlaps(this.writablePaths, this.workdir, this.copyDestinations);
    const mirror = (image: BaseImage, what: string) => {
      const found = mirrors.find(m => image.withMirror(m) !== image);
      const mirrored = found ? image.withMirror(found) : image;
      checkReference(mirrored.reference, `DistrolessDockerfile: ${what}`);
      return mirrored;
    };
    this.finalImage = mirror(base, 'baseImage');
    this.builderImage = plan.builderImage ? mirror(plan.builderImage, 'builder image') : undefined;

    const stages: Stage[] = plan.stages.map(s => ({ ...s, image: mirror(s.image, `${s.name} stage image`) }));
    const rootfs = rootfsStage(base, this.user, this.writablePaths, plan);
    if (rootfs) {
      stages.push({ ...rootfs.stage, image: mirror(rootfs.stage.image, `${ROOTFS} stage image`) });
    }
    if (probe !== undefined) {
      stages.push(probeStage(mirror(probeBuilder ?? BaseImage.gcc(), `${PROBE_STAGE} stage image`)));
    }
    this.stageImages = stages.map(s => s.image);

    const env = new Map<string, string>(plan.env);
    for (const [name, value] of Object.entries(environment)) {
      env.set(name, checkText(value, `DistrolessDockerfile: environment[${show(name)}]`));
    }
    const allLabels: Array<[string, string]> = [[`${OCI}.base.name`, withoutDigest(this.finalImage)]];
    if (this.finalImage.digest) { allLabels.push([`${OCI}.base.digest`, this.finalImage.digest]); }
    if (sourceUrl !== undefined) { allLabels.push([`${OCI}.source`, sourceUrl]); }
    if (revision !== undefined) { allLabels.push([`${OCI}.revision`, revision]); }
    allLabels.push(...Object.entries(labels));

    const finalLines: string[] = [];
    finalLines.push(`LABEL ${allLabels.map(([k, v]) => `${k}=${quote(v)}`).join(' \\\n      ')}`);
    if (probe !== undefined) {
      // Before the application: it changes far less often. Owned by root, so the app cannot replace it.
      finalLines.push(`COPY --from=${PROBE_STAGE} /out/probe ${PROBE_PATH}`);
    }
    for (const copy of plan.copies) {
      finalLines.push(renderCopy(copy, this.writablePaths.some(w => isWithin(copy.dest, w)) ? this.user : undefined));
    }
    finalLines.push(...(rootfs?.copies ?? []));
    for (const [name, value] of env) { finalLines.push(`ENV ${name}=${quote(value)}`); }
    finalLines.push(`WORKDIR ${this.workdir}`);
    finalLines.push(`USER ${this.user.uid}:${this.user.gid}`);
    if (ports.length > 0) { finalLines.push(`EXPOSE ${ports.join(' ')}`); }
    if (this.writablePaths.length > 0) {
      finalLines.push('# Writable on a read-only root filesystem: ECS and Kubernetes mount these as volumes.');
      finalLines.push(`VOLUME ${jsonArray(this.writablePaths)}`);
    }
    finalLines.push(`ENTRYPOINT ${jsonArray(plan.entrypoint)}`);
    const cmd = [...plan.cmd, ...command];
    if (cmd.length > 0) { finalLines.push(`CMD ${jsonArray(cmd)}`); }
    this.exposedPorts = ports;
    this.entrypoint = [...plan.entrypoint];
    this.command = cmd;
    this.environment = Object.fromEntries(env);

    const syntax = mirrors.map(m => m.rewrite(SYNTAX_IMAGE)).find(r => r !== SYNTAX_IMAGE) ?? SYNTAX_IMAGE;
    const out: string[] = [
      ...(props.syntaxDirective === false ? [] : [`# syntax=${checkReference(syntax, 'DistrolessDockerfile: syntax directive')}`]),
      `# Generated by cdk-distroless for the ${this.runtime.name} runtime. Change the generator's options rather than this file.`,
    ];
    if (ctx.caBundle) {
      out.push('# Build with the CA bundle as a secret: --secret id=ca,src=/etc/ssl/certs/ca-certificates.crt');
    }
    for (const stage of stages) {
      out.push('', `FROM ${stage.image.reference} AS ${stage.name}`, ...stage.lines);
    }
    out.push('', '# Final stage: no shell and no package manager; only artifacts copied from the stages above.',
      `FROM ${this.finalImage.reference}`, ...finalLines);
    this.text = out.join('\n') + '\n';
    // Every secret the stages mount (the CA bundle, Go's netrc, ...), read from the lines this generator wrote.
    this.buildSecretIds = [...new Set([...this.text.matchAll(/--mount=type=secret,id=([A-Za-z0-9_.-]+)/g)].map(m => m[1]))];
    const generated = probe !== undefined ? [PROBE_SOURCE] : [];
    this.ignore = renderDockerignore(this.runtime.name, impl.dockerignore, impl.contextArtifacts, impl.buildReadsDocs,
      layout.appDirectory, siblingsOf(layout), generated);
    this.generated = probe !== undefined ? [{ path: PROBE_SOURCE, content: probe }] : [];
  }

  /** The Dockerfile text. */
  public render(): string {
    return this.text;
  }

  /** The `.dockerignore` text: VCS data, secrets, local build output and dependencies stay out of the build context. */
  public renderDockerignore(): string {
    return this.ignore;
  }

  /**
   * Every file the build context needs besides the application's own: `Dockerfile`,
   * `.dockerignore`, and whatever sources generated stages build (e.g. the health probe).
   */
  public files(): GeneratedFile[] {
    return [{ path: 'Dockerfile', content: this.text }, { path: '.dockerignore', content: this.ignore }, ...this.generated];
  }

  /**
   * Lints the Dockerfile with exactly the options it was generated with: its registry mirrors
   * and the base images it names that the catalog does not know (`BaseImage.fromRegistry`), so a
   * generated Dockerfile is never judged by a policy that lacks them.
   *
   * @param file the name findings refer to
   * @param suppressions findings acknowledged, each with a reason
   */
  public lint(file: string = 'Dockerfile', suppressions: Suppression[] = []): LintResult {
    return this.policy(suppressions).lint(this.text, file);
  }

  /**
   * The policy that `lint()` uses: the registry mirrors and non-catalog images of this Dockerfile.
   *
   * @param suppressions findings acknowledged, each with a reason
   */
  public policy(suppressions: Suppression[] = []): DockerfilePolicy {
    // Images whose facts the catalog does not hold as they are (BaseImage.fromRegistry), once per repository.
    const own = (i: BaseImage) => JSON.stringify(BaseImage.lookup(i.upstreamReference)?.facts) !== JSON.stringify(i.facts);
    const images = [this.finalImage, this.builderImage, ...this.stageImages]
      .filter((i): i is BaseImage => i !== undefined && own(i))
      .filter((i, n, all) => all.findIndex(o => o.repository === i.repository) === n);
    return new DockerfilePolicy({ registryMirrors: [...this.registryMirrors], images, suppressions });
  }

  /**
   * Writes `files()` (`Dockerfile`, `.dockerignore`, ...) into a directory, creating it when missing.
   * An existing generated file fails the call, and nothing is written, unless `overwrite` is set
   * (the CLI's `init` refuses the same way without `--force`).
   */
  public writeTo(directory: string, options: WriteOptions = {}): void {
    const dir = requireString(directory, 'DistrolessDockerfile.writeTo: directory');
    if (dir.length === 0) {
      throw new Error('DistrolessDockerfile.writeTo: directory is empty. Give the folder to write Dockerfile and .dockerignore into, e.g. "./app".');
    }
    const overwrite = options?.overwrite ?? false;
    if (typeof overwrite !== 'boolean') {
      throw new Error(`DistrolessDockerfile.writeTo: overwrite must be true or false, got ${show(overwrite)}.`);
    }
    const existing = this.files().map(f => f.path).filter(f => fs.existsSync(path.join(dir, f)));
    if (existing.length > 0 && !overwrite) {
      throw new Error(`DistrolessDockerfile.writeTo: ${existing.join(' and ')} already exist${existing.length === 1 ? 's' : ''} in ${show(dir)}; nothing written. `
        + 'Pass { overwrite: true } to replace them, or write into another folder.');
    }
    for (const file of this.files()) {
      fs.mkdirSync(path.dirname(path.join(dir, file.path)), { recursive: true });
      fs.writeFileSync(path.join(dir, file.path), file.content);
    }
  }
}

function checkFinalImage(value: unknown): BaseImage | undefined {
  if (value === undefined) { return undefined; }
  if (!(value instanceof BaseImage)) {
    throw new Error(`DistrolessDockerfile: baseImage must be a BaseImage (e.g. BaseImage.googleStatic()), got ${show(value)}.`);
  }
  if (value.role !== ImageRole.FINAL) {
    throw new Error(`DistrolessDockerfile: baseImage ${value.reference} is a BUILD-role image (it has a package manager or a full OS) and cannot be the final stage. `
      + 'Use a final-role image such as BaseImage.googleStatic(), BaseImage.googleCc() or BaseImage.chainguardStatic(); '
      + 'toolchain images belong in the runtime\'s builderImage.');
  }
  return value;
}

function checkCompatible(runtime: Runtime, impl: RuntimeImpl, base: BaseImage): void {
  const req = impl.requirements;
  const fix = `Use the runtime's default ${impl.defaultFinalImage().reference}, or omit baseImage.`;
  if (req.libc === Libc.GLIBC && base.facts.libc !== Libc.GLIBC) {
    throw new Error(`DistrolessDockerfile: the ${runtime.name} runtime builds a program that links glibc, but baseImage ${base.reference} has `
      + `${base.facts.libc === Libc.NONE ? 'no C library' : `${base.facts.libc} libc`}, so it would not start. ${fix}`
      + (runtime.name === 'go' ? ' Or build without cgo.' : runtime.name === 'rust' ? ' Or build with musl: true.' : runtime.name === 'cpp' ? ' Or link with staticLinking: true.' : ''));
  }
  if (req.languageRuntime && base.facts.runtime !== req.languageRuntime) {
    throw new Error(`DistrolessDockerfile: the ${runtime.name} runtime needs a base image with ${req.languageRuntime}, but baseImage ${base.reference} `
      + `carries ${base.facts.runtime ? base.facts.runtime : 'no language runtime'}. ${fix}`);
  }
}

function checkUser(value: ImageUser | undefined, base: BaseImage): ImageUser {
  if (value === undefined) {
    const user = base.nonRootUser ?? (base.isScratch ? DEFAULT_SCRATCH_USER : undefined);
    if (!user) {
      throw new Error(`DistrolessDockerfile: baseImage ${base.reference} ships no non-root user, so no default user can be chosen. `
        + 'Set user, e.g. { uid: 65532, gid: 65532 }.');
    }
    return user;
  }
  if (typeof value !== 'object' || value === null || !isId(value.uid) || !isId(value.gid)) {
    throw new Error(`DistrolessDockerfile: user must have numeric uid and gid between 0 and 4294967294, got ${show(value)}. Use e.g. { uid: 65532, gid: 65532 }.`);
  }
  if (value.uid === 0) {
    throw new Error(`DistrolessDockerfile: user ${show(value)} is root (uid 0). The final image must run as a non-root user: use e.g. { uid: 65532, gid: 65532 }.`);
  }
  if (value.name !== undefined && (typeof value.name !== 'string' || !/^[a-z_][a-z0-9_-]{0,31}$/.test(value.name))) {
    throw new Error(`DistrolessDockerfile: user.name ${show(value.name)} is not a user name. Use up to 32 lowercase letters, digits, "_" and "-", starting with a letter or "_", e.g. "nonroot".`);
  }
  if (value.home !== undefined) {
    checkPath(value.home, 'DistrolessDockerfile: user.home', { absolute: true });
  }
  return value;
}

function checkList(value: unknown, prop: string): unknown[] {
  if (value === undefined) { return []; }
  if (!Array.isArray(value)) {
    throw new Error(`DistrolessDockerfile: ${prop} must be a list, got ${show(value)}.`);
  }
  return value;
}

function checkMap(value: unknown, prop: string, checkKey: (k: unknown, what: string) => string): { [k: string]: unknown } {
  if (value === undefined) { return {}; }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`DistrolessDockerfile: ${prop} must be an object of names to string values, got ${show(value)}.`);
  }
  for (const key of Object.keys(value)) {
    checkKey(key, `DistrolessDockerfile: ${prop} name`);
  }
  return value as { [k: string]: unknown };
}

function checkLabels(value: unknown): { [k: string]: string } {
  const labels = checkMap(value, 'labels', checkLabelKey);
  const out: { [k: string]: string } = {};
  for (const [key, v] of Object.entries(labels)) {
    if (key === `${OCI}.base.name` || key === `${OCI}.base.digest`) {
      throw new Error(`DistrolessDockerfile: labels[${show(key)}] is written by the generator from the base image. Remove it; choose the base with baseImage.`);
    }
    if (key === `${OCI}.source` || key === `${OCI}.revision`) {
      throw new Error(`DistrolessDockerfile: labels[${show(key)}] has its own prop. Remove it and set ${key.endsWith('source') ? 'sourceUrl' : 'revision'} instead.`);
    }
    out[key] = checkText(v, `DistrolessDockerfile: labels[${show(key)}]`);
  }
  return out;
}

function checkPorts(value: unknown): number[] {
  const ports: number[] = [];
  checkList(value, 'exposedPorts').forEach((p, i) => {
    if (typeof p !== 'number' || !Number.isInteger(p) || p < 1 || p > 65535) {
      throw new Error(`DistrolessDockerfile: exposedPorts[${i}] ${show(p)} is not a port. Use a whole number from 1 to 65535, e.g. 8080.`);
    }
    if (!ports.includes(p)) { ports.push(p); }
  });
  return ports;
}

function checkWritablePaths(value: unknown): string[] {
  if (value === undefined) { return ['/tmp']; }
  const paths: string[] = [];
  checkList(value, 'writablePaths').forEach((p, i) => {
    const normalized = normalizeAbsolute(checkPath(p, `DistrolessDockerfile: writablePaths[${i}]`, { absolute: true }));
    if (!paths.includes(normalized)) { paths.push(normalized); }
  });
  return paths;
}

/**
 * A writable path is a volume: the platform mounts an empty, writable directory over it. Over the
 * workdir or the application's files it would make the code writable (or hide it under an empty
 * Kubernetes emptyDir); over a system directory it would make the system writable.
 */
function checkWritableOverlaps(writable: string[], workdir: string, copies: string[]): void {
  for (const w of writable) {
    const problem = _writablePathProblem(w, copies, workdir);
    if (problem) {
      throw new Error(`DistrolessDockerfile: writablePaths ${show(w)} ${problem} ${WRITABLE_FIX}`);
    }
  }
}

function checkMirrors(value: unknown): RegistryMirror[] {
  return checkList(value, 'registryMirrors').map((m, i) => {
    if (!(m instanceof RegistryMirror)) {
      throw new Error(`DistrolessDockerfile: registryMirrors[${i}] must be a RegistryMirror (RegistryMirror.of(upstream, mirror)), got ${show(m)}.`);
    }
    for (const [prefix, what] of [[m.upstreamPrefix, 'upstreamPrefix'], [m.mirrorPrefix, 'mirrorPrefix']]) {
      if (!/^[A-Za-z0-9][A-Za-z0-9._:/-]*$/.test(prefix)) {
        throw new Error(`DistrolessDockerfile: registryMirrors[${i}].${what} ${show(prefix)} is not a registry prefix that can be written into FROM. `
          + 'Use a registry host with an optional path of letters, digits, ".", "_", "-", ":" and "/", e.g. "registry.example.com/mirror".');
      }
    }
    return m;
  });
}

function withoutDigest(image: BaseImage): string {
  return image.reference.replace(/@sha256:[a-f0-9]{64}$/, '');
}

function isWithin(dest: string, dir: string): boolean {
  return dest === dir || dest.startsWith(`${dir}/`);
}

function renderCopy(copy: Copy, chown: ImageUser | undefined): string {
  const flags = [copy.from ? `--from=${copy.from}` : undefined, chown ? `--chown=${chown.uid}:${chown.gid}` : undefined].filter(f => f);
  return `COPY ${flags.map(f => `${f} `).join('')}${copy.src} ${copy.dest}`;
}

interface Rootfs {
  readonly stage: Stage;
  readonly copies: string[];
}

/**
 * The helper stage that prepares what the final base lacks: writable directories owned by the
 * user and, for scratch, /etc/passwd, /etc/group, CA certificates, a home directory and /tmp.
 *
 * The skeleton is copied as the contents of /rootfs, because COPY keeps the ownership and mode
 * of what it copies from a stage but not of the directory named as source: so /tmp stays 1777
 * and the home 0700. Writable directories are copied one by one with --chown, which sets the
 * owner of the directory COPY creates.
 */
function rootfsStage(base: BaseImage, user: ImageUser, writablePaths: string[], plan: RuntimePlan): Rootfs | undefined {
  const scratch = base.isScratch || base.facts.hasPasswd === false;
  const needTmp = base.isScratch || base.facts.hasTmp === false;
  const owned = writablePaths.filter(p => p !== '/tmp');
  if (!scratch && !needTmp && owned.length === 0) { return undefined; }

  // scratch needs the shell image's CA bundle; Alpine has one when the builder does not.
  const shell = plan.shellImage && plan.shellImage.facts.hasShell && (!scratch || plan.shellImage.facts.hasCaCertificates !== false)
    ? plan.shellImage : BaseImage.alpine();
  const chown = `${user.uid}:${user.gid}`;
  const commands: string[] = [];
  const copies: string[] = [];
  if (scratch) {
    const name = user.name ?? 'nonroot';
    const home = user.home ?? `/home/${name}`;
    const passwd = [['root', 0, 0, '/root'], ['nobody', 65534, 65534, '/nonexistent'], [name, user.uid, user.gid, home]] as Array<[string, number, number, string]>;
    const entries = passwd.filter((e, i) => i === passwd.length - 1 || (e[0] !== name && e[1] !== user.uid));
    const groups = entries.filter((e, i) => entries.findIndex(o => o[2] === e[2]) === i);
    commands.push(
      `mkdir -p /rootfs/etc/ssl/certs /rootfs${home}`,
      `printf '%s\\n' ${entries.map(([n, u, g, h]) => `'${n}:x:${u}:${g}:${n}:${h}:/sbin/nologin'`).join(' ')} > /rootfs/etc/passwd`,
      `printf '%s\\n' ${groups.map(([n, , g]) => `'${n}:x:${g}:'`).join(' ')} > /rootfs/etc/group`,
      'cp /etc/ssl/certs/ca-certificates.crt /rootfs/etc/ssl/certs/',
      `chown ${chown} /rootfs${home} && chmod 0700 /rootfs${home}`,
    );
  }
  if (needTmp) {
    commands.push('mkdir -p /rootfs/tmp && chmod 1777 /rootfs/tmp');
  }
  if (scratch || needTmp) {
    copies.push(`COPY --from=${ROOTFS} /rootfs/ /`);
  }
  if (owned.length > 0) {
    const dirs = owned.map(d => `/writable${d}`).join(' ');
    commands.push(`mkdir -p ${dirs}`, `chown ${chown} ${dirs}`);
    for (const d of owned) {
      copies.push(`COPY --from=${ROOTFS} --chown=${chown} /writable${d} ${d}`);
    }
  }
  return {
    stage: {
      name: ROOTFS,
      image: shell,
      lines: [
        scratch
          ? '# What scratch lacks: passwd and group with the runtime user, CA certificates, a home and /tmp; and the writable directories.'
          : needTmp
            ? '# /tmp (1777), which the base lacks, and the writable directories, owned by the runtime user.'
            : '# Writable directories, owned by the runtime user (a fresh volume would be root-owned otherwise).',
        `RUN ${commands.join(' \\\n    && ')}`,
      ],
    },
    copies,
  };
}
