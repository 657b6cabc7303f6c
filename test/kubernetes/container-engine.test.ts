import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { one, sourceWorkload } from './fixtures';
import { DistrolessImage, kubernetes, Workload } from '../../lib';

const { ContainerEngine, DistrolessService } = kubernetes;
const DIGEST = `sha256:${'b'.repeat(64)}`;

/** Records commands; `push` writes the digest file (podman) or prints the digest (docker). */
function recorder(pushOutput = '') {
  const calls: string[][] = [];
  return {
    calls,
    run(executable: string, args: string[]): string {
      calls.push([executable, ...args]);
      const i = args.indexOf('--digestfile');
      if (args[0] === 'push' && i >= 0) { fs.writeFileSync(args[i + 1], DIGEST); }
      return args[0] === 'push' ? pushOutput : '';
    },
  };
}

function synthWith(engine: kubernetes.ContainerEngine) {
  const app = Testing.app();
  const chart = new Chart(app, 'c');
  new DistrolessService(chart, 'api', { workload: sourceWorkload(), image: { repository: '127.0.0.1:5000/api', buildAndPush: engine } });
  const objects = chart.toJson();
  const context = path.join(app.outdir, 'images', fs.readdirSync(path.join(app.outdir, 'images'))[0]);
  return { objects, context };
}

describe('ContainerEngine build and push', () => {
  test('podman: build with the staged context, push with --digestfile, pin the manifest to the digest', () => {
    const rec = recorder();
    const engine = ContainerEngine._withRunner(ContainerEngine.podman({ tlsVerify: false, buildFlags: ['--pull=never'] }), rec);
    const { objects, context } = synthWith(engine);
    const tag = `127.0.0.1:5000/api:ctx-${path.basename(context).slice('context.'.length, 'context.'.length + 12)}`;
    expect(rec.calls).toEqual([
      ['podman', 'build', '-t', tag, '-f', path.join(context, 'Dockerfile'), '--platform', 'linux/amd64', '--pull=never', context],
      ['podman', 'push', '--tls-verify=false', '--digestfile', expect.stringMatching(/cdk-distroless-push-.*\/digest$/), tag],
    ]);
    expect(one(objects, 'Deployment').spec.template.spec.containers[0].image).toBe(`127.0.0.1:5000/api@${DIGEST}`);
  });

  test('docker: plain push; the digest is read from its output', () => {
    const rec = recorder(`ctx: digest: ${DIGEST} size: 1234\n`);
    const engine = ContainerEngine._withRunner(ContainerEngine.docker({ executable: '/opt/bin/docker' }), rec);
    const { objects } = synthWith(engine);
    expect(rec.calls.map(c => c.slice(0, 2))).toEqual([['/opt/bin/docker', 'build'], ['/opt/bin/docker', 'push']]);
    expect(rec.calls[1]).toHaveLength(3);
    expect(one(objects, 'Deployment').spec.template.spec.containers[0].image).toBe(`127.0.0.1:5000/api@${DIGEST}`);
  });

  test('build args, secrets, target and platform are passed through', () => {
    const rec = recorder();
    const engine = ContainerEngine._withRunner(ContainerEngine.podman(), rec);
    const image = { target: 'final', buildArgs: { VERSION: '1.2' }, buildSecrets: { ca: '/etc/ssl/ca.pem' } } as any;
    engine._buildAndPush(image, { directory: '/ctx', hash: 'h', dockerfile: 'Dockerfile' }, 'r.example.com/api', '1.2', 'arm64');
    expect(rec.calls[0]).toEqual(['podman', 'build', '-t', 'r.example.com/api:1.2', '-f', '/ctx/Dockerfile', '--platform', 'linux/arm64',
      '--target', 'final', '--build-arg', 'VERSION=1.2', '--secret', 'id=ca,src=/etc/ssl/ca.pem', '/ctx']);
    expect(rec.calls[1]).toEqual(['podman', 'push', '--digestfile', expect.any(String), 'r.example.com/api:1.2']);
  });

  test('a user-written Dockerfile: its name and --target reach the build', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdl-k8s-df-'));
    fs.writeFileSync(path.join(dir, 'build.Dockerfile'), [
      'FROM golang:1.25-trixie@sha256:' + 'c'.repeat(64) + ' AS build', 'RUN true',
      'FROM gcr.io/distroless/static-debian13:nonroot@sha256:' + 'd'.repeat(64) + ' AS final',
      'COPY --from=build /etc/hostname /app/x', 'USER 65532:65532', 'ENTRYPOINT ["/app/x"]', '',
    ].join('\n'));
    const rec = recorder();
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const workload = new Workload({ image: DistrolessImage.fromDockerfile(dir, { file: 'build.Dockerfile', target: 'final' }), ports: [] });
    new kubernetes.DistrolessJob(chart, 'job', { workload, image: { repository: 'r.example.com/job', buildAndPush: ContainerEngine._withRunner(ContainerEngine.podman(), rec) } });
    const job = one(chart.toJson(), 'Job');
    expect(rec.calls[0]).toEqual(expect.arrayContaining(['-f', expect.stringMatching(/context\.[a-f0-9]+\/build\.Dockerfile$/), '--target', 'final']));
    expect(job.spec.template.spec.containers[0].image).toBe(`r.example.com/job@${DIGEST}`);
  });

  test('builds and pushes once however often the chart is synthesized', () => {
    const rec = recorder();
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    new DistrolessService(chart, 'api', { workload: sourceWorkload(), image: { repository: 'r.example.com/api', buildAndPush: ContainerEngine._withRunner(ContainerEngine.podman(), rec) } });
    chart.toJson();
    chart.toJson();
    expect(rec.calls).toHaveLength(2);
  });

  test('nothing runs before synthesis', () => {
    const rec = recorder();
    new DistrolessService(Testing.chart(), 'api', { workload: sourceWorkload(), image: { repository: 'r.example.com/api', buildAndPush: ContainerEngine._withRunner(ContainerEngine.podman(), rec) } });
    expect(rec.calls).toEqual([]);
  });

  test('fromPath finds docker first, then podman', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdl-path-'));
    const saved = process.env.PATH;
    try {
      fs.writeFileSync(path.join(dir, 'podman'), '#!/bin/true\n', { mode: 0o755 });
      process.env.PATH = dir;
      expect(ContainerEngine.fromPath()).toMatchObject({ name: 'podman', executable: path.join(dir, 'podman') });
      fs.writeFileSync(path.join(dir, 'docker'), '#!/bin/true\n', { mode: 0o755 });
      expect(ContainerEngine.fromPath()).toMatchObject({ name: 'docker', executable: path.join(dir, 'docker') });
    } finally {
      process.env.PATH = saved;
    }
  });

  test('defaults: the CLI name as executable, TLS verified, no extra build flags', () => {
    expect(ContainerEngine.podman()).toMatchObject({ name: 'podman', executable: 'podman', tlsVerify: true, buildFlags: [] });
  });

  test('fails if neither docker nor podman is on PATH', () => {
    const saved = process.env.PATH;
    try {
      process.env.PATH = fs.mkdtempSync(path.join(os.tmpdir(), 'cdl-empty-'));
      expect(() => ContainerEngine.fromPath()).toThrow(/ContainerEngine.fromPath: neither docker nor podman is on PATH/);
    } finally {
      process.env.PATH = saved;
    }
  });

  test('fails if docker is asked to skip TLS verification', () => {
    expect(() => ContainerEngine.docker({ tlsVerify: false })).toThrow(/tlsVerify: false is not a docker CLI option/);
  });

  test('fails if executable or buildFlags are malformed', () => {
    expect(() => ContainerEngine.podman({ executable: '' })).toThrow(/executable "" must be a program name or path/);
    expect(() => ContainerEngine.podman({ buildFlags: '--pull=never' as any })).toThrow(/buildFlags "--pull=never" must be a list of strings/);
  });

  test('fails with the command line when the build fails', () => {
    const failing = { run: () => { throw new Error('exit status 125'); } };
    expect(() => synthWith(ContainerEngine._withRunner(ContainerEngine.podman(), failing)))
      .toThrow(/ContainerEngine: `podman build -t 127.0.0.1:5000\/api:ctx-[a-f0-9]+ .*` failed for .*: exit status 125/);
  });

  test('fails if the push reports no digest', () => {
    const silent = { run: () => '' };
    expect(() => synthWith(ContainerEngine._withRunner(ContainerEngine.docker(), silent))).toThrow(/pushed 127.0.0.1:5000\/api:ctx-[a-f0-9]+ but reported no digest/);
  });
});
