// Runs what kubernetes.DistrolessService and DistrolessJob synthesize (issue 9): the Kubernetes
// example is synthesized with the opt-in build and push (podman, to Debian's docker-registry on
// 127.0.0.1), so the manifest names the pushed digest; then `podman kube play` runs its Deployment
// and its Job from that registry. Case name for IMAGES_ONLY: kube. Start it with
// `bash test/integ/images/run.sh kube`.
//
// What podman cannot do, and how this test handles it (said again in the test names):
// - podman ignores readinessProbe and turns an httpGet livenessProbe into `curl` inside the
//   container, which a distroless image does not have: the example's HTTP probes are removed for
//   the podman run. podman 4.3 even wraps an exec probe in CMD-SHELL ("... || exit 1"), which needs
//   /bin/sh. So a second run synthesizes the same chart with an exec health check of a binary in the
//   image (`/app/app --check`, no shell) and runs that probe's argv with `podman exec`, the way the
//   kubelet runs exec probes through the CRI (no shell); a third run does the same with the image's
//   built-in probe (`useBuiltInProbe`: the HTTP check as an exec of /cdk-distroless/probe).
// - podman publishes every containerPort on the host: the play file adds a free hostPort, which
//   "restricted" forbids in a cluster (there the Service is the way in).
// - podman kube play 4.3 has no Job: the Job's pod template is played as a Pod (restartPolicy Never).
// - secretKeyRef needs a Secret the cluster has: the example's DB_PASSWORD is left out here.
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as path from 'path';
import { App, Chart, Yaml } from 'cdk8s';
import { podman, podmanOk, requirePrivatePodman, sh, sleep, tail } from './podman';
import { CronJobChart, ExampleChartOptions, WebServiceChart } from '../../../examples/kubernetes/charts';
import { ordersWorkload, reportWorkload } from '../../../examples/kubernetes/orders';
import { HealthCheck, kubernetes } from '../../../lib';

requirePrivatePodman();

const ONLY = (process.env.IMAGES_ONLY ?? '').split(',').filter(s => s);
const WORK = process.env.IMAGES_WORK ?? fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'cdl-kube-'));
const UID = 65532;

if (ONLY.length === 0 || ONLY.includes('kube')) {
  void describe('kube: synthesized manifests run with podman kube play', () => kubeSuite());
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

function httpStatus(url: string): { code: number; body: string } {
  const r = sh('curl', ['-s', '-m', '3', '-o', '-', '-w', '\n%{http_code}', url]);
  const lines = r.stdout.trimEnd().split('\n');
  const code = Number(lines.pop() ?? 0);
  return { code: r.status === 0 ? code : 0, body: lines.join('\n') };
}

function waitFor(what: string, seconds: number, ok: () => boolean): void {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    if (ok()) { return; }
    sleep(500);
  }
  throw new Error(`timed out after ${seconds} s waiting for ${what}`);
}

/** Synthesizes `make(app)` into `dir` and returns every object of every chart. */
function synth(dir: string, make: (app: App) => void): any[] {
  fs.rmSync(dir, { recursive: true, force: true });
  const app = new App({ outdir: dir });
  make(app);
  app.synth();
  return fs.readdirSync(dir).filter(f => f.endsWith('.k8s.yaml')).flatMap(f => Yaml.load(path.join(dir, f))).filter(o => o);
}

/** The pod template of `kind` in `objects`. */
function templateOf(objects: any[], kind: string): any {
  const obj = objects.find(o => o.kind === kind);
  assert.ok(obj, `no ${kind} in ${objects.map(o => o.kind).join(', ')}`);
  return kind === 'CronJob' ? obj.spec.jobTemplate.spec.template : obj.spec.template;
}

function kubeSuite(): void {
  let registry: ChildProcess | undefined;
  let registryPort = 0;
  let hostPort = 0;
  let repository = '';
  let objects: any[] = [];
  let pinned = '';
  const played: string[] = [];
  const engine = () => kubernetes.ContainerEngine.podman({ tlsVerify: false, buildFlags: ['--pull=never', '--network', 'none'] });
  const chartOptions = (extra: ExampleChartOptions = {}): ExampleChartOptions => ({
    image: { repository, buildAndPush: engine() }, secrets: [], ...extra,
  });

  /** Writes `docs` to a play file and runs `podman kube play` on it; returns the pod's container name. */
  const play = (name: string, docs: any[]): void => {
    const file = path.join(WORK, 'kube', `${name}.play.yaml`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, docs.map(d => Yaml.stringify(d)).join('---\n'));
    played.push(file);
    podmanOk(['kube', 'play', '--network', 'slirp4netns', '--tls-verify=false', file], `podman kube play ${file}`);
  };

  before(async () => {
    registryPort = await freePort();
    hostPort = await freePort();
    repository = `127.0.0.1:${registryPort}/shop/orders`;
    const dir = path.join(WORK, 'registry');
    fs.mkdirSync(path.join(dir, 'data'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'config.yml'), [
      'version: 0.1', 'storage:', '  filesystem:', `    rootdirectory: ${path.join(dir, 'data')}`, 'http:', `  addr: 127.0.0.1:${registryPort}`, '',
    ].join('\n'));
    const log = fs.openSync(path.join(dir, 'registry.log'), 'w');
    registry = spawn('docker-registry', ['serve', path.join(dir, 'config.yml')], { stdio: ['ignore', log, log] });
    waitFor(`docker-registry on 127.0.0.1:${registryPort}`, 30, () => httpStatus(`http://127.0.0.1:${registryPort}/v2/`).code === 200);
  });

  after(() => {
    for (const file of played.reverse()) { podman(['kube', 'down', file]); }
    registry?.kill('SIGTERM');
  });

  void it('synthesizes the examples with the opt-in build and push: the manifest names the pushed digest', () => {
    objects = synth(path.join(WORK, 'kube', 'out'), app => {
      new WebServiceChart(app, 'web-service', chartOptions());
      new CronJobChart(app, 'cron-job', chartOptions());
    });
    const images = ['Deployment', 'CronJob'].map(k => templateOf(objects, k).spec.containers[0].image);
    pinned = images[0];
    assert.match(pinned, new RegExp(`^${repository.replace(/\./g, '\\.')}@sha256:[a-f0-9]{64}$`));
    assert.equal(images[1], pinned, 'both charts use the one pushed image');
    const inspect = sh('skopeo', ['inspect', '--tls-verify=false', `docker://${pinned}`]);
    assert.equal(inspect.status, 0, tail(inspect.stderr));
    assert.equal(JSON.parse(inspect.stdout).Digest, pinned.split('@')[1], 'the registry serves the digest the manifest names');
  });

  void it('runs the Deployment (HTTP probes removed: podman would run them with curl, which the image lacks)', () => {
    assert.ok(pinned, 'synthesis failed earlier');
    const deployment = structuredClone(objects.find(o => o.kind === 'Deployment'));
    const container = deployment.spec.template.spec.containers[0];
    assert.deepEqual(container.livenessProbe.httpGet, { path: '/healthz', port: 8080 }, 'the example probes HTTP');
    delete container.livenessProbe;
    delete container.readinessProbe;
    container.ports[0].hostPort = hostPort;
    play('deployment', [deployment]);
    waitFor(`GET /healthz on 127.0.0.1:${hostPort}`, 60, () => httpStatus(`http://127.0.0.1:${hostPort}/healthz`).code === 200);
  });

  // podman names a Deployment's pod orders-pod-0 (4.3) or orders-pod, and the container <pod>-app.
  let ctr = '';
  const findContainer = (): string => {
    const names = podmanOk(['ps', '--format', '{{.Names}}'], 'listing containers').stdout.split('\n').filter(n => /^orders-pod(-\d+)?-app$/.test(n));
    assert.equal(names.length, 1, `one orders container, found ${JSON.stringify(names)}`);
    return names[0];
  };

  void it('the service answers on 127.0.0.1 as the profile\'s user, writing to both emptyDirs', () => {
    ctr = findContainer();
    const { code, body } = httpStatus(`http://127.0.0.1:${hostPort}/healthz`);
    assert.equal(code, 200, body);
    const answer = JSON.parse(body);
    assert.equal(answer.uid, UID);
    assert.deepEqual(answer.wrote.map((p: string) => path.dirname(p)), ['/tmp', '/var/cache/app']);
  });

  void it('the container runs hardened: read-only root, no capabilities, no new privileges, the image by digest', () => {
    const info = JSON.parse(podmanOk(['inspect', ctr], `inspecting ${ctr}`).stdout)[0];
    assert.equal(info.Config.User, `${UID}:${UID}`);
    assert.equal(info.HostConfig.ReadonlyRootfs, true);
    assert.deepEqual(info.EffectiveCaps ?? [], []);
    assert.ok((info.HostConfig.SecurityOpt ?? []).some((o: string) => /no-new-privileges/.test(o)), JSON.stringify(info.HostConfig.SecurityOpt));
    assert.equal(info.ImageName, pinned);
    const status = sh('grep', ['-E', '^(Uid|Gid|CapEff|NoNewPrivs):', `/proc/${info.State.Pid}/status`]).stdout;
    assert.match(status, new RegExp(`^Uid:\\s+${UID}\\s+${UID}\\s+${UID}\\s+${UID}$`, 'm'));
    assert.match(status, /^CapEff:\s+0+$/m);
    assert.match(status, /^NoNewPrivs:\s+1$/m);
  });

  void it('writes outside the emptyDirs fail; inside them they work', () => {
    const tryWrite = (p: string) => podman(['exec', ctr, '/app/app', '--try-write', p], { timeoutSeconds: 30 }).status;
    assert.notEqual(tryWrite('/probe.txt'), 0, 'write to / must fail');
    assert.notEqual(tryWrite('/app/probe.txt'), 0, 'write to the app directory must fail');
    assert.equal(tryWrite('/tmp/probe.txt'), 0, 'write to /tmp (emptyDir) must work');
    assert.equal(tryWrite('/var/cache/app/probe.txt'), 0, 'write to /var/cache/app (emptyDir) must work');
  });

  void it('an exec probe of a binary in the image (no shell) passes when run as the kubelet runs it', (t) => {
    assert.ok(pinned, 'synthesis failed earlier');
    for (const file of played.splice(0)) { podman(['kube', 'down', file]); }
    const execObjects = synth(path.join(WORK, 'kube', 'out-exec'), app => {
      new WebServiceChart(app, 'web-service', chartOptions({ workload: ordersWorkload(HealthCheck.exec(['/app/app', '--check'])) }));
    });
    const deployment = execObjects.find(o => o.kind === 'Deployment');
    const container = deployment.spec.template.spec.containers[0];
    const probe: string[] = container.livenessProbe.exec.command;
    assert.deepEqual(probe, ['/app/app', '--check']);
    assert.deepEqual(container.readinessProbe.exec.command, probe);
    assert.equal(container.image, pinned, 'same sources, same digest');
    container.ports[0].hostPort = hostPort;
    play('deployment-exec', [deployment]);
    waitFor(`GET /healthz on 127.0.0.1:${hostPort}`, 60, () => httpStatus(`http://127.0.0.1:${hostPort}/healthz`).code === 200);
    ctr = findContainer();
    // The kubelet runs an exec probe through the CRI as an argv, with no shell: podman exec does the same.
    const run = podman(['exec', ctr, ...probe], { timeoutSeconds: 60 });
    assert.equal(run.status, 0, `${probe.join(' ')}: ${run.stdout}${run.stderr}`);
    // podman's own conversion of the probe (4.3: CMD-SHELL "... || exit 1") needs /bin/sh, which the
    // image does not have: reported, not relied on.
    const hc = JSON.parse(podmanOk(['inspect', '--format', '{{json .Config.Healthcheck}}', ctr], 'reading the health check').stdout);
    t.diagnostic(`podman turned the exec liveness probe into the health check ${JSON.stringify(hc?.Test)}`);
  });

  void it('the built-in probe (useBuiltInProbe: the HTTP check as an exec probe of /cdk-distroless/probe) passes, and fails on a wrong path', () => {
    assert.ok(pinned, 'synthesis failed earlier');
    for (const file of played.splice(0)) { podman(['kube', 'down', file]); }
    const probeObjects = synth(path.join(WORK, 'kube', 'out-probe'), app => {
      new WebServiceChart(app, 'web-service', chartOptions({ useBuiltInProbe: true }));
    });
    const deployment = probeObjects.find(o => o.kind === 'Deployment');
    const container = deployment.spec.template.spec.containers[0];
    const probe: string[] = container.livenessProbe.exec.command;
    assert.deepEqual(probe, ['/cdk-distroless/probe', 'http', '8080', '/healthz', '--timeout', '5']);
    assert.equal(container.image, pinned, 'same sources, same digest');
    container.ports[0].hostPort = hostPort;
    play('deployment-probe', [deployment]);
    waitFor(`GET /healthz on 127.0.0.1:${hostPort}`, 60, () => httpStatus(`http://127.0.0.1:${hostPort}/healthz`).code === 200);
    ctr = findContainer();
    const ok = podman(['exec', ctr, ...probe], { timeoutSeconds: 60 });
    assert.equal(ok.status, 0, `${probe.join(' ')}: ${ok.stdout}${ok.stderr}`);
    const wrong = podman(['exec', ctr, '/cdk-distroless/probe', 'http', '8080', '/no-such-path', '--timeout', '5'], { timeoutSeconds: 60 });
    assert.notEqual(wrong.status, 0, 'the probe must fail on a path that does not answer 2xx/3xx');
  });

  void it('runs the Job to completion (its pod template as a Pod: podman kube play 4.3 has no Job)', () => {
    assert.ok(pinned, 'synthesis failed earlier');
    // The cron job example's workload, run once now as a Job.
    const jobObjects = synth(path.join(WORK, 'kube', 'out-job'), app => {
      new kubernetes.DistrolessJob(new Chart(app, 'job'), 'report-now', { name: 'report-now', workload: reportWorkload(), image: chartOptions().image });
    });
    const job = jobObjects.find(o => o.kind === 'Job');
    assert.equal(job.spec.template.spec.restartPolicy, 'Never');
    assert.equal(job.spec.template.spec.containers[0].image, pinned);
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'report-now', labels: job.spec.template.metadata.labels }, spec: job.spec.template.spec };
    play('job', [pod]);
    const name = 'report-now-app';
    waitFor('the job container to exit', 60, () => podman(['inspect', '--format', '{{.State.Status}}', name]).stdout.trim() === 'exited');
    const state = JSON.parse(podmanOk(['inspect', name], `inspecting ${name}`).stdout)[0];
    assert.equal(state.State.ExitCode, 0, `report job: ${podman(['logs', name]).stderr}`);
    assert.equal(state.Config.User, `${UID}:${UID}`);
    assert.equal(state.HostConfig.ReadonlyRootfs, true);
  });
}
