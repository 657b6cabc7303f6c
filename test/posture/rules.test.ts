/* eslint-disable @typescript-eslint/no-explicit-any */
import { check, compliantPodSpec, compliantTemplate, container, deployment, ids } from './fixtures';

describe('compliant workloads', () => {
  test('a hardened Deployment has no findings', () => {
    const report = check([deployment()]);
    expect(report.findings).toEqual([]);
    expect(report.workloadCount).toBe(1);
  });

  test('a hardened task definition and service have no findings', () => {
    const report = check([compliantTemplate()]);
    expect(report.findings).toEqual([]);
    expect(report.workloadCount).toBe(2);
  });
});

type Mutation = [string, string, (x: any) => void];

/** Kubernetes: [rule id, case, mutation of a compliant PodSpec]. */
const K8S_CASES: Mutation[] = [
  ['CDP002', 'readOnlyRootFilesystem unset', s => { delete s.containers[0].securityContext.readOnlyRootFilesystem; }],
  ['CDP002', 'readOnlyRootFilesystem false', s => { s.containers[0].securityContext.readOnlyRootFilesystem = false; }],
  ['CDP003', 'runAsNonRoot unset everywhere', s => { delete s.securityContext.runAsNonRoot; }],
  ['CDP003', 'runAsUser 0 on a container', s => { s.containers[0].securityContext.runAsUser = 0; }],
  ['CDP003', 'runAsNonRoot false on a container', s => { s.containers[0].securityContext.runAsNonRoot = false; }],
  ['CDP004', 'privileged', s => { s.containers[0].securityContext.privileged = true; }],
  ['CDP005', 'allowPrivilegeEscalation unset', s => { delete s.containers[0].securityContext.allowPrivilegeEscalation; }],
  ['CDP006', 'no drop ALL', s => { s.containers[0].securityContext.capabilities = { drop: ['NET_RAW'] }; }],
  ['CDP006', 'adds SYS_ADMIN', s => { s.containers[0].securityContext.capabilities.add = ['SYS_ADMIN']; }],
  ['CDP007', 'no seccomp profile', s => { delete s.securityContext.seccompProfile; }],
  ['CDP007', 'Unconfined on a container', s => { s.containers[0].securityContext.seccompProfile = { type: 'Unconfined' }; }],
  ['CDP008', 'hostPID', s => { s.hostPID = true; }],
  ['CDP009', 'hostPort', s => { s.containers[0].ports[0].hostPort = 8080; }],
  ['CDP010', 'hostPath volume', s => { s.volumes.push({ name: 'docker', hostPath: { path: '/var/run/docker.sock' } }); }],
  ['CDP011', 'hostProcess', s => { s.securityContext.windowsOptions = { hostProcess: true }; }],
  ['CDP012', 'appArmor Unconfined', s => { s.containers[0].securityContext.appArmorProfile = { type: 'Unconfined' }; }],
  ['CDP013', 'SELinux type spc_t', s => { s.securityContext.seLinuxOptions = { type: 'spc_t' }; }],
  ['CDP014', 'procMount Unmasked', s => { s.containers[0].securityContext.procMount = 'Unmasked'; }],
  ['CDP015', 'unsafe sysctl', s => { s.securityContext.sysctls = [{ name: 'kernel.msgmax', value: '65536' }]; }],
  ['CDP016', 'nfs volume', s => { s.volumes.push({ name: 'share', nfs: { server: 'nfs', path: '/' } }); }],
  ['CDP017', 'exec probe through sh', s => { s.containers[0].livenessProbe = { exec: { command: ['/bin/sh', '-c', 'curl localhost'] } }; }],
  ['CDP017', 'preStop through bash', s => { s.containers[0].lifecycle = { preStop: { exec: { command: ['bash', '-c', 'sleep 5'] } } }; }],
  ['CDP019', 'plain API_KEY value', s => { s.containers[0].env = [{ name: 'API_KEY', value: 'abc' }]; }],
  ['CDP021', 'latest tag', s => { s.containers[0].image = 'nginx:latest'; }],
  ['CDP021', 'no tag', s => { s.containers[0].image = 'nginx'; }],
  ['CDP101', 'no runAsUser', s => { delete s.securityContext.runAsUser; }],
  ['CDP102', 'tag without digest', s => { s.containers[0].image = 'registry.example.com/app:1.0.0'; }],
];

/** ECS: [rule id, case, mutation of a compliant template]. */
const ECS_CASES: Mutation[] = [
  ['CDP002', 'ReadonlyRootFilesystem unset', t => { delete container(t).ReadonlyRootFilesystem; }],
  ['CDP002', 'ReadonlyRootFilesystem "false"', t => { container(t).ReadonlyRootFilesystem = 'false'; }],
  ['CDP003', 'no User', t => { delete container(t).User; }],
  ['CDP003', 'User root', t => { container(t).User = 'root'; }],
  ['CDP003', 'User 0:0', t => { container(t).User = '0:0'; }],
  ['CDP004', 'Privileged', t => { container(t).Privileged = true; }],
  ['CDP006', 'no Drop ALL', t => { delete container(t).LinuxParameters; }],
  ['CDP006', 'adds NET_ADMIN', t => { container(t).LinuxParameters.Capabilities.Add = ['NET_ADMIN']; }],
  ['CDP007', 'seccomp unconfined', t => { container(t).DockerSecurityOptions = ['seccomp:unconfined']; }],
  ['CDP008', 'host network', t => { t.Resources.TaskDef.Properties.NetworkMode = 'host'; delete container(t).PortMappings; }],
  ['CDP009', 'host network mode makes every container port a host port', t => { t.Resources.TaskDef.Properties.RequiresCompatibilities = ['EC2']; delete t.Resources.TaskDef.Properties.NetworkMode; container(t).PortMappings[0].HostPort = 8080; }],
  ['CDP008', 'host PID', t => { t.Resources.TaskDef.Properties.PidMode = 'host'; }],
  ['CDP009', 'bridge HostPort', t => { t.Resources.TaskDef.Properties.NetworkMode = 'bridge'; container(t).PortMappings[0].HostPort = 80; }],
  ['CDP010', 'host SourcePath', t => { t.Resources.TaskDef.Properties.Volumes = [{ Name: 'docker', Host: { SourcePath: '/var/run/docker.sock' } }]; }],
  ['CDP012', 'apparmor unconfined', t => { container(t).DockerSecurityOptions = ['apparmor:unconfined']; }],
  ['CDP013', 'label:disable', t => { container(t).DockerSecurityOptions = ['label:disable']; }],
  ['CDP015', 'unsafe system control', t => { container(t).SystemControls = [{ Namespace: 'kernel.msgmax', Value: '1' }]; }],
  ['CDP017', 'CMD-SHELL health check', t => { container(t).HealthCheck = { Command: ['CMD-SHELL', 'curl -f localhost'] }; }],
  ['CDP017', 'CMD /bin/sh health check', t => { container(t).HealthCheck = { Command: ['CMD', '/bin/sh', '-c', 'true'] }; }],
  ['CDP018', 'no LogConfiguration', t => { delete container(t).LogConfiguration; }],
  ['CDP019', 'plain DB_PASSWORD', t => { container(t).Environment = [{ Name: 'DB_PASSWORD', Value: 'hunter2' }]; }],
  ['CDP020', 'public IP', t => { t.Resources.Service.Properties.NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp = 'ENABLED'; }],
  ['CDP021', 'latest', t => { container(t).Image = 'public.ecr.aws/nginx/nginx:latest'; }],
  ['CDP101', 'named user', t => { container(t).User = 'nonroot'; }],
  ['CDP102', 'tag only', t => { container(t).Image = 'public.ecr.aws/nginx/nginx:1.27'; }],
];

describe('Kubernetes: each rule reports its non-compliant case and nothing else', () => {
  test.each(K8S_CASES)('%s: %s', (id, _name, mutate) => {
    const spec = compliantPodSpec();
    mutate(spec);
    expect(ids(check([deployment(spec)]))).toEqual([id]);
  });
});

describe('ECS: each rule reports its non-compliant case and nothing else', () => {
  test.each(ECS_CASES)('%s: %s', (id, _name, mutate) => {
    const t = compliantTemplate();
    mutate(t);
    expect(ids(check([t]))).toEqual([id]);
  });
});

describe('allowed values pass', () => {
  test.each<[string, (s: any) => void]>([
    ['NET_BIND_SERVICE added back', s => { s.containers[0].securityContext.capabilities.add = ['NET_BIND_SERVICE']; }],
    ['Localhost seccomp on the pod', s => { s.securityContext.seccompProfile = { type: 'Localhost', localhostProfile: 'p.json' }; }],
    ['seccomp on every container instead of the pod', s => { delete s.securityContext.seccompProfile; s.containers[0].securityContext.seccompProfile = { type: 'RuntimeDefault' }; }],
    ['runAsNonRoot on every container instead of the pod', s => { delete s.securityContext.runAsNonRoot; s.containers[0].securityContext.runAsNonRoot = true; }],
    ['safe sysctls', s => { s.securityContext.sysctls = [{ name: 'net.ipv4.ping_group_range', value: '0 0' }, { name: 'net.ipv4.tcp_keepalive_time', value: '60' }]; }],
    ['SELinux container_engine_t (v1.31)', s => { s.securityContext.seLinuxOptions = { type: 'container_engine_t' }; }],
    ['AppArmor RuntimeDefault and the runtime/default annotation', s => { s.containers[0].securityContext.appArmorProfile = { type: 'RuntimeDefault' }; }],
    ['exec probe of the app binary', s => { s.containers[0].readinessProbe = { exec: { command: ['/app/healthcheck'] } }; }],
    ['secret from a secretKeyRef', s => { s.containers[0].env = [{ name: 'API_KEY', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }]; }],
    ['hostPort 0', s => { s.containers[0].ports[0].hostPort = 0; }],
    ['procMount Default', s => { s.containers[0].securityContext.procMount = 'Default'; }],
    ['every allowed volume type', s => { s.volumes.push({ name: 'a', configMap: { name: 'c' } }, { name: 'b', secret: { secretName: 's' } }, { name: 'c', projected: { sources: [] } }, { name: 'd', persistentVolumeClaim: { claimName: 'p' } }, { name: 'e', csi: { driver: 'x' } }, { name: 'f', downwardAPI: { items: [] } }, { name: 'g', ephemeral: {} }); }],
  ])('Kubernetes: %s', (_name, mutate) => {
    const spec = compliantPodSpec();
    mutate(spec);
    expect(ids(check([deployment(spec)]))).toEqual([]);
  });

  test.each<[string, (t: any) => void]>([
    ['SYS_PTRACE added back (Fargate)', t => { container(t).LinuxParameters.Capabilities.Add = ['SYS_PTRACE']; }],
    ['CMD health check of the app binary', t => { container(t).HealthCheck = { Command: ['CMD', '/app/healthcheck'] }; }],
    ['HostPort equal to the container port in awsvpc mode', t => { container(t).PortMappings[0].HostPort = 8080; }],
    ['boolean strings', t => { container(t).ReadonlyRootFilesystem = 'true'; }],
    ['a secret reference by name', t => { container(t).Environment = [{ Name: 'TOKEN_URL', Value: 'https://auth' }]; }],
    ['a CDK asset image (content-hash tag)', t => { container(t).Image = { 'Fn::Sub': `\${AWS::AccountId}.dkr.ecr.\${AWS::Region}.\${AWS::URLSuffix}/cdk-hnb659fds-container-assets-\${AWS::AccountId}-\${AWS::Region}:${'c'.repeat(64)}` }; }],
    ['an ECR image by Fn::Join with a literal digest', t => { container(t).Image = { 'Fn::Join': ['', [{ Ref: 'AWS::AccountId' }, '.dkr.ecr.eu-west-1.amazonaws.com/app:1.0@sha256:', 'ab'.repeat(32)]] }; }],
  ])('ECS: %s', (_name, mutate) => {
    const t = compliantTemplate();
    mutate(t);
    expect(ids(check([t]))).toEqual([]);
  });
});

describe('unknown values are reported as unknown, never guessed', () => {
  test.each<[string, string, (t: any) => void]>([
    ['CDP002', 'ReadonlyRootFilesystem Fn::If', t => { container(t).ReadonlyRootFilesystem = { 'Fn::If': ['Prod', true, false] }; }],
    ['CDP003', 'User Ref', t => { container(t).User = { Ref: 'UserParam' }; }],
    ['CDP004', 'Privileged Ref', t => { container(t).Privileged = { Ref: 'Priv' }; }],
    ['CDP006', 'Drop Fn::If', t => { container(t).LinuxParameters.Capabilities.Drop = { 'Fn::If': ['C', ['ALL'], []] }; }],
    ['CDP008', 'NetworkMode Ref', t => { t.Resources.TaskDef.Properties.NetworkMode = { Ref: 'Mode' }; }],
    ['CDP020', 'AssignPublicIp Fn::If', t => { t.Resources.Service.Properties.NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp = { 'Fn::If': ['Pub', 'ENABLED', 'DISABLED'] }; }],
    ['CDP021', 'image tag from a parameter', t => { container(t).Image = { 'Fn::Sub': 'registry.example.com/app:${Tag}' }; }],
    ['CDP001', 'ContainerDefinitions Fn::If', t => { t.Resources.TaskDef.Properties.ContainerDefinitions = { 'Fn::If': ['C', [], []] }; }],
    ['CDP001', 'one container Fn::If', t => { t.Resources.TaskDef.Properties.ContainerDefinitions.push({ 'Fn::If': ['C', {}, { Ref: 'AWS::NoValue' }] }); }],
  ])('%s: %s', (id, _name, mutate) => {
    const t = compliantTemplate();
    mutate(t);
    const report = check([t]);
    expect(ids(report)).toEqual([id]);
    const f = report.findings.find(x => x.ruleId === id)!;
    expect(f.unknown).toBe(true);
    expect(f.level).toBe('error');
    expect(f.message).toMatch(/deploy time/);
  });
});

describe('messages', () => {
  test('name the resource, the container, the value found and what is allowed', () => {
    const t = compliantTemplate();
    container(t).User = 'root';
    const [f] = check([t]).findings;
    expect(f).toMatchObject({ ruleId: 'CDP003', resource: 'TaskDef', platform: 'ecs', location: 'Resources.TaskDef.Properties.ContainerDefinitions[0].User' });
    expect(f.message).toContain('container "app"');
    expect(f.message).toContain('"root"');
    expect(f.message).toMatch(/allowed: a non-root user/);
    expect(f.fix).toMatch(/65532/);
  });

  test('Kubernetes findings name Kind/namespace/name', () => {
    const d = deployment();
    d.metadata.namespace = 'prod';
    d.spec.template.spec.hostIPC = true;
    const [f] = check([d]).findings;
    expect(f.resource).toBe('Deployment/prod/x');
    expect(f.location).toBe('spec.template.spec.hostIPC');
  });

  test('capabilities: an add outside even the baseline list says so', () => {
    const spec = compliantPodSpec();
    spec.containers[0].securityContext.capabilities.add = ['SYS_ADMIN', 'CHOWN'];
    const msgs = check([deployment(spec)]).findings.map(f => f.message);
    expect(msgs).toEqual([expect.stringMatching(/SYS_ADMIN.*not even in the baseline/), expect.stringMatching(/"CHOWN"; allowed: only NET_BIND_SERVICE/)].sort());
  });
});
