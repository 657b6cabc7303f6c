// Builds every example app with the generated Dockerfile on the local stand-in images and runs it
// the way ECS and Kubernetes would: read-only root filesystem, numeric non-root user, no
// capabilities, no new privileges, no network, writable paths mounted. Start it with
// `bash test/integ/images/run.sh` (node:test, TAP output).
import * as fs from 'fs';
import * as assert from 'node:assert/strict';
import { after, describe, it, TestContext } from 'node:test';
import * as path from 'path';
import { CASES, DATA_DIR, ImageCase, PORT, prepareContext, runHardened, touchSource, waitForHealthz } from './cases';
import {
  build, Build, BuildStep, curlInside, existsIn, ImageConfig, imageConfig, imageSize, podman, podmanOk,
  requirePrivatePodman, sh, tail, withMountedImage,
} from './podman';
import { standinSuite } from './standin-checks';
import { DistrolessDockerfile, DockerfilePolicy } from '../../../lib';

requirePrivatePodman();

const REPO = path.resolve(__dirname, '..', '..', '..');
const WORK = process.env.IMAGES_WORK ?? fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'cdl-images-'));
const ONLY = (process.env.IMAGES_ONLY ?? '').split(',').filter(s => s);
const SHELLS = ['/bin/sh', '/usr/bin/sh', '/bin/bash', '/usr/bin/bash', '/bin/dash', '/usr/bin/dash', '/bin/ash',
  '/bin/busybox', '/usr/bin/busybox'];
const PACKAGE_MANAGERS = ['/usr/bin/apt', '/usr/bin/apt-get', '/usr/bin/dpkg', '/sbin/apk', '/usr/bin/microdnf', '/usr/bin/yum', '/usr/bin/dnf'];

interface Summary {
  name: string;
  finalImage: string;
  builder?: string;
  sizeBytes?: number;
  buildSeconds?: number;
  rebuildSeconds?: number;
  cachedAfterChange?: string[];
  lintWarnings?: number;
}
const summaries: Summary[] = [];
const contexts: string[] = [];

if (ONLY.length === 0 || ONLY.includes('standins')) {
  standinSuite();
}
for (const c of CASES.filter(k => ONLY.length === 0 || ONLY.includes(k.name))) {
  void describe(c.name, { skip: c.skip }, () => imageCase(c));
}

function imageCase(c: ImageCase): void {
  const tag = `localhost/cdl-test/${c.name}:latest`;
  const container = `cdl-test-${c.name}`;
  const context = path.join(WORK, 'contexts', c.name);
  const logs = path.join(WORK, 'logs');
  const summary: Summary = { name: c.name, finalImage: '' };
  summaries.push(summary);
  let dockerfile: DistrolessDockerfile | undefined;
  let first: Build | undefined;
  let config: ImageConfig | undefined;
  let running = false;

  const needs = (t: TestContext, ok: unknown, what: string): boolean => {
    if (!ok) { t.skip(`${what} failed earlier`); }
    return !!ok;
  };
  const argv = (...extra: string[]) => [...(config!.Entrypoint ?? []), ...(config!.Cmd ?? []), ...extra];
  const exec = (...extra: string[]) => podman(['exec', container, ...argv(...extra)], { timeoutSeconds: 60 });

  after(() => {
    podman(['rm', '-f', '-v', '-t', '0', container]);
  });

  void it('generates a Dockerfile that cdk-distroless lint accepts', () => {
    dockerfile = prepareContext(c, context);
    contexts.push(context);
    summary.finalImage = dockerfile.finalImage.reference;
    summary.builder = dockerfile.builderImage?.reference;
    const result = new DockerfilePolicy().lint(dockerfile.render(), `${c.name}/Dockerfile`);
    summary.lintWarnings = result.warningCount;
    assert.equal(result.errorCount, 0, DockerfilePolicy.format(result));
    if (c.expectNoWarnings) { assert.equal(result.warningCount, 0, DockerfilePolicy.format(result)); }
  });

  void it('builds with --pull=never --network none', (t) => {
    if (!needs(t, dockerfile, 'generating the Dockerfile')) { return; }
    podman(['rmi', '-f', tag]);
    first = build(tag, context, { noCache: true, logFile: path.join(logs, `${c.name}-build.log`) });
    summary.buildSeconds = round(first.seconds);
    assert.ok(first.ok, `podman build failed:\n${tail(first.log)}`);
    summary.sizeBytes = imageSize(tag);
    config = imageConfig(tag);
  });

  void it('has a numeric non-root USER and an exec-form ENTRYPOINT', (t) => {
    if (!needs(t, config, 'the build')) { return; }
    const user = /^(\d+):(\d+)$/.exec(config!.User);
    assert.ok(user, `USER ${JSON.stringify(config!.User)} is not numeric uid:gid`);
    assert.notEqual(Number(user[1]), 0, 'USER is root');
    assert.equal(Number(user[1]), dockerfile!.user.uid);
    const entrypoint = config!.Entrypoint ?? [];
    assert.ok(entrypoint.length > 0, 'no ENTRYPOINT');
    assert.ok(entrypoint[0].startsWith('/') && !SHELLS.includes(entrypoint[0]), `ENTRYPOINT ${JSON.stringify(entrypoint)} is not an exec-form program path`);
    assert.match(dockerfile!.render(), /^ENTRYPOINT \[/m);
    withMountedImage(tag, root => assert.ok(existsIn(root, entrypoint[0]), `${entrypoint[0]} is not in the image`));
    // The OCI config as a registry would serve it, read by another tool than podman.
    const oci = sh('skopeo', ['inspect', '--config', `containers-storage:${tag}`]);
    assert.equal(oci.status, 0, oci.stderr);
    const ociConfig = JSON.parse(oci.stdout).config;
    assert.equal(ociConfig.User, config!.User);
    assert.deepEqual(ociConfig.Entrypoint, entrypoint);
  });

  void it('has no shell and no package manager', (t) => {
    if (!needs(t, config, 'the build')) { return; }
    const found = withMountedImage(tag, root => [...SHELLS, ...PACKAGE_MANAGERS].filter(f => existsIn(root, f)));
    assert.deepEqual(found, []);
    const shell = podman(['run', '--rm', '--pull=never', '--network', 'none', '--entrypoint', '/bin/sh', tag, '-c', 'true']);
    assert.notEqual(shell.status, 0, 'podman run --entrypoint /bin/sh succeeded');
  });

  void it('starts hardened: read-only root, image user, no capabilities, no new privileges, no network', (t) => {
    if (!needs(t, config, 'the build')) { return; }
    runHardened(container, tag, config!.User);
    waitForHealthz(container);
    running = true;
    const inspect = JSON.parse(podmanOk(['inspect', '--format', '{{json .HostConfig}}', container], 'inspecting').stdout);
    assert.equal(inspect.ReadonlyRootfs, true);
    assert.deepEqual(inspect.CapAdd ?? [], []);
  });

  void it('serves GET /healthz inside its network namespace, as the image user, with the CA bundle', (t) => {
    if (!needs(t, running, 'starting the container')) { return; }
    const { code, body } = curlInside(container, `http://127.0.0.1:${PORT}/healthz`);
    assert.equal(code, 200, body);
    const health = JSON.parse(body);
    assert.equal(health.status, 'ok');
    assert.equal(health.runtime, c.runtime);
    assert.equal(Number(health.uid), dockerfile!.user.uid);
    assert.ok(health.caBundleBytes > 100_000, `CA bundle is ${health.caBundleBytes} bytes`);
    assert.deepEqual(health.wrote.map((w: string) => path.dirname(w)), ['/tmp', DATA_DIR]);
  });

  void it('answers its own health check through podman exec (no shell needed)', (t) => {
    if (!needs(t, running, 'starting the container')) { return; }
    const r = exec('--check');
    assert.equal(r.status, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /"status": ?"ok"/);
  });

  void it('cannot write to / or to its application directory', (t) => {
    if (!needs(t, running, 'starting the container')) { return; }
    for (const file of ['/probe.txt', `${dockerfile!.workdir}/probe.txt`]) {
      const r = exec('--try-write', file);
      assert.notEqual(r.status, 0, `wrote ${file}`);
      assert.match(r.stderr, /read-only file system/i);
    }
  });

  void it('writes to its declared writable paths', (t) => {
    if (!needs(t, running, 'starting the container')) { return; }
    assert.deepEqual(Object.keys(config!.Volumes ?? {}).sort(), [DATA_DIR, '/tmp'].sort());
    for (const dir of ['/tmp', DATA_DIR]) {
      const r = exec('--try-write', `${dir}/probe.txt`);
      assert.equal(r.status, 0, r.stderr);
    }
  });

  void it('reuses the dependency layers after a source-only change', (t) => {
    if (!needs(t, first?.ok, 'the build')) { return; }
    if (!c.sourceFile) { t.skip('nothing is built from sources: the image only copies a prebuilt binary'); return; }
    // The --no-cache build above made fresh copies of steps other suites share (FROM, WORKDIR /src: the ECS
    // and probe cases build Go apps too), and buildah may match an older copy next time: one cached build
    // first settles which parent the dependency layers hang from, as the previous commit's build does in CI.
    const primed = build(tag, context, { logFile: path.join(logs, `${c.name}-primed.log`) });
    assert.ok(primed.ok, `cached build failed:\n${tail(primed.log)}`);
    touchSource(c, context);
    const again = build(tag, context, { logFile: path.join(logs, `${c.name}-rebuild.log`) });
    summary.rebuildSeconds = round(again.seconds);
    assert.ok(again.ok, `rebuild failed:\n${tail(again.log)}`);
    summary.cachedAfterChange = again.steps.filter(s => s.cached && !/^FROM /.test(s.instruction)).map(describeStep);
    // The sources are copied anew (the change was seen; a comment may still compile to the same binary)...
    const stage = again.steps.filter(s => s.stage === 1);
    const sources = stage.findIndex(s => /^COPY (\. \.|src )/.test(s.instruction));
    assert.ok(sources > 0, `no source COPY in the build stage: ${stage.map(describeStep).join('; ')}`);
    assert.equal(stage[sources].cached, false, 'the changed sources were not copied again');
    // ...while everything of the build stage before them comes from the cache,
    const uncached = stage.slice(1, sources).filter(s => !s.cached);
    assert.deepEqual(uncached.map(describeStep), [], 'steps before the source COPY were rebuilt');
    // the dependency steps by name, and every step of a stage that reads no sources.
    for (const pattern of c.dependencySteps) {
      const step = again.steps.find(s => pattern.test(s.instruction));
      assert.ok(step, `no step matches ${pattern}`);
      assert.ok(step.cached, `${describeStep(step)} was rebuilt`);
    }
    const rootfs = again.steps.filter(s => s.stage > 1 && /^RUN mkdir -p \/(writable|rootfs)/.test(s.instruction));
    assert.ok(rootfs.every(s => s.cached), 'the writable-directory stage was rebuilt');
  });
}

void describe('cdk-distroless lint CLI', () => {
  void it('exits 0 on every generated Dockerfile', (t) => {
    const files = contexts.map(d => path.join(d, 'Dockerfile')).filter(f => fs.existsSync(f));
    if (files.length === 0) { t.skip('no Dockerfile was generated'); return; }
    const r = sh(process.execPath, ['-r', 'ts-node/register', path.join(REPO, 'bin', 'cdk-distroless'), 'lint', ...files]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });
});

after(() => {
  const rows = summaries.filter(s => s.finalImage);
  if (rows.length > 0) {
    console.log('# image results');
    for (const s of rows) {
      console.log(`#   ${s.name.padEnd(15)} ${mb(s.sizeBytes).padStart(9)}  build ${secs(s.buildSeconds)}  rebuild ${secs(s.rebuildSeconds)}  `
        + `lint warnings ${s.lintWarnings ?? '-'}  on ${s.finalImage}`);
      if (s.cachedAfterChange?.length) { console.log(`#     cached after a source change: ${s.cachedAfterChange.join(' | ')}`); }
    }
    fs.writeFileSync(path.join(WORK, 'results.json'), JSON.stringify(rows, undefined, 2));
  }
  if (process.env.IMAGES_KEEP_TEST_IMAGES !== '1') {
    for (const s of summaries) { podman(['rmi', '-f', `localhost/cdl-test/${s.name}:latest`]); }
    podman(['image', 'prune', '-f']);
  }
});

function describeStep(s: BuildStep): string {
  return `[${s.stage}] ${s.instruction.split('\n')[0].slice(0, 70)}`;
}
function round(n: number): number { return Math.round(n * 10) / 10; }
function mb(n?: number): string { return n === undefined ? '-' : `${(n / 1e6).toFixed(1)} MB`; }
function secs(n?: number): string { return n === undefined ? '   -  ' : `${n.toFixed(1).padStart(5)} s`; }
