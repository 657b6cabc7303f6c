// One Workload, two platforms: ecs.DistrolessService and kubernetes.DistrolessService must give it
// the same posture (user, read-only root, capabilities, writable paths, memory, health check).
// It runs once lib/ecs (issue "ECS") is merged; until then it is skipped. Checked against the ecs
// branch (trial merge, 7 passing) on 2026-12-02.
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Testing } from 'cdk8s';
import * as lib from '../../lib';
import { DistrolessImage, HealthCheck, kubernetes, Relaxation, Workload } from '../../lib';

const HAS_ECS = fs.existsSync(path.join(__dirname, '..', '..', 'lib', 'ecs', 'index.ts'));
const ecs = (lib as any).ecs;

const DIGEST = `sha256:${'e'.repeat(64)}`;

function workload(relaxations: Relaxation[] = []): Workload {
  return new Workload({
    image: DistrolessImage.fromRegistry(`registry.example.com/shop/orders@${DIGEST}`, {
      user: { uid: 1654, gid: 1654 }, ports: [8080], writablePaths: ['/tmp', '/var/cache/app'], healthProbePath: HealthCheck.PROBE_PATH,
    }),
    healthCheck: HealthCheck.http('/healthz'),
    resources: { memoryMiB: 1024 },
    relaxations,
  });
}

function onEcs(w: Workload): any {
  const stack = new Stack(new App(), 'Portable', { env: { account: '111111111111', region: 'eu-west-1' } });
  new ecs.DistrolessService(stack, 'Svc', { workload: w });
  const defs = Template.fromStack(stack).findResources('AWS::ECS::TaskDefinition');
  return (Object.values(defs)[0] as any).Properties.ContainerDefinitions[0];
}

function onKubernetes(w: Workload): any {
  const chart = Testing.chart();
  new kubernetes.DistrolessService(chart, 'svc', { workload: w });
  return Testing.synth(chart).find((o: any) => o.kind === 'Deployment').spec.template.spec;
}

(HAS_ECS ? describe : describe.skip)('the same Workload on ECS and Kubernetes', () => {
  if (!HAS_ECS) { test.skip('needs lib/ecs', () => undefined); return; }
  const w = workload();
  const task = onEcs(w);
  const pod = onKubernetes(w);
  const c = pod.containers[0];

  test('same numeric user and group', () => {
    expect(task.User).toBe('1654:1654');
    expect([c.securityContext.runAsUser, c.securityContext.runAsGroup]).toEqual([1654, 1654]);
  });
  test('read-only root on both', () => {
    expect(task.ReadonlyRootFilesystem).toBe(true);
    expect(c.securityContext.readOnlyRootFilesystem).toBe(true);
  });
  test('every capability dropped on both', () => {
    expect(task.LinuxParameters.Capabilities.Drop).toEqual(['ALL']);
    expect(c.securityContext.capabilities.drop).toEqual(['ALL']);
  });
  test('the same writable paths', () => {
    expect(task.MountPoints.map((m: any) => m.ContainerPath)).toEqual(c.volumeMounts.map((m: any) => m.mountPath));
  });
  test('the same memory limit', () => {
    expect(task.Memory).toBe(1024);
    expect(c.resources.limits.memory).toBe('1024Mi');
  });
  test('the same health check: HTTP /healthz on 8080 (ECS through the built-in probe, Kubernetes natively)', () => {
    expect(task.HealthCheck.Command).toEqual(['CMD', HealthCheck.PROBE_PATH, 'http', '8080', '/healthz', '--timeout', '5']);
    expect(c.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 8080 });
  });
  test('a relaxation is applied and recorded on both', () => {
    const relaxed = workload([Relaxation.writableRootFilesystem('legacy agent writes its PID file to /var/run (OPS-1234)')]);
    expect(onEcs(relaxed).ReadonlyRootFilesystem).toBe(false);
    const k = onKubernetes(relaxed);
    expect(k.containers[0].securityContext.readOnlyRootFilesystem).toBe(false);
  });
});
