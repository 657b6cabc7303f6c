import { PostureHit, PostureRule } from '../model';
import { ECS, ecsContainerBool, ERROR, info, K8S, sc, show, who, get } from './common';

/** A writable root filesystem lets an attacker drop tools and persist changes inside the container. */
export const readOnlyRoot: PostureRule = {
  info: info({
    id: 'CDP002',
    level: ERROR,
    title: 'Containers must have a read-only root filesystem',
    description: 'ECS: every container definition sets `ReadonlyRootFilesystem: true`. Kubernetes: every container, init container and '
      + 'ephemeral container sets `securityContext.readOnlyRootFilesystem: true`. A distroless image needs no writable root: an attacker '
      + 'who gets code execution cannot drop tools or change the application. A workload that records the relaxation `read-only-root` '
      + '(`Relaxation.writableRootFilesystem(reason)`) is accepted with its reason.',
    fix: 'ECS: `readonlyRootFilesystem: true` on the container (mount a task volume for paths it must write). Kubernetes: '
      + '`securityContext: { readOnlyRootFilesystem: true }` and an `emptyDir` volume for `/tmp` or other writable paths.',
    platforms: [ECS, K8S],
    relaxationControl: 'read-only-root',
  }),
  task(t) {
    return ecsContainerBool(t, 'ReadonlyRootFilesystem', (c, v, path) => v === true ? [] : [{
      path,
      container: c.name,
      message: `${who(c)} has ReadonlyRootFilesystem ${v === undefined ? 'unset (ECS defaults to a writable root)' : show(get(c.spec, 'ReadonlyRootFilesystem'))}; allowed: true.`,
      fix: `Set \`ReadonlyRootFilesystem: true\` on ${who(c)} (CDK: \`readonlyRootFilesystem: true\`); give paths it writes a task volume.`,
    }]);
  },
  pod(t) {
    const hits: PostureHit[] = [];
    for (const c of t.containers) {
      const s = sc(c);
      const v = get(s.value, 'readOnlyRootFilesystem');
      if (v !== true) {
        hits.push({
          path: v === undefined ? s.path : [...s.path, 'readOnlyRootFilesystem'],
          container: c.name,
          message: `${who(c)} has readOnlyRootFilesystem ${v === undefined ? 'unset (Kubernetes defaults to a writable root)' : show(v)}; allowed: true.`,
          fix: `Set \`securityContext.readOnlyRootFilesystem: true\` on ${who(c)} and mount an \`emptyDir\` where it must write.`,
        });
      }
    }
    return hits;
  },
};
