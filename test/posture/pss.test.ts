/* eslint-disable @typescript-eslint/no-explicit-any */
import { check, compliantPodSpec, ids, IMAGE, POD_KINDS } from './fixtures';
import { PostureCheck } from '../../lib/posture';

/**
 * Every control of the Kubernetes Pod Security Standards (v1.31), baseline and restricted, with a violating change to a
 * compliant pod (spec, and template metadata for annotations) and the rule that must report it.
 */
interface Control {
  readonly profile: 'baseline' | 'restricted';
  readonly control: string;
  readonly rule: string;
  readonly violations: Array<[string, (spec: any, meta: any) => void]>;
}

const init = (s: any) => {
  s.initContainers = [{ ...JSON.parse(JSON.stringify(s.containers[0])), name: 'init' }];
  return s.initContainers[0];
};
const ephemeral = (s: any) => {
  s.ephemeralContainers = [{ ...JSON.parse(JSON.stringify(s.containers[0])), name: 'debug' }];
  return s.ephemeralContainers[0];
};

const CONTROLS: Control[] = [
  {
    profile: 'baseline',
    control: 'HostProcess',
    rule: 'CDP011',
    violations: [
      ['pod windowsOptions.hostProcess', s => { s.securityContext.windowsOptions = { hostProcess: true }; }],
      ['container windowsOptions.hostProcess', s => { s.containers[0].securityContext.windowsOptions = { hostProcess: true }; }],
      ['init container windowsOptions.hostProcess', s => { init(s).securityContext.windowsOptions = { hostProcess: true }; }],
      ['ephemeral container windowsOptions.hostProcess', s => { ephemeral(s).securityContext.windowsOptions = { hostProcess: true }; }],
    ],
  },
  {
    profile: 'baseline',
    control: 'Host Namespaces',
    rule: 'CDP008',
    violations: [
      ['hostNetwork', s => { s.hostNetwork = true; }],
      ['hostPID', s => { s.hostPID = true; }],
      ['hostIPC', s => { s.hostIPC = true; }],
    ],
  },
  {
    profile: 'baseline',
    control: 'Privileged Containers',
    rule: 'CDP004',
    violations: [
      ['container privileged', s => { s.containers[0].securityContext.privileged = true; }],
      ['init container privileged', s => { init(s).securityContext.privileged = true; }],
      ['ephemeral container privileged', s => { ephemeral(s).securityContext.privileged = true; }],
    ],
  },
  {
    profile: 'baseline',
    control: 'Capabilities',
    rule: 'CDP006',
    violations: [
      ['container adds SYS_ADMIN (not in the baseline list)', s => { s.containers[0].securityContext.capabilities.add = ['SYS_ADMIN']; }],
      ['init container adds NET_RAW', s => { init(s).securityContext.capabilities.add = ['NET_RAW']; }],
      ['ephemeral container adds SYS_PTRACE', s => { ephemeral(s).securityContext.capabilities.add = ['SYS_PTRACE']; }],
    ],
  },
  {
    profile: 'baseline',
    control: 'HostPath Volumes',
    rule: 'CDP010',
    violations: [
      ['hostPath volume', s => { s.volumes.push({ name: 'h', hostPath: { path: '/etc' } }); }],
    ],
  },
  {
    profile: 'baseline',
    control: 'Host Ports',
    rule: 'CDP009',
    violations: [
      ['container hostPort', s => { s.containers[0].ports[0].hostPort = 80; }],
      ['init container hostPort', s => { init(s).ports[0].hostPort = 80; }],
      ['ephemeral container hostPort', s => { ephemeral(s).ports[0].hostPort = 80; }],
    ],
  },
  {
    profile: 'baseline',
    control: 'AppArmor',
    rule: 'CDP012',
    violations: [
      ['pod appArmorProfile Unconfined', s => { s.securityContext.appArmorProfile = { type: 'Unconfined' }; }],
      ['container appArmorProfile Unconfined', s => { s.containers[0].securityContext.appArmorProfile = { type: 'Unconfined' }; }],
      ['init container appArmorProfile Unconfined', s => { init(s).securityContext.appArmorProfile = { type: 'Unconfined' }; }],
      ['annotation unconfined', (_s, m) => { m.annotations = { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' }; }],
    ],
  },
  {
    profile: 'baseline',
    control: 'SELinux',
    rule: 'CDP013',
    violations: [
      ['pod type spc_t', s => { s.securityContext.seLinuxOptions = { type: 'spc_t' }; }],
      ['container type unconfined_t', s => { s.containers[0].securityContext.seLinuxOptions = { type: 'unconfined_t' }; }],
      ['init container user', s => { init(s).securityContext.seLinuxOptions = { user: 'system_u' }; }],
      ['ephemeral container role', s => { ephemeral(s).securityContext.seLinuxOptions = { role: 'sysadm_r' }; }],
    ],
  },
  {
    profile: 'baseline',
    control: '/proc Mount Type',
    rule: 'CDP014',
    violations: [
      ['container Unmasked', s => { s.containers[0].securityContext.procMount = 'Unmasked'; }],
      ['init container Unmasked', s => { init(s).securityContext.procMount = 'Unmasked'; }],
      ['ephemeral container Unmasked', s => { ephemeral(s).securityContext.procMount = 'Unmasked'; }],
    ],
  },
  {
    profile: 'baseline',
    control: 'Seccomp',
    rule: 'CDP007',
    violations: [
      ['pod Unconfined', s => { s.securityContext.seccompProfile = { type: 'Unconfined' }; }],
      ['container Unconfined', s => { s.containers[0].securityContext.seccompProfile = { type: 'Unconfined' }; }],
      ['init container Unconfined', s => { init(s).securityContext.seccompProfile = { type: 'Unconfined' }; }],
      ['ephemeral container Unconfined', s => { ephemeral(s).securityContext.seccompProfile = { type: 'Unconfined' }; }],
    ],
  },
  {
    profile: 'baseline',
    control: 'Sysctls',
    rule: 'CDP015',
    violations: [
      ['kernel.msgmax', s => { s.securityContext.sysctls = [{ name: 'kernel.msgmax', value: '1' }]; }],
      ['net.core.somaxconn', s => { s.securityContext.sysctls = [{ name: 'net.core.somaxconn', value: '1024' }]; }],
    ],
  },
  {
    profile: 'restricted',
    control: 'Volume Types',
    rule: 'CDP016',
    violations: [
      ...['gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'fc',
        'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'portworxVolume', 'photonPersistentDisk', 'scaleIO', 'storageos']
        .map(type => [type, (s: any) => { s.volumes.push({ name: 'v', [type]: {} }); }] as [string, (s: any, m: any) => void]),
    ],
  },
  {
    profile: 'restricted',
    control: 'Privilege Escalation',
    rule: 'CDP005',
    violations: [
      ['container unset', s => { delete s.containers[0].securityContext.allowPrivilegeEscalation; }],
      ['container true', s => { s.containers[0].securityContext.allowPrivilegeEscalation = true; }],
      ['init container unset', s => { delete init(s).securityContext.allowPrivilegeEscalation; }],
      ['ephemeral container true', s => { ephemeral(s).securityContext.allowPrivilegeEscalation = true; }],
    ],
  },
  {
    profile: 'restricted',
    control: 'Running as Non-root',
    rule: 'CDP003',
    violations: [
      ['pod false', s => { s.securityContext.runAsNonRoot = false; }],
      ['unset on pod and container', s => { delete s.securityContext.runAsNonRoot; }],
      ['container overrides to false', s => { s.containers[0].securityContext.runAsNonRoot = false; }],
      ['init container overrides to false', s => { init(s).securityContext.runAsNonRoot = false; }],
    ],
  },
  {
    profile: 'restricted',
    control: 'Running as Non-root user',
    rule: 'CDP003',
    violations: [
      ['pod runAsUser 0', s => { s.securityContext.runAsUser = 0; }],
      ['container runAsUser 0', s => { s.containers[0].securityContext.runAsUser = 0; }],
      ['init container runAsUser 0', s => { init(s).securityContext.runAsUser = 0; }],
      ['ephemeral container runAsUser 0', s => { ephemeral(s).securityContext.runAsUser = 0; }],
    ],
  },
  {
    profile: 'restricted',
    control: 'Seccomp',
    rule: 'CDP007',
    violations: [
      ['unset on pod and container', s => { delete s.securityContext.seccompProfile; }],
      ['pod RuntimeDefault but container Unconfined', s => { s.containers[0].securityContext.seccompProfile = { type: 'Unconfined' }; }],
    ],
  },
  {
    profile: 'restricted',
    control: 'Capabilities',
    rule: 'CDP006',
    violations: [
      ['container drops nothing', s => { delete s.containers[0].securityContext.capabilities; }],
      ['container adds CHOWN (baseline, not restricted)', s => { s.containers[0].securityContext.capabilities.add = ['CHOWN']; }],
      ['init container drops NET_RAW only', s => { init(s).securityContext.capabilities = { drop: ['NET_RAW'] }; }],
      ['ephemeral container drops nothing', s => { delete ephemeral(s).securityContext.capabilities; }],
    ],
  },
];

describe('Pod Security Standards v1.31: every control of both profiles is covered', () => {
  test('the baseline and restricted controls are all listed, each mapped to a rule that names it', () => {
    expect(CONTROLS.filter(c => c.profile === 'baseline').map(c => c.control)).toEqual([
      'HostProcess', 'Host Namespaces', 'Privileged Containers', 'Capabilities', 'HostPath Volumes', 'Host Ports', 'AppArmor', 'SELinux',
      '/proc Mount Type', 'Seccomp', 'Sysctls',
    ]);
    expect(CONTROLS.filter(c => c.profile === 'restricted').map(c => c.control)).toEqual([
      'Volume Types', 'Privilege Escalation', 'Running as Non-root', 'Running as Non-root user', 'Seccomp', 'Capabilities',
    ]);
    const documented = PostureCheck.rules().flatMap(r => r.podSecurityStandards.map(p => `${p} -> ${r.id}`));
    for (const c of CONTROLS) {
      expect(documented).toContain(`${c.profile}: ${c.control} -> ${c.rule}`);
    }
  });

  describe.each(POD_KINDS.map(k => [k.kind, k] as const))('%s', (_kind, k) => {
    test('compliant pod: no findings', () => {
      expect(check([k.wrap(compliantPodSpec())]).findings).toEqual([]);
    });
    const cases = CONTROLS.flatMap(c => c.violations.map(([name, mutate]) => [`${c.profile}: ${c.control}: ${name}`, c.rule, mutate] as const));
    test.each(cases)('%s is reported by %s', (_name, rule, mutate) => {
      const spec = compliantPodSpec();
      const meta: any = {};
      mutate(spec, meta);
      const report = check([k.wrap(spec, meta)]);
      expect(ids(report)).toContain(rule);
      const f = report.findings.find(x => x.ruleId === rule)!;
      expect(f.location.startsWith(k.podPath.join('.')) || f.location.includes('metadata')).toBe(true);
    });
  });
});

describe('Windows pods: the exemptions of the restricted profile', () => {
  test('spec.os.name windows: privilege escalation, seccomp and capability drop are not required', () => {
    const spec = compliantPodSpec();
    spec.os = { name: 'windows' };
    delete spec.securityContext.seccompProfile;
    delete spec.containers[0].securityContext.allowPrivilegeEscalation;
    delete spec.containers[0].securityContext.capabilities;
    expect(ids(check([POD_KINDS[0].wrap(spec)]))).toEqual([]);
  });
});

describe('pod templates in general', () => {
  test('a custom resource holding a pod template is checked and reported as an unknown kind (CDP103)', () => {
    const spec = compliantPodSpec();
    spec.hostNetwork = true;
    const rollout = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'r' }, spec: { template: { metadata: {}, spec } } };
    const report = check([rollout]);
    expect(ids(report)).toEqual(['CDP008', 'CDP103']);
    expect(report.findings.find(f => f.ruleId === 'CDP008')!.location).toBe('spec.template.spec.hostNetwork');
  });

  test('objects without containers (Service, ConfigMap, custom resources) are not reported', () => {
    expect(check([
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80 }] } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { containers: 'x' } },
      { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'c' }, spec: {} },
    ]).findings).toEqual([]);
  });

  test('a List of objects is checked item by item', () => {
    const spec = compliantPodSpec();
    spec.containers[0].image = `${IMAGE.split('@')[0]}`;
    const report = check([{ apiVersion: 'v1', kind: 'List', items: [POD_KINDS[0].wrap(compliantPodSpec()), POD_KINDS[1].wrap(spec)] }]);
    expect(ids(report)).toEqual(['CDP102']);
    expect(report.findings[0].location).toBe('items[1].spec.template.spec.containers[0].image');
    expect(report.workloadCount).toBe(2);
  });
});
