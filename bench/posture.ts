/**
 * Times the posture checks beside the synthesis of the same apps, in one run:
 *
 *   npm run bench:posture [-- --services 200 --pods 10000]
 *
 * ECS: an aws-cdk-lib app of `--services` hand-hardened ApplicationLoadBalancedFargateServices (20 per stack, each stack with
 * its own VPC) is synthesized into a cdk.out; then the cdk.out is checked as `cdk-distroless check cdk.out` and the
 * `PostureValidator` plugin would (read and parse every template, run every rule).
 * Kubernetes: a cdk8s app of `--pods` hand-hardened cdk8s-plus Deployments (500 per chart) is synthesized into YAML; then it
 * is checked in process (`KubernetesPosture.check(app)`, no YAML) and from the YAML files (`cdk-distroless check dist/`).
 * Goal: checking adds at most 5% to synthesis. The bench prints figures; it asserts nothing about time.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import * as cdk from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as patterns from 'aws-cdk-lib/aws-ecs-patterns';
import * as cdk8s from 'cdk8s';
import * as kplus from 'cdk8s-plus-34';
import { KubernetesPosture } from '../lib/kubernetes';
import { PostureCheck, PostureReport } from '../lib/posture';
import { readText } from '../lib/posture/parse';

const DIGEST = `sha256:${'0'.repeat(64)}`;

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v <= 0) { throw new Error(`--${name} must be a positive integer, got ${process.argv[i + 1]}`); }
  return v;
}

function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const result = fn();
  return [result, performance.now() - start];
}

function ecsApp(outdir: string, services: number): cdk.App {
  const app = new cdk.App({ outdir });
  const perStack = 20;
  for (let s = 0; s * perStack < services; s++) {
    const stack = new cdk.Stack(app, `Services${s}`);
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const cluster = new ecs.Cluster(stack, 'Cluster', { vpc });
    for (let i = s * perStack; i < Math.min(services, (s + 1) * perStack); i++) {
      const task = new ecs.FargateTaskDefinition(stack, `Task${i}`);
      const linux = new ecs.LinuxParameters(stack, `Linux${i}`);
      linux.dropCapabilities(ecs.Capability.ALL);
      task.addContainer('app', {
        image: ecs.ContainerImage.fromRegistry(`registry.example.com/app${i}:1.0.0@${DIGEST}`),
        readonlyRootFilesystem: true,
        user: '65532:65532',
        linuxParameters: linux,
        portMappings: [{ containerPort: 8080 }],
        logging: ecs.LogDrivers.awsLogs({ streamPrefix: `app${i}` }),
      });
      new patterns.ApplicationLoadBalancedFargateService(stack, `Service${i}`, { cluster, taskDefinition: task });
    }
  }
  return app;
}

function k8sApp(outdir: string, pods: number): cdk8s.App {
  const app = new cdk8s.App({ outdir });
  const perChart = 500;
  for (let c = 0; c * perChart < pods; c++) {
    const chart = new cdk8s.Chart(app, `apps-${c}`);
    for (let i = c * perChart; i < Math.min(pods, (c + 1) * perChart); i++) {
      const dep = new kplus.Deployment(chart, `app-${i}`, {
        replicas: 1,
        securityContext: { user: 65532, group: 65532, ensureNonRoot: true },
        containers: [{
          image: `registry.example.com/app${i}:1.0.0@${DIGEST}`,
          portNumber: 8080,
          securityContext: {
            user: 65532,
            group: 65532,
            capabilities: { drop: [kplus.Capability.ALL] },
            seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
          },
        }],
      });
      dep.containers[0].mount('/tmp', kplus.Volume.fromEmptyDir(chart, `tmp-${i}`, 'tmp'));
    }
  }
  return app;
}

function summary(report: PostureReport): string {
  return `${report.workloadCount} workloads, ${report.findings.length} findings`;
}

function row(label: string, ms: number, base: number, note: string): string {
  return `${label.padEnd(44)} ${(ms / 1000).toFixed(2).padStart(8)} s ${base > 0 ? `${(100 * ms / base).toFixed(1).padStart(6)} %` : '        '}  ${note}`;
}

function main(): void {
  const services = option('services', 200);
  const pods = option('pods', 10000);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cdl-bench-posture-'));
  try {
    console.log(`Posture checks beside synthesis (node ${process.version}, ${os.cpus().length} cpus; percentages relative to the synthesis of the same app)\n`);

    const cdkOut = path.join(root, 'cdk.out');
    const [, synthMs] = time(() => ecsApp(cdkOut, services).synth());
    const bytes = fs.readdirSync(cdkOut).filter(f => f.endsWith('.template.json')).reduce((n, f) => n + fs.statSync(path.join(cdkOut, f)).size, 0);
    const [ecsReport, checkMs] = time(() => new PostureCheck().checkPath(cdkOut));
    console.log(row(`ECS: cdk synth, ${services} ALB Fargate services`, synthMs, 0, `${(bytes / 1024 / 1024).toFixed(1)} MiB of templates`));
    console.log(row('ECS: check cdk.out (CLI and validation plugin)', checkMs, synthMs, summary(ecsReport)));

    const dist = path.join(root, 'dist');
    const app = k8sApp(dist, pods);
    const [, k8sSynthMs] = time(() => app.synth());
    const yamlBytes = fs.readdirSync(dist).reduce((n, f) => n + fs.statSync(path.join(dist, f)).size, 0);
    const [objReport, objMs] = time(() => KubernetesPosture.check(app));
    const [yamlReport, yamlMs] = time(() => new PostureCheck().checkPath(dist));
    console.log(row(`Kubernetes: cdk8s synth, ${pods} Deployments`, k8sSynthMs, 0, `${(yamlBytes / 1024 / 1024).toFixed(1)} MiB of YAML`));
    const [objects, renderMs] = time(() => app.charts.flatMap(c => c.toJson()));
    const [rulesReport, rulesMs] = time(() => new PostureCheck().checkObjects(objects));
    const files = fs.readdirSync(dist).map(f => path.join(dist, f));
    const texts = files.map(f => fs.readFileSync(f, 'utf8'));
    const [, parseMs] = time(() => texts.forEach((t, i) => readText(t, files[i])));
    console.log(row('Kubernetes: KubernetesPosture.check(app)', objMs, k8sSynthMs, `${summary(objReport)}; renders every object again`));
    console.log(row('  of which rendering the objects (toJson)', renderMs, k8sSynthMs, 'the synthesis cost, paid twice'));
    console.log(row('  of which the rules on rendered objects', rulesMs, k8sSynthMs, summary(rulesReport)));
    console.log(row('Kubernetes: check dist/*.k8s.yaml (CLI)', yamlMs, k8sSynthMs, summary(yamlReport)));
    console.log(row('  of which parsing the YAML (yaml package)', parseMs, k8sSynthMs, 'with positions for findings'));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

main();
