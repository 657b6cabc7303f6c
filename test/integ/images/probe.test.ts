// The built-in health probe (`healthProbe: true`) in real images: built on the stand-ins, run
// hardened as images.test.ts runs them, and checked with `podman exec <ctr> /cdk-distroless/probe ...`
// (no shell involved) while the app is healthy and against a wrong path and a closed port. Also
// measures what the probe adds: the binary and the image size with and without it.
// Cases: probe-go, probe-nodejs, probe-java, probe-static-scratch (IMAGES_ONLY: those names, the
// plain case names, or `probe` for all four).
import * as fs from 'fs';
import * as assert from 'node:assert/strict';
import { after, describe, it, TestContext } from 'node:test';
import * as path from 'path';
import { CASES, dockerfileFor, ImageCase, PORT, prepareContext, runHardened, waitForHealthz } from './cases';
import {
  build, curlInside, existsIn, ImageConfig, imageConfig, imageSize, podman, podmanOk, requirePrivatePodman, sleep, tail, withMountedImage,
} from './podman';
import { DistrolessDockerfile, DockerfilePolicy, HealthCheck, TimeSpan } from '../../../lib';

requirePrivatePodman();

const WORK = process.env.IMAGES_WORK ?? fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'cdl-images-'));
const ONLY = (process.env.IMAGES_ONLY ?? '').split(',').filter(s => s);
/** The goal: the probe adds at most 1.5 MB to an image. */
const MAX_ADDED_BYTES = 1.5e6;
const PROBE_CASES = ['go', 'nodejs', 'java', 'static-scratch'];
const SHELLS = ['/bin/sh', '/usr/bin/sh', '/bin/bash', '/usr/bin/bash', '/bin/dash', '/bin/busybox'];

interface Sizes {
  name: string;
  finalImage: string;
  probeBytes?: number;
  withBytes?: number;
  withoutBytes?: number;
}
const rows: Sizes[] = [];
const tags: string[] = [];

for (const c of CASES.filter(k => PROBE_CASES.includes(k.name))) {
  const name = `probe-${c.name}`;
  if (ONLY.length === 0 || ONLY.includes(name) || ONLY.includes(c.name) || ONLY.includes('probe')) {
    void describe(name, { skip: c.skip }, () => probeCase(c, name));
  }
}

function probeCase(c: ImageCase, name: string): void {
  const tag = `localhost/cdl-test/${name}:latest`;
  const plainTag = `localhost/cdl-test/${name}-plain:latest`;
  tags.push(tag, plainTag);
  const container = `cdl-test-${name}`;
  const context = path.join(WORK, 'contexts', name);
  const logs = path.join(WORK, 'logs');
  const row: Sizes = { name, finalImage: '' };
  rows.push(row);
  let dockerfile: DistrolessDockerfile | undefined;
  let config: ImageConfig | undefined;
  let running = false;

  const needs = (t: TestContext, ok: unknown, what: string): boolean => {
    if (!ok) { t.skip(`${what} failed earlier`); }
    return !!ok;
  };
  /** Runs a program in the container: exec form, as the image user, no shell. */
  const exec = (...argv: string[]) => podman(['exec', container, ...argv], { timeoutSeconds: 60 });

  after(() => {
    podman(['rm', '-f', '-v', '-t', '0', container]);
  });

  void it('generates a Dockerfile with the probe that the policy accepts', () => {
    dockerfile = prepareContext(c, context, { healthProbe: true });
    row.finalImage = dockerfile.finalImage.reference;
    assert.equal(dockerfile.healthProbePath, HealthCheck.PROBE_PATH);
    assert.ok(fs.existsSync(path.join(context, '.cdk-distroless', 'probe.c')), 'the probe source is not in the build context');
    const result = new DockerfilePolicy().lint(dockerfile.render(), `${name}/Dockerfile`);
    assert.equal(result.errorCount, 0, DockerfilePolicy.format(result));
  });

  void it('builds with and without the probe; the probe adds at most 1.5 MB', (t) => {
    if (!needs(t, dockerfile, 'generating the Dockerfile')) { return; }
    // The same context and options without the probe, for the size it adds.
    const plainFile = path.join(WORK, 'contexts', `${name}.plain.Dockerfile`);
    fs.writeFileSync(plainFile, dockerfileFor(c).render());
    podman(['rmi', '-f', tag, plainTag]);
    const plain = build(plainTag, context, { file: plainFile, logFile: path.join(logs, `${name}-plain-build.log`) });
    assert.ok(plain.ok, `podman build without the probe failed:\n${tail(plain.log)}`);
    const withProbe = build(tag, context, { logFile: path.join(logs, `${name}-build.log`) });
    assert.ok(withProbe.ok, `podman build with the probe failed:\n${tail(withProbe.log)}`);
    config = imageConfig(tag);
    row.withoutBytes = imageSize(plainTag);
    row.withBytes = imageSize(tag);
    const { size, mode, uid } = withMountedImage(tag, root => fs.statSync(path.join(root, HealthCheck.PROBE_PATH)));
    row.probeBytes = size;
    assert.equal(uid, 0, 'the probe is not owned by root: the app could replace it');
    assert.equal((mode % 0o1000).toString(8), '755');
    assert.ok(size <= MAX_ADDED_BYTES, `the probe binary is ${size} bytes`);
    const added = row.withBytes - row.withoutBytes;
    assert.ok(added > 0 && added <= MAX_ADDED_BYTES, `the probe adds ${added} bytes to the image`);
  });

  void it('still has no shell', (t) => {
    if (!needs(t, config, 'the build')) { return; }
    assert.deepEqual(withMountedImage(tag, root => SHELLS.filter(f => existsIn(root, f))), []);
  });

  void it('runs hardened and the probe reports it healthy: podman exec <ctr> /cdk-distroless/probe http 8080 /healthz', (t) => {
    if (!needs(t, config, 'the build')) { return; }
    runHardened(container, tag, config!.User);
    waitForHealthz(container);
    running = true;
    const r = exec(HealthCheck.PROBE_PATH, 'http', String(PORT), '/healthz');
    assert.equal(r.status, 0, r.stderr + r.stdout);
    assert.equal(r.stdout, `probe: http 127.0.0.1:${PORT}/healthz: healthy: HTTP 200\n`);
  });

  void it('runs as the image user, read-only, with no capabilities', (t) => {
    if (!needs(t, running, 'starting the container')) { return; }
    const inspect = JSON.parse(podmanOk(['inspect', '--format', '{{json .HostConfig}}', container], 'inspecting').stdout);
    assert.equal(inspect.ReadonlyRootfs, true);
    assert.deepEqual(inspect.CapAdd ?? [], []);
    assert.equal(config!.User, `${dockerfile!.user.uid}:${dockerfile!.user.gid}`);
  });

  void it('exits non-zero for a wrong path, a closed port and a tiny timeout against a closed port', (t) => {
    if (!needs(t, running, 'starting the container')) { return; }
    const wrong = exec(HealthCheck.PROBE_PATH, 'http', String(PORT), '/no-such-path');
    assert.equal(wrong.status, 1, wrong.stderr);
    assert.match(wrong.stderr, /unhealthy: HTTP 404/);
    const closed = exec(HealthCheck.PROBE_PATH, 'http', String(PORT + 1), '/healthz', '--timeout', '1');
    assert.equal(closed.status, 1, closed.stderr);
    assert.match(closed.stderr, /unhealthy: Connection refused/);
    const tcpClosed = exec(HealthCheck.PROBE_PATH, 'tcp', String(PORT + 1));
    assert.equal(tcpClosed.status, 1, tcpClosed.stderr);
    const usage = exec(HealthCheck.PROBE_PATH, 'http', 'eighty', '/healthz');
    assert.equal(usage.status, 2, usage.stderr);
  });

  void it('runs the commands HealthCheck.execCommand() gives, as ECS would', (t) => {
    if (!needs(t, running, 'starting the container')) { return; }
    const http = HealthCheck.http('/healthz', { port: PORT, timeout: TimeSpan.seconds(3) }).execCommand(HealthCheck.PROBE_PATH)!;
    const tcp = HealthCheck.tcp(PORT).execCommand(HealthCheck.PROBE_PATH)!;
    for (const command of [http, tcp]) {
      const r = exec(...command);
      assert.equal(r.status, 0, `${JSON.stringify(command)}: ${r.stderr}`);
    }
  });

  void it('serves as an exec-form HEALTHCHECK: podman healthcheck run says healthy, and unhealthy for a wrong path', (t) => {
    if (!needs(t, running, 'starting the container')) { return; }
    for (const [suffix, urlPath, expected] of [['hc-ok', '/healthz', 0], ['hc-bad', '/no-such-path', 1]] as Array<[string, string, number]>) {
      const hc = `${container}-${suffix}`;
      try {
        runHardened(hc, tag, config!.User, [
          '--health-cmd', JSON.stringify([HealthCheck.PROBE_PATH, 'http', String(PORT), urlPath, '--timeout', '2']),
          '--health-interval', 'disable', '--health-retries', '1',
        ]);
        const deadline = Date.now() + 90_000;
        while (curlInside(hc, `http://127.0.0.1:${PORT}/healthz`).code === 0 && Date.now() < deadline) { sleep(250); }
        const r = podman(['healthcheck', 'run', hc]);
        assert.equal(r.status, expected, `podman healthcheck run (${urlPath}): ${r.stdout}${r.stderr}`);
        assert.equal(podman(['inspect', '--format', '{{.State.Health.Status}}', hc]).stdout.trim(), expected === 0 ? 'healthy' : 'unhealthy');
      } finally {
        podman(['rm', '-f', '-v', '-t', '0', hc]);
      }
    }
  });
}

after(() => {
  const measured = rows.filter(r => r.withBytes !== undefined);
  if (measured.length > 0) {
    console.log('# health probe sizes (podman image inspect .Size, uncompressed)');
    for (const r of measured) {
      console.log(`#   ${r.name.padEnd(22)} probe binary ${kb(r.probeBytes)}  image ${mb(r.withoutBytes)} -> ${mb(r.withBytes)}  `
        + `(+${kb(r.withBytes! - r.withoutBytes!)})  on ${r.finalImage}`);
    }
    fs.writeFileSync(path.join(WORK, 'probe-sizes.json'), JSON.stringify(measured, undefined, 2));
  }
  if (process.env.IMAGES_KEEP_TEST_IMAGES !== '1') {
    for (const t of tags) { podman(['rmi', '-f', t]); }
    podman(['image', 'prune', '-f']);
  }
});

function kb(n?: number): string { return n === undefined ? '-' : `${(n / 1e3).toFixed(0)} kB`; }
function mb(n?: number): string { return n === undefined ? '-' : `${(n / 1e6).toFixed(1)} MB`; }
