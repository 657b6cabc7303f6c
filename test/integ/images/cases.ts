// The example applications the image tests build with the generator: one per runtime.
// Each becomes a build context (the app's sources plus the generated Dockerfile and
// .dockerignore) in a scratch folder, so the repository is never written to.
import * as fs from 'fs';
import * as assert from 'node:assert/strict';
import * as path from 'path';
import { curlInside, podman, podmanOk, sleep, tail } from './podman';
import { BaseImage, DistrolessDockerfile, DistrolessDockerfileProps, JavaBuild, Runtime } from '../../../lib';

export const APPS_DIR = path.join(__dirname, 'apps');
/** Where every app writes besides /tmp (env APP_DATA_DIR of the apps defaults to it). */
export const DATA_DIR = '/var/cache/app';
export const PORT = 8080;

export interface ImageCase {
  /** Test and image name. */
  readonly name: string;
  /** App sources under apps/, copied into the context; none when prepare() makes the context. */
  readonly app?: string;
  /** What the healthz answer names as its runtime. */
  readonly runtime: string;
  /** A source file (relative to the context) to edit for the source-only rebuild; none when nothing is built. */
  readonly sourceFile?: string;
  /** Build steps that fetch dependencies and must come from the cache after a source-only change. */
  readonly dependencySteps: RegExp[];
  /** Why the case cannot run here. */
  readonly skip?: string;
  /** The policy must not even warn (every image pinned). */
  readonly expectNoWarnings?: boolean;
  /** The generator's props (writable paths and port are added). */
  props(): DistrolessDockerfileProps;
  /** Puts build inputs that are not sources (a prebuilt binary) into the context. */
  prepare?(contextDir: string): void;
}

const GO_BUILDER = 'golang:1.25-trixie';

export const CASES: ImageCase[] = [
  {
    name: 'go',
    app: 'go',
    runtime: 'go',
    props: () => ({ runtime: Runtime.go() }),
    sourceFile: 'main.go',
    dependencySteps: [/^COPY go\.\* /, /^RUN go mod download/],
  },
  {
    name: 'go-cgo',
    app: 'go',
    runtime: 'go',
    // With cgo the binary links glibc (net uses the C resolver): distroless/base.
    props: () => ({ runtime: Runtime.go({ cgo: true }) }),
    sourceFile: 'main.go',
    dependencySteps: [/^COPY go\.\* /, /^RUN go mod download/],
  },
  {
    name: 'go-pinned',
    app: 'go',
    runtime: 'go',
    // Every FROM pinned by digest, as the policy recommends: the digests of the local stand-ins.
    props: () => ({
      runtime: Runtime.go({ builderImage: BaseImage.golang().withDigest(localDigest(`docker.io/library/${BaseImage.golang().reference}`)) }),
      baseImage: BaseImage.googleStatic().withDigest(localDigest(BaseImage.googleStatic().reference)),
    }),
    sourceFile: 'main.go',
    dependencySteps: [/^COPY go\.\* /, /^RUN go mod download/],
    expectNoWarnings: true,
  },
  {
    name: 'nodejs',
    app: 'nodejs',
    runtime: 'nodejs',
    props: () => ({ runtime: Runtime.nodejs() }),
    sourceFile: 'index.js',
    dependencySteps: [/^COPY package\*\.json /, /npm ci/],
  },
  {
    name: 'python',
    app: 'python',
    runtime: 'python',
    props: () => ({ runtime: Runtime.python() }),
    sourceFile: 'main.py',
    dependencySteps: [/^COPY requirements\.txt /, /pip install/],
  },
  {
    name: 'java',
    app: 'java',
    runtime: 'java',
    // Maven needs Maven Central for its plugins even without dependencies: javac builds offline.
    props: () => ({ runtime: Runtime.javaJar({ buildTool: JavaBuild.JAVAC }) }),
    sourceFile: 'src/Main.java',
    dependencySteps: [],
  },
  {
    name: 'java-jlink',
    app: 'java',
    runtime: 'java',
    props: () => ({ runtime: Runtime.javaJlink({ buildTool: JavaBuild.JAVAC, modules: ['java.base', 'jdk.httpserver'] }) }),
    sourceFile: 'src/Main.java',
    // The jlink stage depends on no source: it must be reused whole.
    dependencySteps: [/^RUN .*jlink/],
  },
  {
    name: 'cpp',
    app: 'cpp',
    runtime: 'cpp',
    props: () => ({ runtime: Runtime.cpp() }),
    sourceFile: 'main.cpp',
    dependencySteps: [],
  },
  {
    name: 'rust',
    app: 'rust',
    runtime: 'rust',
    props: () => ({ runtime: Runtime.rust() }),
    sourceFile: 'src/main.rs',
    dependencySteps: [/^COPY Cargo\.toml Cargo\.lock /, /cargo fetch/],
  },
  {
    name: 'static-scratch',
    runtime: 'go',
    props: () => ({ runtime: Runtime.staticBinary(), baseImage: BaseImage.scratch() }),
    dependencySteps: [],
    prepare(contextDir: string) {
      // A static binary built elsewhere (as CI would): the Go app, without cgo, on the Go stand-in.
      podmanOk(['run', '--rm', '--pull=never', '--network', 'none',
        '-v', `${path.join(APPS_DIR, 'go')}:/src:ro`, '-v', `${contextDir}:/out`, '-w', '/src',
        '-e', 'CGO_ENABLED=0', '-e', 'GOCACHE=/tmp/go-cache',
        GO_BUILDER, 'go', 'build', '-trimpath', '-ldflags=-s -w', '-o', '/out/app', '.'], 'building the static binary');
    },
  },
  {
    name: 'dotnet',
    runtime: 'dotnet',
    props: () => ({ runtime: Runtime.dotnet() }),
    dependencySteps: [],
    skip: '.NET has no Debian package (the SDK and runtimes come from Microsoft\'s feeds and mcr.microsoft.com, neither reachable here), so no stand-in for mcr.microsoft.com/dotnet/sdk or the chiseled runtime can be built',
  },
];

/** The generator's Dockerfile for a case, as the tests build it; `extra` adds generator options (e.g. healthProbe). */
export function dockerfileFor(c: ImageCase, extra: Partial<DistrolessDockerfileProps> = {}): DistrolessDockerfile {
  return new DistrolessDockerfile({ ...c.props(), writablePaths: ['/tmp', DATA_DIR], exposedPorts: [PORT], ...extra });
}

/** A fresh build context for a case: the app's sources and every generated file (Dockerfile, .dockerignore, ...). */
export function prepareContext(c: ImageCase, contextDir: string, extra: Partial<DistrolessDockerfileProps> = {}): DistrolessDockerfile {
  fs.rmSync(contextDir, { recursive: true, force: true });
  fs.mkdirSync(contextDir, { recursive: true });
  if (c.app) {
    fs.cpSync(path.join(APPS_DIR, c.app), contextDir, { recursive: true });
  }
  const dockerfile = dockerfileFor(c, extra);
  dockerfile.writeTo(contextDir);
  c.prepare?.(contextDir);
  return dockerfile;
}

/** A source-only change: a comment appended to the case's source file. */
export function touchSource(c: ImageCase, contextDir: string): void {
  if (!c.sourceFile) { return; }
  const file = path.join(contextDir, c.sourceFile);
  const comment = c.sourceFile.endsWith('.py') ? '#' : '//';
  fs.appendFileSync(file, `${comment} source-only change ${Date.now()}\n`);
}

/** The manifest digest of a local image, for FROM lines pinned by digest. */
export function localDigest(reference: string): string {
  return podmanOk(['image', 'inspect', '--format', '{{.Digest}}', reference], `reading the digest of ${reference}`).stdout.trim();
}

/**
 * `podman run -d` of a case's image as ECS and Kubernetes run it hardened: read-only root, the image
 * user, no capabilities, no new privileges, no network, /tmp as tmpfs and DATA_DIR as a volume (as a
 * Kubernetes emptyDir or an ECS task volume, which copies a VOLUME's ownership, would mount them).
 * `extra` goes before the image (e.g. --health-cmd). Replaces a container of the same name.
 */
export function runHardened(container: string, image: string, user: string, extra: string[] = []): void {
  podman(['rm', '-f', '-v', '-t', '0', container]);
  podmanOk(['run', '-d', '--name', container, '--pull=never', '--read-only', '--read-only-tmpfs=false',
    '--user', user, '--cap-drop', 'ALL', '--security-opt', 'no-new-privileges', '--network', 'none',
    '--tmpfs', '/tmp:rw,nosuid,nodev,mode=1777,size=64m', '-v', DATA_DIR, ...extra, image], 'starting the container');
}

/** Waits up to 90 s until the app answers GET /healthz on PORT; fails with its logs if the container stops. */
export function waitForHealthz(container: string): void {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const state = podman(['inspect', '--format', '{{.State.Running}}', container]).stdout.trim();
    if (state !== 'true') {
      assert.fail(`the container stopped:\n${tail(podman(['logs', container]).stdout + podman(['logs', container]).stderr)}`);
    }
    if (curlInside(container, `http://127.0.0.1:${PORT}/healthz`).code !== 0) { return; }
    if (Date.now() > deadline) { assert.fail(`no answer on port ${PORT} within 90 s`); }
    sleep(250);
  }
}
