// Runs what `cdk synth` produced for the ECS web-service example: the container definition of the
// synthesized task (user, read-only root, mount points and their task volumes, dropped and added
// capabilities, init process, health check command, port, environment) applied to the image really
// built from the asset's staged context, with podman. A named volume seeded from the image stands in
// for Fargate's task volume (ECS copies a VOLUME directory's content and owner into it).
// Case name for IMAGES_ONLY: ecs.
import * as fs from 'fs';
import * as assert from 'node:assert/strict';
import { after, describe, it, TestContext } from 'node:test';
import * as path from 'path';
import { build, curlInside, podman, podmanOk, requirePrivatePodman, sleep, tail } from './podman';
import { synthCdkApp } from '../../../examples/example';

requirePrivatePodman();

const WORK = process.env.IMAGES_WORK ?? fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'cdl-images-'));
const ONLY = (process.env.IMAGES_ONLY ?? '').split(',').filter(s => s);

interface ContainerDefinition {
  Name: string;
  User?: string;
  ReadonlyRootFilesystem?: boolean;
  Privileged?: boolean;
  MountPoints?: Array<{ ContainerPath: string; ReadOnly: boolean; SourceVolume: string }>;
  LinuxParameters?: { Capabilities?: { Drop?: string[]; Add?: string[] }; InitProcessEnabled?: boolean };
  HealthCheck?: { Command: string[]; Interval: number; Timeout: number; Retries: number };
  PortMappings?: Array<{ ContainerPort: number }>;
  Environment?: Array<{ Name: string; Value: string }>;
  Command?: string[];
  Memory?: number;
}

if (ONLY.length === 0 || ONLY.includes('ecs')) {
  void describe('ecs web-service example as synthesized', () => ecsCase());
}

function ecsCase(): void {
  const out = path.join(WORK, 'ecs', 'cdk.out');
  const tag = 'localhost/cdl-test/ecs-web-service:latest';
  const container = 'cdl-test-ecs-web-service';
  let def: ContainerDefinition | undefined;
  let volumes: Array<{ Name: string }> = [];
  let built = false;
  let running = false;
  const createdVolumes: string[] = [];

  after(() => {
    podman(['rm', '-f', '-v', '-t', '0', container]);
    for (const v of createdVolumes) { podman(['volume', 'rm', '-f', v]); }
    if (!process.env.IMAGES_KEEP_TEST_IMAGES) { podman(['rmi', '-f', tag]); }
  });

  void it('cdk synth (the real CLI) gives one hardened Fargate container definition', () => {
    const templates = synthCdkApp('web-service', out);
    const template = JSON.parse(fs.readFileSync(templates[0], 'utf8'));
    const defs = Object.values(template.Resources as { [id: string]: { Type: string; Properties: any } }).filter(r => r.Type === 'AWS::ECS::TaskDefinition');
    assert.equal(defs.length, 1);
    volumes = defs[0].Properties.Volumes ?? [];
    def = defs[0].Properties.ContainerDefinitions[0];
    assert.equal(def!.ReadonlyRootFilesystem, true);
    assert.match(def!.User ?? '', /^[1-9]\d*:\d+$/);
  });

  void it('the staged asset context builds with podman', (t) => {
    if (!needs(t, def, 'synth')) { return; }
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'WebService.assets.json'), 'utf8'));
    const images = Object.values(manifest.dockerImages) as Array<{ source: { directory: string; dockerFile?: string; platform?: string } }>;
    assert.equal(images.length, 1);
    const source = images[0].source;
    assert.equal(source.platform, 'linux/amd64');
    const r = build(tag, path.join(out, source.directory), { file: path.join(out, source.directory, source.dockerFile ?? 'Dockerfile'), logFile: path.join(WORK, 'logs', 'ecs-web-service.build.log') });
    assert.ok(r.ok, tail(r.log));
    built = true;
  });

  void it('runs with exactly the synthesized settings', (t) => {
    if (!needs(t, built, 'the build')) { return; }
    const d = def!;
    podman(['rm', '-f', '-v', '-t', '0', container]);
    const args = ['run', '-d', '--name', container, ...synthesizedSettings(d, volumes, createdVolumes, 'web')];
    args.push(tag, ...(d.Command ?? []));
    podmanOk(args, 'starting the container');
    const port = d.PortMappings![0].ContainerPort;
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (podman(['inspect', '--format', '{{.State.Running}}', container]).stdout.trim() !== 'true') {
        const logs = podman(['logs', container]);
        assert.fail(`the container stopped:\n${tail(logs.stdout + logs.stderr)}`);
      }
      if (curlInside(container, `http://127.0.0.1:${port}/`).code !== 0) { break; }
      if (Date.now() > deadline) { assert.fail(`no answer on port ${port} within 60 s`); }
      sleep(250);
    }
    running = true;
    const host = JSON.parse(podmanOk(['inspect', '--format', '{{json .HostConfig}}', container], 'inspecting').stdout);
    assert.equal(host.ReadonlyRootfs, true);
    assert.equal(host.Init, true);
  });

  void it('answers on the synthesized port, and its health endpoint writes to the seeded volume', (t) => {
    if (!needs(t, running, 'starting the container')) { return; }
    const port = def!.PortMappings![0].ContainerPort;
    const root = curlInside(container, `http://127.0.0.1:${port}/`);
    assert.equal(root.code, 200, root.body);
    assert.match(root.body, /hello from ECS/);
    const health = curlInside(container, `http://127.0.0.1:${port}/healthz`);
    assert.equal(health.code, 200, health.body);
    assert.equal(JSON.parse(health.body).uid, Number(def!.User!.split(':')[0]));
  });

  void it('the synthesized container health check command succeeds', (t) => {
    if (!needs(t, running, 'starting the container')) { return; }
    if (!def!.HealthCheck) {
      // Until the image has the built-in probe (healthProbe: true), HealthCheck.http has no in-container command.
      t.skip('the synthesized task has no container health check: the image has no built-in probe');
      return;
    }
    const r = podman(['healthcheck', 'run', container]);
    assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
  });

  void it('writes outside the writable paths fail; inside them they work', (t) => {
    if (!needs(t, running, 'starting the container')) { return; }
    const entrypoint = JSON.parse(podmanOk(['image', 'inspect', '--format', '{{json .Config.Entrypoint}}', tag], 'inspecting').stdout) as string[];
    const exec = (...a: string[]) => podman(['exec', container, ...entrypoint, ...a]);
    for (const file of ['/probe.txt', '/app/probe.txt', '/etc/probe.txt']) {
      const r = exec('--try-write', file);
      assert.notEqual(r.status, 0, `wrote ${file}`);
      assert.match(r.stderr, /read-only file system/i);
    }
    for (const m of def!.MountPoints ?? []) {
      const r = exec('--try-write', `${m.ContainerPath}/probe.txt`);
      assert.equal(r.status, 0, `${m.ContainerPath}: ${r.stderr}`);
    }
  });
}

/** podman run options that apply a synthesized ECS container definition, volumes seeded from the image. */
function synthesizedSettings(d: ContainerDefinition, volumes: Array<{ Name: string }>, createdVolumes: string[], prefix: string): string[] {
  const args = ['--pull=never', '--network', 'none'];
  if (d.ReadonlyRootFilesystem) { args.push('--read-only', '--read-only-tmpfs=false'); }
  if (d.User) { args.push('--user', d.User); }
  if (d.Privileged) { args.push('--privileged'); }
  for (const cap of d.LinuxParameters?.Capabilities?.Drop ?? []) { args.push('--cap-drop', cap); }
  for (const cap of d.LinuxParameters?.Capabilities?.Add ?? []) { args.push('--cap-add', cap); }
  if (d.LinuxParameters?.InitProcessEnabled) { args.push('--init'); }
  if (d.Memory) { args.push('--memory', `${d.Memory}m`); }
  for (const m of d.MountPoints ?? []) {
    assert.ok(volumes.some(v => v.Name === m.SourceVolume), `mount point ${m.ContainerPath} names no task volume ${m.SourceVolume}`);
    const volume = `cdl-test-ecs-${prefix}-${m.SourceVolume}`;
    podman(['volume', 'rm', '-f', volume]);
    podmanOk(['volume', 'create', volume], `creating volume ${volume}`);
    createdVolumes.push(volume);
    // A fresh named volume is seeded from the image's directory (content, owner, mode), like Fargate's.
    args.push('-v', `${volume}:${m.ContainerPath}:${m.ReadOnly ? 'ro' : 'rw'}`);
  }
  for (const e of d.Environment ?? []) { args.push('-e', `${e.Name}=${e.Value}`); }
  if (d.HealthCheck) {
    const [kind, ...command] = d.HealthCheck.Command;
    assert.equal(kind, 'CMD', `health check ${JSON.stringify(d.HealthCheck.Command)} is not exec form`);
    args.push('--health-cmd', JSON.stringify(command), '--health-interval', `${d.HealthCheck.Interval}s`,
      '--health-timeout', `${d.HealthCheck.Timeout}s`, '--health-retries', String(d.HealthCheck.Retries));
  }
  return args;
}

/** The single task definition of a synthesized example: its volumes and container definition. */
function taskOf(templateFile: string): { volumes: Array<{ Name: string }>; def: ContainerDefinition } {
  const template = JSON.parse(fs.readFileSync(templateFile, 'utf8'));
  const defs = Object.values(template.Resources as { [id: string]: { Type: string; Properties: any } }).filter(r => r.Type === 'AWS::ECS::TaskDefinition');
  assert.equal(defs.length, 1);
  return { volumes: defs[0].Properties.Volumes ?? [], def: defs[0].Properties.ContainerDefinitions[0] };
}

/** Builds the one image asset of a synthesized example with podman. */
function buildAsset(out: string, stackName: string, tag: string): void {
  const manifest = JSON.parse(fs.readFileSync(path.join(out, `${stackName}.assets.json`), 'utf8'));
  const images = Object.values(manifest.dockerImages) as Array<{ source: { directory: string; dockerFile?: string; platform?: string } }>;
  assert.equal(images.length, 1);
  const source = images[0].source;
  assert.equal(source.platform, 'linux/amd64');
  const dir = path.join(out, source.directory);
  const r = build(tag, dir, { file: path.join(dir, source.dockerFile ?? 'Dockerfile'), logFile: path.join(WORK, 'logs', `${stackName}.build.log`) });
  assert.ok(r.ok, tail(r.log));
}

if (ONLY.length === 0 || ONLY.includes('ecs')) {
  void describe('ecs nightly-job example as synthesized', () => {
    const out = path.join(WORK, 'ecs', 'job.cdk.out');
    const tag = 'localhost/cdl-test/ecs-nightly-job:latest';
    const createdVolumes: string[] = [];
    let task: { volumes: Array<{ Name: string }>; def: ContainerDefinition } | undefined;
    after(() => {
      for (const v of createdVolumes) { podman(['volume', 'rm', '-f', v]); }
      if (!process.env.IMAGES_KEEP_TEST_IMAGES) { podman(['rmi', '-f', tag]); }
    });

    void it('synthesizes and builds', () => {
      const templates = synthCdkApp('nightly-job', out);
      task = taskOf(templates[0]);
      assert.equal(task.def.ReadonlyRootFilesystem, true);
      buildAsset(out, 'NightlyJob', tag);
    });

    void it('runs to exit 0 with exactly the synthesized settings, writing only to its task volume', (t) => {
      if (!needs(t, task, 'synth and build')) { return; }
      const r = podman(['run', '--rm', ...synthesizedSettings(task!.def, task!.volumes, createdVolumes, 'job'), tag, ...(task!.def.Command ?? [])], { timeoutSeconds: 120 });
      assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
      assert.match(r.stdout, /wrote \/tmp\/report-\d{8}\.txt/);
    });
  });
}

function needs(t: TestContext, value: unknown, what: string): boolean {
  if (!value) { t.skip(`needs ${what}`); return false; }
  return true;
}
