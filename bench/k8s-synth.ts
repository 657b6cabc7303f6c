// Synthesis cost of kubernetes.DistrolessService against the same posture written by hand with
// cdk8s-plus (the baseline below), for 1, 100 and 1000 services in one chart, in the same run.
// Everything is first compiled with tsc into a scratch folder, so no transpiler runs or sits in
// memory during a measurement. Each measurement runs in its own Node.js process (so peak RSS is
// that run's own, imports included), the two implementations alternate, and the median of the
// rounds is reported. Wall time covers constructing the objects and App.synth(); not the imports.
//
// Usage: npm run bench:k8s-synth [-- --rounds 3 --sizes 1,100,1000]
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

type Impl = 'distroless' | 'baseline';
const DIGEST_REF = `registry.example.com/shop/orders@sha256:${'d'.repeat(64)}`;

/** The library: one construct per service. Imports the submodules directly (no aws-cdk-lib). */
function distroless(): (n: number, outdir: string) => void {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { App, Chart } = require('cdk8s') as typeof import('cdk8s');
  const { kubernetes } = { kubernetes: require('../lib/kubernetes') as typeof import('../lib/kubernetes') };
  const { DistrolessImage, Workload } = require('../lib/workload') as typeof import('../lib/workload');
  /* eslint-enable @typescript-eslint/no-require-imports */
  return (n, outdir) => {
    const app = new App({ outdir });
    const chart = new Chart(app, 'bench');
    for (let i = 0; i < n; i++) {
      const workload = new Workload({ image: DistrolessImage.fromRegistry(DIGEST_REF, { user: { uid: 65532, gid: 65532 }, ports: [8080] }) });
      new kubernetes.DistrolessService(chart, `svc${i}`, { workload });
    }
    app.synth();
  };
}

/**
 * The baseline: what a careful engineer writes with cdk8s-plus for the same posture (same objects
 * and fields): ServiceAccount without token, Deployment with 2 replicas, non-root user/group,
 * fsGroup, seccomp RuntimeDefault, drop ALL, no escalation, read-only root, /tmp as a sized
 * emptyDir, requests and memory limit, TCP readiness and liveness, linux/amd64 nodes, topology
 * spread over nodes and zones, no service links, a ClusterIP Service and a PodDisruptionBudget.
 */
function baseline(): (n: number, outdir: string) => void {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { ApiObject, App, Chart, Duration, JsonPatch, Size } = require('cdk8s') as typeof import('cdk8s');
  const kplus = require('cdk8s-plus-34') as typeof import('cdk8s-plus-34');
  /* eslint-enable @typescript-eslint/no-require-imports */
  return (n, outdir) => {
    const app = new App({ outdir });
    const chart = new Chart(app, 'bench');
    for (let i = 0; i < n; i++) {
      const labels = { 'app.kubernetes.io/name': `svc${i}` };
      const sa = new kplus.ServiceAccount(chart, `svc${i}-sa`, { automountToken: false });
      const tmp = kplus.Volume.fromEmptyDir(chart, `svc${i}-tmp`, 'tmp', { sizeLimit: Size.mebibytes(128) });
      const probe = () => kplus.Probe.fromTcpSocket({
        port: 8080,
        periodSeconds: Duration.seconds(15),
        timeoutSeconds: Duration.seconds(5),
        failureThreshold: 3,
        initialDelaySeconds: Duration.seconds(10),
      });
      const deployment = new kplus.Deployment(chart, `svc${i}-deploy`, {
        replicas: 2,
        serviceAccount: sa,
        automountServiceAccountToken: false,
        podMetadata: { labels },
        securityContext: {
          ensureNonRoot: true,
          user: 65532,
          group: 65532,
          fsGroup: 65532,
          fsGroupChangePolicy: kplus.FsGroupChangePolicy.ON_ROOT_MISMATCH,
        },
        containers: [{
          name: 'app',
          image: DIGEST_REF,
          imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
          portNumber: 8080,
          securityContext: {
            ensureNonRoot: true,
            user: 65532,
            group: 65532,
            privileged: false,
            readOnlyRootFilesystem: true,
            allowPrivilegeEscalation: false,
            capabilities: { drop: [kplus.Capability.ALL] },
            seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
          },
          resources: {
            cpu: { request: kplus.Cpu.millis(250) },
            memory: { request: Size.mebibytes(512), limit: Size.mebibytes(512) },
          },
          readiness: probe(),
          liveness: probe(),
          volumeMounts: [{ path: '/tmp', volume: tmp }],
        }],
      });
      const dep = ApiObject.of(deployment);
      dep.addJsonPatch(JsonPatch.add('/spec/template/spec/enableServiceLinks', false));
      dep.addJsonPatch(JsonPatch.add('/spec/template/spec/securityContext/seccompProfile', { type: 'RuntimeDefault' }));
      dep.addJsonPatch(JsonPatch.add('/spec/template/spec/nodeSelector', { 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' }));
      dep.addJsonPatch(JsonPatch.add('/spec/template/spec/topologySpreadConstraints', ['kubernetes.io/hostname', 'topology.kubernetes.io/zone'].map(topologyKey => ({
        maxSkew: 1, topologyKey, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: deployment.matchLabels },
      }))));
      deployment.exposeViaService({ ports: [{ port: 8080, targetPort: 8080 }] });
      new kplus.k8s.KubePodDisruptionBudget(chart, `svc${i}-pdb`, {
        spec: { maxUnavailable: kplus.k8s.IntOrString.fromNumber(1), selector: { matchLabels: deployment.matchLabels } },
      });
    }
    app.synth();
  };
}

/** One measurement, in this (child) process. */
function child(impl: Impl, n: number): void {
  // K8S_BENCH_KEEP=<dir> keeps the YAML there, to compare the two outputs by eye.
  const keep = process.env.K8S_BENCH_KEEP ? path.join(process.env.K8S_BENCH_KEEP, impl) : undefined;
  const outdir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), `cdl-bench-${impl}-`));
  const run = (impl === 'distroless' ? distroless : baseline)();
  const started = process.hrtime.bigint();
  run(n, outdir);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const text = fs.readdirSync(outdir).filter(f => f.endsWith('.yaml')).map(f => fs.readFileSync(path.join(outdir, f), 'utf8')).join('\n---\n');
  const objects = text.split(/^kind: /m).length - 1;
  if (!keep) { fs.rmSync(outdir, { recursive: true, force: true }); }
  // maxRSS is in KiB: the process's peak resident memory, imports included.
  process.stdout.write(JSON.stringify({ ms, rssMiB: process.resourceUsage().maxRSS / 1024, objects, bytes: text.length }));
}

interface Sample { ms: number; rssMiB: number; objects: number; bytes: number }

const ROOT = path.join(__dirname, '..');

/** Compiles this file and the library it uses into a scratch folder; returns this file's .js there. */
function compile(): string {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cdl-bench-js-'));
  const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '--outDir', out, '--rootDir', ROOT, '--module', 'commonjs', '--target', 'es2022',
    '--esModuleInterop', '--skipLibCheck', '--strict', '--declaration', 'false', '--ignoreConfig', '--types', 'node', '--noCheck', path.join(ROOT, 'bench', 'k8s-synth.ts')], { encoding: 'utf8' });
  if (tsc.status !== 0) { throw new Error(`tsc failed:\n${tsc.stdout}${tsc.stderr}`); }
  return path.join(out, 'bench', 'k8s-synth.js');
}

function measure(script: string, impl: Impl, n: number): Sample {
  const r = spawnSync(process.execPath, [script, '--child', impl, String(n)], {
    encoding: 'utf8',
    env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) { throw new Error(`${impl} ${n}: exited ${r.status}\n${r.stderr}`); }
  return JSON.parse(r.stdout);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function main(): void {
  const args = process.argv.slice(2);
  if (args[0] === '--child') { return child(args[1] as Impl, Number(args[2])); }
  const opt = (name: string, fallback: string) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : fallback; };
  const rounds = Number(opt('rounds', '3'));
  const sizes = opt('sizes', '1,100,1000').split(',').map(Number);
  const script = compile();
  console.log(`kubernetes.DistrolessService vs hand-hardened cdk8s-plus-34, one chart, App.synth() to YAML; median of ${rounds} rounds, each in its own process (${os.cpus().length} CPUs, Node ${process.version})`);
  console.log('| services | objects (ours / baseline) | wall ms (ours) | wall ms (baseline) | ratio | peak RSS MiB (ours) | peak RSS MiB (baseline) | ratio |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const n of sizes) {
    const samples: { [impl: string]: Sample[] } = { distroless: [], baseline: [] };
    for (let r = 0; r < rounds; r++) {
      for (const impl of (r % 2 === 0 ? ['distroless', 'baseline'] : ['baseline', 'distroless']) as Impl[]) {
        samples[impl].push(measure(script, impl, n));
      }
    }
    const ours = { ms: median(samples.distroless.map(s => s.ms)), rss: median(samples.distroless.map(s => s.rssMiB)) };
    const base = { ms: median(samples.baseline.map(s => s.ms)), rss: median(samples.baseline.map(s => s.rssMiB)) };
    console.log(`| ${n} | ${samples.distroless[0].objects} / ${samples.baseline[0].objects} | ${ours.ms.toFixed(0)} | ${base.ms.toFixed(0)} | ${(ours.ms / base.ms).toFixed(2)} | ${ours.rss.toFixed(0)} | ${base.rss.toFixed(0)} | ${(ours.rss / base.rss).toFixed(2)} |`);
  }
  fs.rmSync(path.dirname(path.dirname(script)), { recursive: true, force: true });
}

main();
