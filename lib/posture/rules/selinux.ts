import { PostureHit, PostureRule } from '../model';
import { dockerSecurityOptions, ECS, ERROR, get, info, K8S, psc, sc, show, splitOption, who } from './common';

/** SELinux types the baseline profile allows (Kubernetes v1.31 adds container_engine_t). */
export const SELINUX_TYPES = ['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t'];

/** A custom SELinux type, user or role can lift the confinement the runtime gives containers. */
export const seLinux: PostureRule = {
  info: info({
    id: 'CDP013',
    level: ERROR,
    title: 'Containers must not set custom SELinux options',
    description: 'Kubernetes (baseline, "SELinux"): `seLinuxOptions.type` on the pod and every container is unset, empty, `container_t`, '
      + '`container_init_t`, `container_kvm_t` or `container_engine_t`, and `seLinuxOptions.user` and `.role` are unset or empty. ECS: no '
      + '`DockerSecurityOptions` entry `label:disable`, `label:user:...`, `label:role:...` or `label:type:<other type>`.',
    fix: 'Remove `seLinuxOptions` (or the `label:` security options); the runtime assigns the container type.',
    platforms: [ECS, K8S],
    podSecurityStandards: ['baseline: SELinux'],
  }),
  task(t) {
    const hits: PostureHit[] = [];
    for (const c of t.containers) {
      for (const o of dockerSecurityOptions(c)) {
        const [k, v] = splitOption(o.value);
        if (k !== 'label') { continue; }
        const [field, value] = splitOption(v);
        const bad = field === 'disable' || field === 'user' || field === 'role' || (field === 'type' && !SELINUX_TYPES.includes(value));
        if (bad) {
          hits.push({
            path: o.path,
            container: c.name,
            message: `${who(c)} sets SELinux option ${show(o.value)}; allowed: no label option, or label:type: with ${SELINUX_TYPES.slice(1).join(', ')}.`,
            fix: `Remove ${show(o.value)} from DockerSecurityOptions of ${who(c)}.`,
          });
        }
      }
    }
    return hits;
  },
  pod(t) {
    const hits: PostureHit[] = [];
    const check = (opts: unknown, path: ReadonlyArray<string | number>, what: string, container?: string) => {
      if (opts === undefined || opts === null) { return; }
      const type = get(opts, 'type') ?? '';
      if (!SELINUX_TYPES.includes(type)) {
        hits.push({ path: [...path, 'seLinuxOptions', 'type'], container, message: `${what} has seLinuxOptions.type ${show(type)}; allowed: ${SELINUX_TYPES.slice(1).join(', ')} or unset.` });
      }
      for (const key of ['user', 'role']) {
        const v = get(opts, key);
        if (v !== undefined && v !== null && v !== '') {
          hits.push({ path: [...path, 'seLinuxOptions', key], container, message: `${what} sets seLinuxOptions.${key} ${show(v)}; allowed: unset.` });
        }
      }
    };
    const pod = psc(t);
    check(get(pod.value, 'seLinuxOptions'), pod.path, 'the pod');
    for (const c of t.containers) {
      const s = sc(c);
      check(get(s.value, 'seLinuxOptions'), s.path, who(c), c.name);
    }
    return hits;
  },
};
