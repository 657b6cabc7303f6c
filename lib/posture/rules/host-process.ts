import { PostureHit, PostureRule } from '../model';
import { ERROR, get, info, K8S, psc, sc, show, who } from './common';

/** A Windows HostProcess container runs on the host, with the host's privileges. */
export const hostProcess: PostureRule = {
  info: info({
    id: 'CDP011',
    level: ERROR,
    title: 'Pods must not run Windows HostProcess containers',
    description: 'Kubernetes (baseline, "HostProcess"): `securityContext.windowsOptions.hostProcess` is unset or false on the pod and on '
      + 'every container, init container and ephemeral container. ECS has no such setting.',
    fix: 'Remove `windowsOptions.hostProcess`.',
    platforms: [K8S],
    podSecurityStandards: ['baseline: HostProcess'],
  }),
  pod(t) {
    const hits: PostureHit[] = [];
    const pod = psc(t);
    const pv = get(get(pod.value, 'windowsOptions'), 'hostProcess');
    if (pv !== undefined && pv !== null && pv !== false) {
      hits.push({ path: [...pod.path, 'windowsOptions', 'hostProcess'], message: `the pod has windowsOptions.hostProcess ${show(pv)}; allowed: false or unset.` });
    }
    for (const c of t.containers) {
      const s = sc(c);
      const v = get(get(s.value, 'windowsOptions'), 'hostProcess');
      if (v !== undefined && v !== null && v !== false) {
        hits.push({ path: [...s.path, 'windowsOptions', 'hostProcess'], container: c.name, message: `${who(c)} has windowsOptions.hostProcess ${show(v)}; allowed: false or unset.` });
      }
    }
    return hits;
  },
};
