import { PostureHit, PostureRule } from '../model';
import { ECS, ecsContainerBool, ERROR, get, info, K8S, k8sBad, sc, show, who } from './common';

/** A privileged container has every capability and every device of the host. */
export const notPrivileged: PostureRule = {
  info: info({
    id: 'CDP004',
    level: ERROR,
    title: 'Containers must not be privileged',
    description: 'ECS: no container definition sets `Privileged: true`. Kubernetes (baseline, "Privileged Containers"): no container, '
      + 'init container or ephemeral container sets `securityContext.privileged: true`. A privileged container disables most isolation: '
      + 'it sees every device of the host and holds every capability.',
    fix: 'Remove `privileged`; add back the single capability the workload needs instead (see CDP006).',
    platforms: [ECS, K8S],
    podSecurityStandards: ['baseline: Privileged Containers'],
  }),
  task(t) {
    return ecsContainerBool(t, 'Privileged', (c, v, path) => v === true || v === 'invalid' ? [{
      path,
      container: c.name,
      message: `${who(c)} has Privileged ${show(get(c.spec, 'Privileged'))}; allowed: false or unset.`,
      fix: `Remove \`Privileged\` from ${who(c)}.`,
    }] : []);
  },
  pod(t) {
    const hits: PostureHit[] = [];
    for (const c of t.containers) {
      const s = sc(c);
      const v = get(s.value, 'privileged');
      if (v === true || k8sBad(v)) {
        hits.push({
          path: [...s.path, 'privileged'],
          container: c.name,
          message: `${who(c)} has privileged ${show(v)}; allowed: false or unset.`,
          fix: `Remove \`securityContext.privileged\` from ${who(c)}.`,
        });
      }
    }
    return hits;
  },
};
