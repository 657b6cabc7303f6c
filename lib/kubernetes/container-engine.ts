import * as childProcess from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DistrolessImage, StagedBuildContext } from '../workload';

/** Options for a container engine CLI. */
export interface ContainerEngineOptions {
  /**
   * The program to run: a name looked up on PATH, or a path.
   * @default - 'docker' for docker(), 'podman' for podman(); fromPath() takes the first of them on PATH
   */
  readonly executable?: string;
  /**
   * Verify the registry's TLS certificate when pushing. Only podman can turn it off (docker takes
   * insecure registries from its daemon configuration); turn it off only for a registry on 127.0.0.1.
   * @default true
   */
  readonly tlsVerify?: boolean;
  /**
   * Extra flags for `build`, placed before the build context, e.g. ['--pull=never', '--network', 'none'].
   * @default - none
   */
  readonly buildFlags?: string[];
}

/**
 * Runs a program and returns its standard output; throws when it exits non-zero.
 * @internal
 */
export interface _CommandRunner {
  run(executable: string, args: string[]): string;
}

const EXEC_RUNNER: _CommandRunner = {
  run(executable, args) {
    // Build and push progress goes to the user's terminal; only stdout is captured.
    return childProcess.execFileSync(executable, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
  },
};

/**
 * The docker or podman CLI, for the opt-in build and push during synthesis: cdk8s has no asset
 * system, so a Kubernetes construct given one builds the staged context, pushes it to the
 * repository you name and pins the manifest to the pushed digest.
 */
export class ContainerEngine {
  /** The docker CLI. */
  public static docker(options: ContainerEngineOptions = {}): ContainerEngine {
    return new ContainerEngine('docker', options ?? {});
  }

  /** The podman CLI. */
  public static podman(options: ContainerEngineOptions = {}): ContainerEngine {
    return new ContainerEngine('podman', options ?? {});
  }

  /**
   * docker, or podman when there is no docker, whichever is found on PATH first. Fails when neither is.
   */
  public static fromPath(options: ContainerEngineOptions = {}): ContainerEngine {
    for (const name of ['docker', 'podman']) {
      const found = findOnPath(name);
      if (found) { return new ContainerEngine(name, { ...options, executable: options?.executable ?? found }); }
    }
    throw new Error(`ContainerEngine.fromPath: neither docker nor podman is on PATH (${process.env.PATH ?? ''}). Install one, or name it with ContainerEngine.podman({ executable: '/path/to/podman' }).`);
  }

  /**
   * The same engine with another command runner (tests record the commands instead of running them).
   * @internal
   */
  public static _withRunner(engine: ContainerEngine, runner: _CommandRunner): ContainerEngine {
    return new ContainerEngine(engine.name, { executable: engine.executable, tlsVerify: engine.tlsVerify, buildFlags: engine.buildFlags }, runner);
  }

  /** 'docker' or 'podman': which CLI dialect is spoken. */
  public readonly name: string;
  /** The program run. */
  public readonly executable: string;
  /** Whether pushes verify TLS. */
  public readonly tlsVerify: boolean;
  /** Extra build flags. */
  public readonly buildFlags: string[];
  private readonly runner: _CommandRunner;

  private constructor(name: string, options: ContainerEngineOptions, runner: _CommandRunner = EXEC_RUNNER) {
    this.name = name;
    if (options.executable !== undefined && (typeof options.executable !== 'string' || options.executable.length === 0)) {
      throw new Error(`ContainerEngine.${name}: executable ${JSON.stringify(options.executable)} must be a program name or path, e.g. '/usr/bin/${name}'.`);
    }
    this.executable = options.executable ?? name;
    this.tlsVerify = options.tlsVerify ?? true;
    if (!this.tlsVerify && name === 'docker') {
      throw new Error('ContainerEngine.docker: tlsVerify: false is not a docker CLI option; docker reads insecure registries from its daemon configuration (insecure-registries). Remove tlsVerify, or use ContainerEngine.podman().');
    }
    if (options.buildFlags !== undefined && (!Array.isArray(options.buildFlags) || options.buildFlags.some(f => typeof f !== 'string'))) {
      throw new Error(`ContainerEngine.${name}: buildFlags ${JSON.stringify(options.buildFlags)} must be a list of strings, e.g. ['--pull=never'].`);
    }
    this.buildFlags = [...(options.buildFlags ?? [])];
    this.runner = runner;
  }

  /**
   * The commands that build `context` as `repository:tag` and push it, in order.
   * @internal
   */
  public _commands(image: DistrolessImage, context: StagedBuildContext, ref: string, platform: string, digestFile: string): string[][] {
    const build = ['build', '-t', ref, '-f', path.join(context.directory, context.dockerfile), '--platform', `linux/${platform}`];
    if (image.target) { build.push('--target', image.target); }
    for (const [k, v] of Object.entries(image.buildArgs)) { build.push('--build-arg', `${k}=${v}`); }
    for (const [id, src] of Object.entries(image.buildSecrets)) { build.push('--secret', `id=${id},src=${src}`); }
    build.push(...this.buildFlags, context.directory);
    const push = this.name === 'podman'
      ? ['push', ...(this.tlsVerify ? [] : ['--tls-verify=false']), '--digestfile', digestFile, ref]
      : ['push', ref];
    return [build, push];
  }

  /**
   * Builds the staged context, pushes it as `repository:tag` and returns `repository@sha256:...`.
   * @internal
   */
  public _buildAndPush(image: DistrolessImage, context: StagedBuildContext, repository: string, tag: string, platform: string): string {
    const ref = `${repository}:${tag}`;
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-distroless-push-'));
    const digestFile = path.join(tmp, 'digest');
    try {
      const [build, push] = this._commands(image, context, ref, platform, digestFile);
      this.run(build, ref);
      const out = this.run(push, ref);
      // podman writes the digest to --digestfile; docker prints "<tag>: digest: sha256:... size: N".
      const text = fs.existsSync(digestFile) ? fs.readFileSync(digestFile, 'utf8') : out;
      const digest = /sha256:[a-f0-9]{64}/.exec(text)?.[0];
      if (!digest) {
        throw new Error(`ContainerEngine: ${this.executable} pushed ${ref} but reported no digest (output: ${JSON.stringify(out.slice(-300))}). Check that the push reached the registry.`);
      }
      return `${repository}@${digest}`;
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }

  private run(args: string[], ref: string): string {
    try {
      return this.runner.run(this.executable, args);
    } catch (e) {
      throw new Error(`ContainerEngine: \`${[this.executable, ...args].join(' ')}\` failed for ${ref}: ${(e as Error).message}. Fix the build or the registry access, or drop buildAndPush to only stage the context.`);
    }
  }
}

function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) { continue; }
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) { return candidate; }
    } catch {
      // not here
    }
  }
  return undefined;
}
