// Real builds of the project layouts the generator detects (issue 11): each case writes a project
// (workspace, several binaries, vendored dependencies, a monorepo), lets the generator read it, builds
// the image on the local stand-ins and runs it hardened: read-only root, the image's non-root user, no
// capabilities, no new privileges, no network. Started by run.sh (one file at a time); IMAGES_ONLY
// selects cases by name (`bash test/integ/images/run.sh rt-rust-workspace`).
import * as fs from 'fs';
import * as assert from 'node:assert/strict';
import { after, describe, it, TestContext } from 'node:test';
import * as path from 'path';
import { DATA_DIR, PORT } from './cases';
import { build, Build, curlInside, existsIn, ImageConfig, imageConfig, podman, podmanOk, requirePrivatePodman, sleep, tail, withMountedImage } from './podman';
import { prepareRuntimeContext, RUNTIME_CASES, RuntimeCase, touchRuntimeSource } from './runtime-cases';
import { DistrolessDockerfile, DockerfilePolicy } from '../../../lib';

requirePrivatePodman();

const WORK = process.env.IMAGES_WORK ?? fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'cdl-runtimes-'));
const ONLY = (process.env.IMAGES_ONLY ?? '').split(',').filter(s => s);
const SHELLS = ['/bin/sh', '/usr/bin/sh', '/bin/bash', '/usr/bin/bash', '/bin/dash', '/usr/bin/dash', '/bin/busybox', '/usr/bin/busybox'];

const results: string[] = [];

for (const c of RUNTIME_CASES.filter(k => ONLY.length === 0 || ONLY.includes(k.name))) {
  void describe(c.name, () => runtimeCase(c));
}

function runtimeCase(c: RuntimeCase): void {
  const tag = `localhost/cdl-test/${c.name}:latest`;
  const container = `cdl-test-${c.name}`;
  const context = path.join(WORK, 'contexts', c.name);
  const logs = path.join(WORK, 'logs');
  let dockerfile: DistrolessDockerfile | undefined;
  let first: Build | undefined;
  let config: ImageConfig | undefined;
  let running = false;
  const needs = (t: TestContext, ok: unknown, what: string): boolean => {
    if (!ok) { t.skip(`${what} failed earlier`); }
    return !!ok;
  };
  const exec = (...extra: string[]) => podman(['exec', container, ...(config!.Entrypoint ?? []), ...(config!.Cmd ?? []), ...extra], { timeoutSeconds: 60 });

  after(() => {
    podman(['rm', '-f', '-v', '-t', '0', container]);
    if (process.env.IMAGES_KEEP_TEST_IMAGES !== '1') { podman(['rmi', '-f', tag]); }
  });

  void it('detects the layout and generates a Dockerfile with no policy error', () => {
    dockerfile = prepareRuntimeContext(c, context);
    for (const pattern of c.expectDetected) {
      assert.ok(dockerfile.detected.some(d => pattern.test(d)), `nothing detected matches ${pattern}: ${JSON.stringify(dockerfile.detected)}`);
    }
    const ignore = dockerfile.renderDockerignore().split('\n');
    for (const line of c.expectIgnored ?? []) { assert.ok(ignore.includes(line), `.dockerignore has no ${line}:\n${ignore.join('\n')}`); }
    const result = new DockerfilePolicy().lint(dockerfile.render(), `${c.name}/Dockerfile`);
    assert.equal(result.errorCount, 0, DockerfilePolicy.format(result));
  });

  void it('builds with --pull=never --network none', (t) => {
    if (!needs(t, dockerfile, 'generating the Dockerfile')) { return; }
    podman(['rmi', '-f', tag]);
    first = build(tag, context, { noCache: true, logFile: path.join(logs, `${c.name}-build.log`) });
    assert.ok(first.ok, `podman build failed:\n${tail(first.log)}`);
    config = imageConfig(tag);
  });

  void it('has a numeric non-root user, an exec-form entrypoint, no shell, and the expected files', (t) => {
    if (!needs(t, config, 'the build')) { return; }
    const user = /^(\d+):(\d+)$/.exec(config!.User);
    assert.ok(user && Number(user[1]) !== 0, `USER ${config!.User}`);
    const entrypoint = config!.Entrypoint ?? [];
    assert.ok(entrypoint[0]?.startsWith('/') && !SHELLS.includes(entrypoint[0]), JSON.stringify(entrypoint));
    withMountedImage(tag, root => {
      assert.deepEqual(SHELLS.filter(s => existsIn(root, s)), []);
      for (const f of [entrypoint[0], ...(c.expectFiles ?? [])]) { assert.ok(existsIn(root, f), `${f} is not in the image`); }
    });
  });

  void it('starts hardened and serves GET /healthz as the image user', (t) => {
    if (!needs(t, config, 'the build')) { return; }
    podman(['rm', '-f', '-v', '-t', '0', container]);
    podmanOk(['run', '-d', '--name', container, '--pull=never', '--read-only', '--read-only-tmpfs=false',
      '--user', config!.User, '--cap-drop', 'ALL', '--security-opt', 'no-new-privileges', '--network', 'none',
      '--tmpfs', '/tmp:rw,nosuid,nodev,mode=1777,size=64m', '-v', DATA_DIR, tag], 'starting the container');
    const deadline = Date.now() + 90_000;
    let answer = { code: 0, body: '' };
    for (;;) {
      if (podman(['inspect', '--format', '{{.State.Running}}', container]).stdout.trim() !== 'true') {
        assert.fail(`the container stopped:\n${tail(podman(['logs', container]).stdout + podman(['logs', container]).stderr)}`);
      }
      answer = curlInside(container, `http://127.0.0.1:${PORT}/healthz`);
      if (answer.code !== 0) { break; }
      if (Date.now() > deadline) { assert.fail(`no answer on port ${PORT} within 90 s`); }
      sleep(250);
    }
    running = true;
    assert.equal(answer.code, 200, answer.body);
    const health = JSON.parse(answer.body);
    assert.equal(health.runtime, c.runtime);
    assert.equal(Number(health.uid), dockerfile!.user.uid);
    const host = JSON.parse(podmanOk(['inspect', '--format', '{{json .HostConfig}}', container], 'inspecting').stdout);
    assert.equal(host.ReadonlyRootfs, true);
  });

  void it('cannot write to its application directory; writes to its declared paths', (t) => {
    if (!needs(t, running, 'starting the container')) { return; }
    const denied = exec('--try-write', `${dockerfile!.workdir}/probe.txt`);
    assert.notEqual(denied.status, 0, 'wrote to the application directory');
    const allowed = exec('--try-write', `${DATA_DIR}/probe.txt`);
    assert.equal(allowed.status, 0, allowed.stderr);
  });

  void it('reuses the dependency layers after a source-only change', (t) => {
    if (!needs(t, first?.ok, 'the build')) { return; }
    // The --no-cache build above made fresh copies of steps every case shares (FROM, WORKDIR /src), and
    // buildah may match an older copy next time: one cached build first settles which parent the
    // dependency layers hang from, as the previous commit's build does in CI.
    const primed = build(tag, context, { logFile: path.join(logs, `${c.name}-primed.log`) });
    assert.ok(primed.ok, `cached build failed:\n${tail(primed.log)}`);
    touchRuntimeSource(c, context);
    const again = build(tag, context, { logFile: path.join(logs, `${c.name}-rebuild.log`) });
    assert.ok(again.ok, `rebuild failed:\n${tail(again.log)}`);
    for (const pattern of c.dependencySteps) {
      const step = again.steps.find(s => pattern.test(s.instruction));
      assert.ok(step, `no step matches ${pattern}`);
      assert.ok(step.cached, `${step.instruction.split('\n')[0]} was rebuilt`);
    }
    results.push(`#   ${c.name.padEnd(26)} build ${first!.seconds.toFixed(1).padStart(6)} s  rebuild ${again.seconds.toFixed(1).padStart(6)} s  `
      + `(${Math.round(100 * again.seconds / first!.seconds)}%)  detected: ${dockerfile!.detected.join('; ')}`);
  });
}

after(() => {
  if (results.length > 0) { console.log(['# runtime layouts', ...results].join('\n')); }
});
