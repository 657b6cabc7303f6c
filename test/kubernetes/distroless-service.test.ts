import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import { DIGEST, one, REF, registryWorkload, sourceWorkload } from './fixtures';
import { podTemplates, restrictedViolations, validateAll } from './manifests';
import { CpuArchitecture, DistrolessImage, HealthCheck, kubernetes, Relaxation, TimeSpan, Workload } from '../../lib';

const { DistrolessService, ServiceType, ImagePullPolicy } = kubernetes;

function synth(props: Partial<kubernetes.DistrolessServiceProps> = {}, workload = registryWorkload()): any[] {
  const chart = Testing.chart();
  new DistrolessService(chart, 'api', { workload, ...props });
  const objects = Testing.synth(chart);
  validateAll(objects);
  return objects;
}

const container = (objects: any[]) => one(objects, 'Deployment').spec.template.spec.containers[0];
const podSpec = (objects: any[]) => one(objects, 'Deployment').spec.template.spec;

describe('DistrolessService defaults', () => {
  const objects = synth();

  test('a Deployment, a Service, a ServiceAccount and a PodDisruptionBudget, all schema-valid', () => {
    expect(objects.map(o => o.kind).sort()).toEqual(['Deployment', 'PodDisruptionBudget', 'Service', 'ServiceAccount']);
  });

  test('the pod passes the restricted profile and the extras', () => {
    expect(restrictedViolations(one(objects, 'Deployment').spec.template)).toEqual([]);
  });

  test('2 replicas', () => {
    expect(one(objects, 'Deployment').spec.replicas).toBe(2);
  });

  test('pod security context: non-root, the profile\'s user and group, fsGroup, RuntimeDefault seccomp', () => {
    expect(podSpec(objects).securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 65532,
      runAsGroup: 65532,
      fsGroup: 65532,
      fsGroupChangePolicy: 'OnRootMismatch',
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  test('container security context: no escalation, drop ALL, read-only root, not privileged', () => {
    expect(container(objects).securityContext).toEqual({
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      runAsUser: 65532,
      runAsGroup: 65532,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  test('own ServiceAccount with automount off, named in the pod; no token in the pod; no service links', () => {
    const sa = one(objects, 'ServiceAccount');
    expect(sa.automountServiceAccountToken).toBe(false);
    expect(podSpec(objects).serviceAccountName).toBe(sa.metadata.name);
    expect(podSpec(objects).automountServiceAccountToken).toBe(false);
    expect(podSpec(objects).enableServiceLinks).toBe(false);
  });

  test('the image\'s writable paths as emptyDir with a 128 MiB size limit', () => {
    expect(podSpec(objects).volumes).toEqual([{ name: 'tmp', emptyDir: { sizeLimit: '128Mi' } }]);
    expect(container(objects).volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
  });

  test('requests 250m CPU and 512Mi memory; memory limit 512Mi; no CPU limit', () => {
    expect(container(objects).resources).toEqual({ requests: { cpu: '250m', memory: '512Mi' }, limits: { memory: '512Mi' } });
  });

  test('the registry image by digest, pulled if not present', () => {
    expect(container(objects).image).toBe(REF);
    expect(container(objects).imagePullPolicy).toBe('IfNotPresent');
  });

  test('a TCP probe on the first port for readiness and liveness (the workload\'s default check)', () => {
    const c = container(objects);
    expect(c.livenessProbe).toEqual({
      tcpSocket: { port: 8080 },
      periodSeconds: 15,
      timeoutSeconds: 5,
      failureThreshold: 3,
      initialDelaySeconds: 10,
    });
    expect(c.readinessProbe).toEqual({ ...c.livenessProbe, successThreshold: 2 });
  });

  test('ClusterIP Service on the first port, selecting the pods', () => {
    const svc = one(objects, 'Service');
    expect(svc.spec.type).toBe('ClusterIP');
    expect(svc.spec.ports).toEqual([{ name: 'app', port: 8080, targetPort: 8080, protocol: 'TCP' }]);
    expect(svc.spec.selector).toEqual(one(objects, 'Deployment').spec.selector.matchLabels);
    expect(Object.keys(svc.spec.selector))
      .toEqual(['cdk-distroless.io/workload']);
  });

  test('PodDisruptionBudget with maxUnavailable 1', () => {
    expect(one(objects, 'PodDisruptionBudget').spec).toEqual({ maxUnavailable: 1, selector: one(objects, 'Deployment').spec.selector });
  });

  test('topology spread across nodes and zones, as a preference', () => {
    const c = podSpec(objects).topologySpreadConstraints;
    expect(c.map((x: any) => [x.topologyKey, x.maxSkew, x.whenUnsatisfiable])).toEqual([
      ['kubernetes.io/hostname', 1, 'ScheduleAnyway'], ['topology.kubernetes.io/zone', 1, 'ScheduleAnyway'],
    ]);
  });

  test('linux nodes of the workload\'s architecture (amd64)', () => {
    expect(podSpec(objects).nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' });
  });

  test('no NetworkPolicy, no HPA, no annotations, no namespace', () => {
    expect(objects.some(o => o.kind === 'NetworkPolicy' || o.kind === 'HorizontalPodAutoscaler')).toBe(false);
    expect(one(objects, 'Deployment').metadata.annotations).toBeUndefined();
    expect(objects.every(o => o.metadata.namespace === undefined)).toBe(true);
  });

  test('object names derived by cdk8s from the construct path', () => {
    for (const o of objects) { expect(o.metadata.name).toMatch(/^test-api-[a-z]+-c8[a-f0-9]{6}$/); }
  });

  test('no env and no args unless the workload sets them', () => {
    expect(container(objects).env).toBeUndefined();
    expect(container(objects).args).toBeUndefined();
  });
});

describe('DistrolessService options', () => {
  test('replicas 1: no PodDisruptionBudget', () => {
    expect(synth({ replicas: 1 }).some(o => o.kind === 'PodDisruptionBudget')).toBe(false);
  });

  test('name, namespace and labels reach every object', () => {
    const objects = synth({ name: 'orders', namespace: 'shop', labels: { team: 'checkout' } });
    for (const o of objects) {
      expect(o.metadata).toMatchObject({ name: 'orders', namespace: 'shop', labels: { team: 'checkout' } });
    }
    expect(one(objects, 'Deployment').spec.template.metadata.labels.team).toBe('checkout');
  });

  test('port and serviceType', () => {
    const svc = one(synth({ port: 80, serviceType: ServiceType.LOAD_BALANCER }), 'Service');
    expect(svc.spec).toMatchObject({ type: 'LoadBalancer', ports: [{ port: 80, targetPort: 8080 }] });
  });

  test('networkPolicy: ingress to the container port only', () => {
    const np = one(synth({ networkPolicy: true }), 'NetworkPolicy');
    expect(np.spec).toEqual({
      podSelector: { matchLabels: expect.any(Object) }, policyTypes: ['Ingress'], ingress: [{ ports: [{ port: 8080, protocol: 'TCP' }] }],
    });
  });

  test('autoscaling: an HPA on CPU; the Deployment leaves replicas to it; PDB from minReplicas', () => {
    const objects = synth({ autoscaling: { maxReplicas: 10 } });
    const hpa = one(objects, 'HorizontalPodAutoscaler');
    expect(hpa.spec).toMatchObject({ minReplicas: 2, maxReplicas: 10, scaleTargetRef: { kind: 'Deployment', name: one(objects, 'Deployment').metadata.name } });
    expect(hpa.spec.metrics[0].resource.target).toEqual({ type: 'Utilization', averageUtilization: 70 });
    expect(one(objects, 'Deployment').spec.replicas).toBeUndefined();
    one(objects, 'PodDisruptionBudget');
  });

  test('topologySpread: false leaves scheduling alone', () => {
    expect(podSpec(synth({ topologySpread: false })).topologySpreadConstraints).toBeUndefined();
  });

  test('HTTP, gRPC and exec checks become httpGet, grpc and exec probes', () => {
    const http = container(synth({}, registryWorkload({ healthCheck: HealthCheck.http('/healthz', { interval: TimeSpan.seconds(20) }) })));
    expect(http.livenessProbe).toMatchObject({ httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 20 });
    const grpc = container(synth({}, registryWorkload({ healthCheck: HealthCheck.grpc(9090, { service: 'orders.v1' }) })));
    expect(grpc.readinessProbe.grpc).toEqual({ port: 9090, service: 'orders.v1' });
    const exec = container(synth({}, registryWorkload({ healthCheck: HealthCheck.exec(['/app/server', '--check']) })));
    expect(exec.livenessProbe.exec).toEqual({ command: ['/app/server', '--check'] });
  });

  test('useBuiltInProbe: HTTP check through the image\'s probe binary, no shell', () => {
    const w = registryWorkload({ healthCheck: HealthCheck.http('/healthz') }, { healthProbePath: HealthCheck.PROBE_PATH });
    const c = container(synth({ useBuiltInProbe: true }, w));
    expect(c.livenessProbe.exec.command).toEqual(['/cdk-distroless/probe', 'http', '8080', '/healthz', '--timeout', '5']);
  });

  test('environment as values, secrets as secretKeyRef', () => {
    const w = registryWorkload({ environment: { LOG_LEVEL: 'info' } });
    const c = container(synth({ secrets: [{ name: 'DB_PASSWORD', secretName: 'orders-db', key: 'password' }] }, w));
    expect(c.env).toEqual([
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'orders-db', key: 'password' } } },
    ]);
  });

  test('an optional secret says so; a required one leaves optional out', () => {
    const c = container(synth({ secrets: [{ name: 'API_TOKEN', secretName: 'api', key: 'token', optional: true }] }));
    expect(c.env).toEqual([{ name: 'API_TOKEN', valueFrom: { secretKeyRef: { name: 'api', key: 'token', optional: true } } }]);
  });

  test('args, resources, writable paths with size limits, arm64', () => {
    const w = new Workload({
      image: DistrolessImage.fromRegistry(REF, { user: { uid: 1654, gid: 1654 }, ports: [8080], writablePaths: ['/tmp', '/var/cache/app'], architectures: [CpuArchitecture.ARM64] }),
      args: ['--serve'],
      resources: { cpuMillicores: 500, memoryMiB: 1024 },
      writablePaths: [{ path: '/tmp', sizeLimitMiB: 64 }, { path: '/var/cache/app', sizeLimitMiB: 256 }],
      architecture: 'arm64' as any,
    });
    const objects = synth({}, w);
    const c = container(objects);
    expect(c.args).toEqual(['--serve']);
    expect(c.resources).toEqual({ requests: { cpu: '500m', memory: '1024Mi' }, limits: { memory: '1024Mi' } });
    expect(podSpec(objects).volumes).toEqual([{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }, { name: 'var-cache-app', emptyDir: { sizeLimit: '256Mi' } }]);
    expect(podSpec(objects).securityContext).toMatchObject({ runAsUser: 1654, runAsGroup: 1654, fsGroup: 1654 });
    expect(podSpec(objects).nodeSelector['kubernetes.io/arch']).toBe('arm64');
  });

  test('relaxations are applied and recorded with their reason as annotations', () => {
    const w = registryWorkload({
      relaxations: [
        Relaxation.writableRootFilesystem('legacy agent writes its PID file to /var/run (OPS-1234)'),
        Relaxation.addCapability('NET_BIND_SERVICE', 'binds port 443 directly (OPS-99)'),
      ],
    });
    const objects = synth({}, w);
    const c = container(objects);
    expect(c.securityContext.readOnlyRootFilesystem).toBe(false);
    expect(c.securityContext.capabilities).toEqual({ drop: ['ALL'], add: ['NET_BIND_SERVICE'] });
    const expected = {
      'cdk-distroless.io/relaxed-read-only-root': 'legacy agent writes its PID file to /var/run (OPS-1234)',
      'cdk-distroless.io/relaxed-capabilities': 'NET_BIND_SERVICE: binds port 443 directly (OPS-99)',
      'cdk-distroless.io/relaxations': JSON.stringify([
        { control: 'read-only-root', reason: 'legacy agent writes its PID file to /var/run (OPS-1234)' },
        { control: 'capabilities', reason: 'binds port 443 directly (OPS-99)', capability: 'NET_BIND_SERVICE' },
      ]),
    };
    expect(one(objects, 'Deployment').metadata.annotations).toEqual(expected);
    expect(one(objects, 'Deployment').spec.template.metadata.annotations).toEqual(expected);
    // still "restricted" (NET_BIND_SERVICE is allowed); only the extra read-only check notices
    expect(restrictedViolations(one(objects, 'Deployment').spec.template)).toEqual(['(extra) container app.securityContext.readOnlyRootFilesystem must be true']);
  });

  test('the posture checks accept a recorded relaxation with its reason, and nothing else', () => {
    const chart = Testing.chart();
    new DistrolessService(chart, 'api', {
      workload: registryWorkload({ relaxations: [Relaxation.writableRootFilesystem('legacy agent writes its PID file to /var/run (OPS-1234)')] }),
    });
    const report = kubernetes.KubernetesPosture.check(chart);
    const active = report.findings.filter(f => f.level === 'error' && !f.suppressed);
    expect(active).toEqual([]);
    const relaxed = report.findings.filter(f => f.suppressed);
    expect(relaxed.length).toBeGreaterThan(0);
    expect(relaxed.every(f => f.ruleId === 'CDP002' && /OPS-1234/.test(f.suppressionReason ?? ''))).toBe(true);
  });

  test('a registry image with an explicit tag and a pin waiver: the tag, the waiver as annotation', () => {
    const w = registryWorkload({}, { pinWaiver: 'vendor publishes tags only (VEND-7)' });
    const ref = 'registry.example.com/vendor/agent:4.2.1';
    const tagged = new Workload({ image: DistrolessImage.fromRegistry(ref, { user: { uid: 65532, gid: 65532 }, ports: [8080], pinWaiver: 'vendor publishes tags only (VEND-7)' }) });
    expect(w).toBeDefined();
    const objects = synth({}, tagged);
    expect(container(objects).image).toBe(ref);
    expect(one(objects, 'Deployment').metadata.annotations['cdk-distroless.io/image-pin-waiver']).toBe('vendor publishes tags only (VEND-7)');
  });

  test('pullPolicy', () => {
    expect(container(synth({ image: { pullPolicy: ImagePullPolicy.NEVER } })).imagePullPolicy).toBe('Never');
  });
});

describe('DistrolessService with an image built from source', () => {
  test('stages the build context beside the manifests and names repository:ctx-<hash>', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    new DistrolessService(chart, 'api', { workload: sourceWorkload(), image: { repository: 'registry.example.com/team/api' } });
    const objects = chart.toJson();
    validateAll(objects);
    const image: string = container(objects).image;
    expect(image).toMatch(/^registry\.example\.com\/team\/api:ctx-[a-f0-9]{12}$/);
    const staged = fs.readdirSync(path.join(app.outdir, 'images'));
    expect(staged).toHaveLength(1);
    expect(staged[0]).toMatch(new RegExp(`^context\\.${image.split(':ctx-')[1]}`));
    expect(fs.existsSync(path.join(app.outdir, 'images', staged[0], 'Dockerfile'))).toBe(true);
    expect(restrictedViolations(one(objects, 'Deployment').spec.template)).toEqual([]);
  });

  test('an explicit tag and staging folder', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cdl-k8s-')) });
    const chart = new Chart(app, 'c');
    new DistrolessService(chart, 'api', { workload: sourceWorkload(), image: { repository: '127.0.0.1:5000/api', tag: '1.2.3', stagingFolder: 'ctx' } });
    expect(container(chart.toJson()).image).toBe('127.0.0.1:5000/api:1.2.3');
    expect(fs.readdirSync(path.join(app.outdir, 'ctx'))).toHaveLength(1);
  });
});

describe('DistrolessService rejections', () => {
  const chart = () => Testing.chart();
  test('fails if the workload is not a Workload', () => {
    expect(() => new DistrolessService(chart(), 'api', { workload: {} as any })).toThrow(/DistrolessService test\/api: workload must be a Workload/);
  });
  test('fails if the workload has no port', () => {
    const w = registryWorkload({ ports: [] }, { ports: [] });
    expect(() => new DistrolessService(chart(), 'api', { workload: w })).toThrow(/test\/api: the workload has no port.*DistrolessJob/);
  });
  test('fails if replicas is negative or fractional', () => {
    expect(() => synth({ replicas: -1 })).toThrow(/replicas -1 must be a whole number from 0/);
    expect(() => synth({ replicas: 1.5 })).toThrow(/replicas 1.5/);
  });
  test('fails if the port is out of range', () => {
    expect(() => synth({ port: 70000 })).toThrow(/port 70000 must be a whole number from 1 to 65535/);
  });
  test('fails if serviceType is not a ServiceType', () => {
    expect(() => synth({ serviceType: 'External' as any })).toThrow(/serviceType "External" is not a ServiceType/);
  });
  test('fails if maxReplicas is below minReplicas', () => {
    expect(() => synth({ autoscaling: { maxReplicas: 1, minReplicas: 2 } })).toThrow(/autoscaling.maxReplicas \(at least minReplicas, 2\) 1/);
  });
  test('fails if autoscaling has no maxReplicas', () => {
    expect(() => synth({ autoscaling: {} as any })).toThrow(/autoscaling \{\} needs maxReplicas/);
  });
  test('fails if labels, image or secrets have the wrong shape', () => {
    expect(() => synth({ labels: 'team' as any })).toThrow(/labels must be an object, got "team"/);
    expect(() => synth({ image: 'registry.example.com/x:1' as any })).toThrow(/image must be an object/);
    expect(() => synth({ secrets: { name: 'X' } as any })).toThrow(/secrets must be a list of \{ name, secretName, key \}/);
  });
  test('fails if targetCpuUtilizationPercent is above 100', () => {
    expect(() => synth({ autoscaling: { maxReplicas: 3, targetCpuUtilizationPercent: 150 } })).toThrow(/targetCpuUtilizationPercent 150 must be a whole number from 1 to 100/);
  });
  test('fails if the name is not a DNS label', () => {
    expect(() => synth({ name: 'Orders_API' })).toThrow(/name "Orders_API" is not a DNS label/);
  });
  test('fails if the namespace is not a DNS label', () => {
    expect(() => synth({ namespace: 'Shop' })).toThrow(/namespace "Shop" is not a DNS label/);
  });
  test('fails if a label is invalid or takes the selector key', () => {
    expect(() => synth({ labels: { team: 'check out' } })).toThrow(/label "team": "check out" is not a valid Kubernetes label/);
    expect(() => synth({ labels: { 'cdk-distroless.io/workload': 'x' } })).toThrow(/is the selector the construct sets itself/);
  });
  test('fails if a capability other than NET_BIND_SERVICE is added', () => {
    const w = registryWorkload({ relaxations: [Relaxation.addCapability('SYS_PTRACE', 'debugger attaches in staging (DBG-1)')] });
    expect(() => synth({}, w)).toThrow(/adds back capability SYS_PTRACE, which the Pod Security Standards "restricted" profile forbids/);
  });
  test('fails if useBuiltInProbe is set for an image without the probe', () => {
    expect(() => synth({ useBuiltInProbe: true })).toThrow(/useBuiltInProbe is set but the image has no built-in probe/);
  });
  test('fails if a secret variable is malformed or set twice', () => {
    expect(() => synth({ secrets: [{ name: '1X', secretName: 's', key: 'k' }] })).toThrow(/secret variable name "1X" is not an environment variable name/);
    expect(() => synth({ secrets: [{ name: 'X', secretName: 'Bad_Name', key: 'k' }] })).toThrow(/secretName "Bad_Name" is not a Kubernetes object name/);
    expect(() => synth({ secrets: [{ name: 'X', secretName: 's', key: 'a b' }] })).toThrow(/key "a b" is not a Secret key/);
    const w = registryWorkload({ environment: { DB_HOST: 'db' } });
    expect(() => synth({ secrets: [{ name: 'DB_HOST', secretName: 's', key: 'k' }] }, w)).toThrow(/DB_HOST is set twice/);
  });
  test('fails if a registry image is tagged latest or untagged without a digest', () => {
    for (const ref of ['registry.example.com/vendor/agent:latest', 'registry.example.com/vendor/agent']) {
      const w = new Workload({ image: DistrolessImage.fromRegistry(ref, { user: { uid: 65532, gid: 65532 }, ports: [8080], pinWaiver: 'vendor publishes tags only (VEND-7)' }) });
      expect(() => synth({}, w)).toThrow(/a pod must name an exact image. Pin it by digest/);
    }
  });
  test('fails if a registry image is given repository, tag or buildAndPush', () => {
    expect(() => synth({ image: { repository: 'r/x' } })).toThrow(/image.repository applies only to images that are built; registry.example.com\/team\/api@sha256/);
  });
  test('fails if a built image has no repository, a bad one, or the tag latest', () => {
    expect(() => synth({}, sourceWorkload())).toThrow(/image.repository undefined is missing; an image built from source needs the repository/);
    expect(() => synth({ image: { repository: 'Registry/API:1' } }, sourceWorkload())).toThrow(/"Registry\/API:1" is not a repository name/);
    expect(() => synth({ image: { repository: 'r.example.com/api', tag: 'latest' } }, sourceWorkload())).toThrow(/image.tag "latest" is not allowed/);
  });
  test('fails if the staging folder leaves the output folder', () => {
    expect(() => synth({ image: { repository: 'r.example.com/api', stagingFolder: '../x' } }, sourceWorkload())).toThrow(/stagingFolder "..\/x" must be a relative folder/);
  });
  test('fails if pullPolicy is not an ImagePullPolicy', () => {
    expect(() => synth({ image: { pullPolicy: 'Sometimes' as any } })).toThrow(/pullPolicy "Sometimes" is not an ImagePullPolicy/);
  });
});

test('every pod template of a service passes restricted (walker sanity: it catches a violation)', () => {
  const objects = synth();
  const [{ template }] = podTemplates(objects);
  template.spec.containers[0].securityContext.capabilities = { drop: [] };
  template.spec.hostNetwork = true;
  expect(restrictedViolations(template)).toEqual([
    'Host Namespaces: spec.hostNetwork must be unset or false',
    'Capabilities: container app.securityContext.capabilities.drop must include ALL',
  ]);
  expect(DIGEST).toMatch(/^sha256:/);
});
