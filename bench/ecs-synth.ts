/**
 * Synthesizes N = 1, 10, 50 and 200 hardened Fargate services behind an HTTPS ALB, once with
 * ecs.DistrolessService and once with the hand-written aws-cdk-lib baseline (bench/ecs-baseline.ts),
 * in the same run, and prints wall time, peak memory and their ratio side by side.
 *
 *   npm run bench:ecs-synth [-- --counts 1,10,50,200 --runs 3 --per-stack 25]
 *
 * Each measurement is a fresh node process: after a one-service warm-up (lazy module loading), the
 * time to construct the app and app.synth() it into a temp folder (no CLI, no policy plugins), the
 * wall time of the whole process (node and ts-node start-up included) and its peak RSS. Services are split into
 * stacks of --per-stack (default 25, about 430 resources) so that no stack passes CloudFormation's
 * 500-resource limit; each stack has its own VPC, cluster, log key and access-log bucket in both
 * variants. Both use the same pinned registry image, so no Docker context is staged. Figures are
 * the median of --runs; the bench prints them and asserts nothing about time.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { App, aws_certificatemanager as acm, Stack } from 'aws-cdk-lib';
import { BaselineService, baselineShared } from './ecs-baseline';
import { DistrolessImage, ecs, HealthCheck, Workload } from '../lib';

const ENV = { account: '111111111111', region: 'eu-west-1' };
const CONTEXT = { 'availability-zones:account=111111111111:region=eu-west-1': ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] };
const CERT = 'arn:aws:acm:eu-west-1:111111111111:certificate/00000000-0000-4000-8000-000000000000';
const IMAGE = `registry.example.com/app@sha256:${'a'.repeat(64)}`;
const MAX_RESOURCES = 500;

type Variant = 'distroless' | 'baseline';

interface ChildResult {
  readonly synthMs: number;
  /** CPU time of the synth window: steadier than wall time on a shared machine. */
  readonly cpuMs: number;
  readonly stacks: number;
  readonly maxResources: number;
  readonly maxRssMiB: number;
}

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** Child: build and synthesize one app, print the figures as JSON. */
function child(variant: Variant, count: number, perStack: number): void {
  // Warm-up: aws-cdk-lib loads its modules lazily (and ts-node transpiles on first use); a one-service
  // app of the same variant pays that before the clock starts.
  synthesize(variant, 1, perStack);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const { stacks, maxResources } = synthesize(variant, count, perStack);
  const synthMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  const result: ChildResult = { synthMs, cpuMs, stacks, maxResources, maxRssMiB: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(JSON.stringify(result));
}

function synthesize(variant: Variant, count: number, perStack: number): { stacks: number; maxResources: number } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdl-bench-ecs-'));
  const app = new App({ outdir, context: CONTEXT });
  const workload = new Workload({
    image: DistrolessImage.fromRegistry(IMAGE, {
      user: { uid: 65532, gid: 65532 },
      ports: [8080],
      writablePaths: ['/tmp', '/var/cache/app'],
      healthProbePath: '/cdk-distroless/probe',
    }),
    healthCheck: HealthCheck.http('/healthz'),
  });
  for (let s = 0; s * perStack < count; s++) {
    const stack = new Stack(app, `Services${s}`, { env: ENV });
    const n = Math.min(perStack, count - s * perStack);
    if (variant === 'distroless') {
      const certificate = acm.Certificate.fromCertificateArn(stack, 'Certificate', CERT);
      for (let i = 0; i < n; i++) {
        new ecs.DistrolessService(stack, `Svc${i}`, { workload, ingress: ecs.Ingress.httpsAlb({ certificate }) });
      }
    } else {
      const shared = baselineShared(stack, CERT);
      for (let i = 0; i < n; i++) { new BaselineService(stack, `Svc${i}`, shared, IMAGE); }
    }
  }
  const assembly = app.synth();
  let maxResources = 0;
  for (const stack of assembly.stacks) {
    const resources = Object.keys((stack.template as { Resources: object }).Resources).length;
    maxResources = Math.max(maxResources, resources);
  }
  fs.rmSync(outdir, { recursive: true, force: true });
  return { stacks: assembly.stacks.length, maxResources };
}

interface Measurement extends ChildResult { readonly wallMs: number }

function measure(variant: Variant, count: number, perStack: number): Measurement {
  const started = performance.now();
  const r = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', __filename, '--child', variant, String(count), String(perStack)], {
    encoding: 'utf8',
    env: { ...process.env, TS_NODE_PROJECT: path.join(__dirname, '..', 'test', 'tsconfig.json'), TS_NODE_PREFER_TS_EXTS: 'true' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = performance.now() - started;
  if (r.status !== 0) { throw new Error(`bench/ecs-synth: ${variant} N=${count} failed:\n${r.stderr}`); }
  const result = JSON.parse(r.stdout.trim().split('\n').pop()!) as ChildResult;
  if (result.maxResources > MAX_RESOURCES) {
    throw new Error(`bench/ecs-synth: ${variant} N=${count}: a stack has ${result.maxResources} resources (limit ${MAX_RESOURCES}); lower --per-stack.`);
  }
  return { ...result, wallMs };
}

function median<T>(values: T[], key: (v: T) => number): number {
  const sorted = values.map(key).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function main(): void {
  const counts = option('counts', '1,10,50,200').split(',').map(Number);
  const runs = Number(option('runs', '3'));
  const perStack = Number(option('per-stack', '25'));
  console.log(`ecs synth: DistrolessService vs hand-written aws-cdk-lib, HTTPS ALB services, ${perStack} per stack, median of ${runs} (node ${process.version}, ${os.cpus().length} CPUs)`);
  console.log(['N', 'stacks', 'max resources/stack', 'synth s distroless', 'synth s baseline', 'synth ratio', 'CPU s distroless', 'CPU s baseline', 'CPU ratio',
    'process s distroless', 'process s baseline', 'peak MiB distroless', 'peak MiB baseline', 'memory ratio'].join(' | '));
  for (const count of counts) {
    const d: Measurement[] = [];
    const b: Measurement[] = [];
    for (let i = 0; i < runs; i++) {
      // Alternate the order so that neither variant always runs on a warmer machine.
      if (i % 2 === 0) { d.push(measure('distroless', count, perStack)); b.push(measure('baseline', count, perStack)); } else { b.push(measure('baseline', count, perStack)); d.push(measure('distroless', count, perStack)); }
    }
    const dw = median(d, m => m.wallMs) / 1000;
    const bw = median(b, m => m.wallMs) / 1000;
    const dm = median(d, m => m.maxRssMiB);
    const bm = median(b, m => m.maxRssMiB);
    const ds = median(d, m => m.synthMs);
    const bs = median(b, m => m.synthMs);
    const dc = median(d, m => m.cpuMs);
    const bc = median(b, m => m.cpuMs);
    console.log([count, d[0].stacks, `${d[0].maxResources} / ${b[0].maxResources}`, (ds / 1000).toFixed(2), (bs / 1000).toFixed(2), (ds / bs).toFixed(3),
      (dc / 1000).toFixed(2), (bc / 1000).toFixed(2), (dc / bc).toFixed(3), dw.toFixed(2), bw.toFixed(2), dm.toFixed(0), bm.toFixed(0), (dm / bm).toFixed(3)].join(' | '));
  }
}

if (process.argv.includes('--child')) {
  const i = process.argv.indexOf('--child');
  child(process.argv[i + 1] as Variant, Number(process.argv[i + 2]), Number(process.argv[i + 3]));
} else {
  main();
}
