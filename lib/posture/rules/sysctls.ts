import { PostureHit, PostureRule } from '../model';
import { arr, isIntrinsic } from '../values';
import { ECS, ERROR, get, info, K8S, psc, show, unknownHit, who } from './common';

/** The namespaced, isolated sysctls the baseline profile allows (Kubernetes v1.31). */
export const SAFE_SYSCTLS = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
];

/** Other sysctls are not isolated: they change the node for every workload on it. */
export const sysctls: PostureRule = {
  info: info({
    id: 'CDP015',
    level: ERROR,
    title: 'Workloads may set only safe sysctls',
    description: `Kubernetes (baseline, "Sysctls"): every \`spec.securityContext.sysctls[*].name\` is one of ${SAFE_SYSCTLS.join(', ')}. `
      + 'ECS: every `SystemControls[*].Namespace` of a container is one of the same list; other kernel parameters are shared with the host '
      + 'or other tasks.',
    fix: 'Remove the sysctl, or tune the node (or EC2 instance) instead of the workload.',
    platforms: [ECS, K8S],
    podSecurityStandards: ['baseline: Sysctls'],
  }),
  task(t) {
    const hits: PostureHit[] = [];
    for (const c of t.containers) {
      arr(get(c.spec, 'SystemControls')).forEach((s, i) => {
        const ns = get(s, 'Namespace');
        const path = [...c.path, 'SystemControls', i, 'Namespace'];
        if (isIntrinsic(ns)) {
          hits.push(unknownHit(path, `${who(c)}'s SystemControls namespace`, ns, c.name));
        } else if (!SAFE_SYSCTLS.includes(ns)) {
          hits.push({ path, container: c.name, message: `${who(c)} sets the sysctl ${show(ns)}; allowed: ${SAFE_SYSCTLS.join(', ')}.` });
        }
      });
    }
    return hits;
  },
  pod(t) {
    const hits: PostureHit[] = [];
    const pod = psc(t);
    arr(get(pod.value, 'sysctls')).forEach((s, i) => {
      const name = get(s, 'name');
      if (!SAFE_SYSCTLS.includes(name)) {
        hits.push({ path: [...pod.path, 'sysctls', i, 'name'], message: `the pod sets the sysctl ${show(name)}; allowed: ${SAFE_SYSCTLS.join(', ')}.` });
      }
    });
    return hits;
  },
};
