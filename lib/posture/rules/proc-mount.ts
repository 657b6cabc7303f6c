import { PostureHit, PostureRule } from '../model';
import { ERROR, get, info, K8S, sc, show, who } from './common';

/** An unmasked /proc exposes the host's kernel knobs and other processes' data. */
export const procMount: PostureRule = {
  info: info({
    id: 'CDP014',
    level: ERROR,
    title: 'Containers must use the default /proc mount',
    description: 'Kubernetes (baseline, "/proc Mount Type"): `securityContext.procMount` of every container, init container and ephemeral '
      + 'container is unset or `Default`, which masks sensitive /proc paths. ECS has no such setting.',
    fix: 'Remove `procMount` (or set it to `Default`).',
    platforms: [K8S],
    podSecurityStandards: ['baseline: /proc Mount Type'],
  }),
  pod(t) {
    const hits: PostureHit[] = [];
    for (const c of t.containers) {
      const s = sc(c);
      const v = get(s.value, 'procMount');
      if (v !== undefined && v !== null && v !== 'Default') {
        hits.push({ path: [...s.path, 'procMount'], container: c.name, message: `${who(c)} has procMount ${show(v)}; allowed: Default or unset.` });
      }
    }
    return hits;
  },
};
