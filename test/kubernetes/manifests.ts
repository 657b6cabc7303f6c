// Test helpers: schema validation with kubernetes-models and the Pod Security Standards
// "restricted" profile (https://kubernetes.io/docs/concepts/security/pod-security-standards/)
// checked field by field.
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { CronJob, Job } from 'kubernetes-models/batch/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { Namespace, Service, ServiceAccount } from 'kubernetes-models/v1';

const MODELS: { [kind: string]: new (data: any) => { validate(): void } } = {
  Deployment, Service, ServiceAccount, Namespace, PodDisruptionBudget, NetworkPolicy, HorizontalPodAutoscaler, Job, CronJob,
};

/** Validates every object against its Kubernetes schema; throws on the first that fails. */
export function validateAll(objects: any[]): void {
  for (const obj of objects) {
    const Model = MODELS[obj.kind];
    if (!Model) { throw new Error(`no schema model for kind ${obj.kind}`); }
    try {
      new Model(obj).validate();
    } catch (e) {
      throw new Error(`${obj.kind} ${obj.metadata?.name}: ${(e as Error).message}`);
    }
  }
}

/** Every pod template in `objects`, with where it was found. */
export function podTemplates(objects: any[]): { where: string; template: any }[] {
  const out: { where: string; template: any }[] = [];
  for (const obj of objects) {
    const where = `${obj.kind}/${obj.metadata?.name}`;
    if (obj.kind === 'Deployment' || obj.kind === 'Job') { out.push({ where, template: obj.spec.template }); }
    if (obj.kind === 'CronJob') { out.push({ where, template: obj.spec.jobTemplate.spec.template }); }
  }
  return out;
}

const RESTRICTED_VOLUME_TYPES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];
const SAFE_SYSCTLS = ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes'];

/**
 * Violations of the Pod Security Standards "restricted" profile (which includes "baseline"), one
 * line per control and field, plus the library's extras (read-only root, resources, image pinned).
 * Empty when the pod passes.
 */
export function restrictedViolations(template: any, extras = true): string[] {
  const v: string[] = [];
  const spec = template.spec ?? {};
  const psc = spec.securityContext ?? {};
  const containers: any[] = [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])];
  // baseline
  for (const f of ['hostNetwork', 'hostPID', 'hostIPC']) { if (spec[f] === true) { v.push(`Host Namespaces: spec.${f} must be unset or false`); } }
  if (psc.windowsOptions?.hostProcess === true) { v.push('HostProcess: spec.securityContext.windowsOptions.hostProcess'); }
  for (const vol of spec.volumes ?? []) {
    if (vol.hostPath) { v.push(`HostPath Volumes: volume ${vol.name}`); }
    const types = Object.keys(vol).filter(k => k !== 'name');
    if (!types.every(t => RESTRICTED_VOLUME_TYPES.includes(t))) { v.push(`Volume Types: volume ${vol.name} is ${types.join(',')}`); }
  }
  for (const s of psc.sysctls ?? []) { if (!SAFE_SYSCTLS.includes(s.name)) { v.push(`Sysctls: ${s.name}`); } }
  const seLinux = (o: any, where: string) => {
    if (!o) { return; }
    if (o.type !== undefined && !['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t'].includes(o.type)) { v.push(`SELinux: ${where}.seLinuxOptions.type`); }
    if (o.user !== undefined && o.user !== '') { v.push(`SELinux: ${where}.seLinuxOptions.user`); }
    if (o.role !== undefined && o.role !== '') { v.push(`SELinux: ${where}.seLinuxOptions.role`); }
  };
  seLinux(psc.seLinuxOptions, 'spec.securityContext');
  const appArmor = (o: any, where: string) => {
    if (o && !['RuntimeDefault', 'Localhost'].includes(o.type)) { v.push(`AppArmor: ${where}.appArmorProfile.type`); }
  };
  appArmor(psc.appArmorProfile, 'spec.securityContext');
  // restricted, pod level
  const podNonRoot = psc.runAsNonRoot === true;
  if (psc.runAsNonRoot === false) { v.push('Running as Non-root: spec.securityContext.runAsNonRoot is false'); }
  if (psc.runAsUser === 0) { v.push('Running as Non-root user: spec.securityContext.runAsUser is 0'); }
  const podSeccomp = psc.seccompProfile?.type;
  if (podSeccomp !== undefined && !['RuntimeDefault', 'Localhost'].includes(podSeccomp)) { v.push(`Seccomp: spec.securityContext.seccompProfile.type ${podSeccomp}`); }
  for (const c of containers) {
    const at = `container ${c.name}`;
    const sc = c.securityContext ?? {};
    if (sc.privileged === true) { v.push(`Privileged Containers: ${at}.securityContext.privileged`); }
    if (sc.windowsOptions?.hostProcess === true) { v.push(`HostProcess: ${at}`); }
    for (const p of c.ports ?? []) { if (p.hostPort) { v.push(`Host Ports: ${at} hostPort ${p.hostPort}`); } }
    if (sc.procMount !== undefined && sc.procMount !== 'Default') { v.push(`/proc Mount Type: ${at}`); }
    seLinux(sc.seLinuxOptions, at);
    appArmor(sc.appArmorProfile, at);
    if (sc.allowPrivilegeEscalation !== false) { v.push(`Privilege Escalation: ${at}.securityContext.allowPrivilegeEscalation must be false`); }
    if (sc.runAsNonRoot === false || (!podNonRoot && sc.runAsNonRoot !== true)) { v.push(`Running as Non-root: ${at}.securityContext.runAsNonRoot must be true (or set on the pod)`); }
    if (sc.runAsUser === 0) { v.push(`Running as Non-root user: ${at}.securityContext.runAsUser is 0`); }
    const seccomp = sc.seccompProfile?.type;
    if (seccomp !== undefined ? !['RuntimeDefault', 'Localhost'].includes(seccomp) : !['RuntimeDefault', 'Localhost'].includes(podSeccomp)) {
      v.push(`Seccomp: ${at}.securityContext.seccompProfile.type must be RuntimeDefault or Localhost (or set on the pod)`);
    }
    if (!(sc.capabilities?.drop ?? []).includes('ALL')) { v.push(`Capabilities: ${at}.securityContext.capabilities.drop must include ALL`); }
    for (const cap of sc.capabilities?.add ?? []) { if (cap !== 'NET_BIND_SERVICE') { v.push(`Capabilities: ${at} adds ${cap}`); } }
    if (extras) {
      if (sc.readOnlyRootFilesystem !== true) { v.push(`(extra) ${at}.securityContext.readOnlyRootFilesystem must be true`); }
      if (!c.resources?.requests?.cpu || !c.resources?.requests?.memory || !c.resources?.limits?.memory) { v.push(`(extra) ${at} needs cpu and memory requests and a memory limit`); }
      if (typeof c.image !== 'string' || !(/@sha256:[a-f0-9]{64}$/.test(c.image) || (/:[^/:@]+$/.test(c.image) && !c.image.endsWith(':latest')))) { v.push(`(extra) ${at} image ${c.image} must be by digest or an explicit non-latest tag`); }
    }
  }
  if (extras && spec.automountServiceAccountToken !== false) { v.push('(extra) spec.automountServiceAccountToken must be false'); }
  return v;
}
