// Thin helpers around podman for the image tests and the image-size bench. They expect the
// environment run.sh sets up (CONTAINERS_CONF, CONTAINERS_STORAGE_CONF: private storage).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export interface Result {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

/** Runs a command to completion; never throws on a non-zero exit (callers assert). */
export function sh(command: string, args: string[], options: { input?: string; timeoutSeconds?: number } = {}): Result {
  const started = process.hrtime.bigint();
  const r = spawnSync(command, args, {
    encoding: 'utf8',
    input: options.input,
    timeout: (options.timeoutSeconds ?? 1800) * 1000,
    maxBuffer: 256 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.error) {
    return { status: 127, stdout: r.stdout ?? '', stderr: `${r.stderr ?? ''}\n${command}: ${r.error.message}`, seconds };
  }
  return { status: r.status ?? 128, stdout: r.stdout, stderr: r.stderr, seconds };
}

export function podman(args: string[], options: { input?: string; timeoutSeconds?: number } = {}): Result {
  return sh('podman', args, options);
}

/** Runs podman and throws with its output when it fails. */
export function podmanOk(args: string[], what: string): Result {
  const r = podman(args);
  if (r.status !== 0) {
    throw new Error(`${what} failed (podman ${args.join(' ')} exited ${r.status}):\n${tail(r.stderr || r.stdout)}`);
  }
  return r;
}

export function tail(text: string, lines = 40): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** Fails early with a clear message when the tests are not started through run.sh. */
export function requirePrivatePodman(): void {
  for (const name of ['CONTAINERS_CONF', 'CONTAINERS_STORAGE_CONF']) {
    if (!process.env[name]) {
      throw new Error(`${name} is not set: start the image tests with \`bash test/integ/images/run.sh\`, which sets up podman's private storage.`);
    }
  }
}

/** One step of a buildah build log and whether it came from the cache. */
export interface BuildStep {
  readonly stage: number;
  readonly instruction: string;
  readonly cached: boolean;
}

export interface Build {
  readonly ok: boolean;
  readonly seconds: number;
  readonly steps: BuildStep[];
  readonly log: string;
}

/** `podman build --pull=never --network none`, the log written next to the context. */
export function build(tag: string, contextDir: string, options: { noCache?: boolean; file?: string; logFile?: string } = {}): Build {
  const args = ['build', '--pull=never', '--network', 'none', '--layers', '-t', tag];
  if (options.noCache) { args.push('--no-cache'); }
  if (options.file) { args.push('-f', options.file); }
  args.push(contextDir);
  const r = podman(args);
  const log = `${r.stdout}\n${r.stderr}`;
  if (options.logFile) {
    fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
    fs.writeFileSync(options.logFile, `$ podman ${args.join(' ')}\n${log}`);
  }
  return { ok: r.status === 0, seconds: r.seconds, steps: parseSteps(log), log };
}

/** Buildah prints `[2/3] STEP 4/6: RUN ...` per step and `--> Using cache <id>` when it reuses one. */
export function parseSteps(log: string): BuildStep[] {
  const steps: Array<{ stage: number; instruction: string; cached: boolean }> = [];
  for (const line of log.split('\n')) {
    const step = /^(?:\[(\d+)\/\d+\] )?STEP \d+\/\d+: (.*)$/.exec(line);
    if (step) {
      steps.push({ stage: step[1] ? Number(step[1]) : 1, instruction: step[2], cached: false });
    } else if (/^--> Using cache /.test(line) && steps.length > 0) {
      steps[steps.length - 1].cached = true;
    }
  }
  return steps;
}

export interface ImageConfig {
  readonly User: string;
  readonly Entrypoint: string[] | null;
  readonly Cmd: string[] | null;
  readonly WorkingDir: string;
  readonly Env: string[];
  readonly Volumes?: { [path: string]: unknown };
  readonly Labels?: { [name: string]: string };
}

export function imageConfig(image: string): ImageConfig {
  const r = podmanOk(['image', 'inspect', '--format', '{{json .Config}}', image], `inspecting ${image}`);
  return JSON.parse(r.stdout);
}

/** Image size in bytes as podman reports it (the uncompressed layers). */
export function imageSize(image: string): number {
  return Number(podmanOk(['image', 'inspect', '--format', '{{.Size}}', image], `sizing ${image}`).stdout.trim());
}

/** Mounts the image's filesystem read-only on the host, calls fn with its path, unmounts. */
export function withMountedImage<T>(image: string, fn: (root: string) => T): T {
  const root = podmanOk(['image', 'mount', image], `mounting ${image}`).stdout.trim();
  try {
    return fn(root);
  } finally {
    podman(['image', 'unmount', image]);
  }
}

/** Whether a path exists in a mounted image, without following a final symlink out of it. */
export function existsIn(root: string, file: string): boolean {
  try {
    fs.lstatSync(path.join(root, file));
    return true;
  } catch {
    return false;
  }
}

/** The container's main process id on the host, for nsenter. */
export function containerPid(name: string): number {
  return Number(podmanOk(['inspect', '--format', '{{.State.Pid}}', name], `inspecting container ${name}`).stdout.trim());
}

/**
 * GET a URL from inside the container's network namespace (the container runs with
 * --network none, so only its own loopback reaches the app): nsenter plus the host's curl.
 */
export function curlInside(name: string, url: string): { code: number; body: string } {
  const pid = containerPid(name);
  const r = sh('nsenter', ['-n', '-t', String(pid), 'curl', '-s', '-m', '3', '-o', '-', '-w', '\n%{http_code}', url]);
  const lines = r.stdout.trimEnd().split('\n');
  const code = Number(lines.pop() ?? 0);
  return { code: r.status === 0 ? code : 0, body: lines.join('\n') };
}

export function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
