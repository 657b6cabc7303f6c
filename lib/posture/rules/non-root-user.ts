import { PostureHit, PostureRule } from '../model';
import { ECS, ERROR, get, info, K8S, psc, sc, show, unknownHit, who } from './common';
import { isIntrinsic } from '../values';

/** `0`, `root`, `0:0`, `root:wheel`: the user part names root. */
export function isRootUser(user: string): boolean {
  const name = user.split(':')[0].trim();
  return name === '0' || name === 'root' || name === '';
}

/** Root in a container is root on the kernel: one escape away from the host. */
export const nonRootUser: PostureRule = {
  info: info({
    id: 'CDP003',
    level: ERROR,
    title: 'Containers must run as a non-root user',
    description: 'ECS: every container definition sets `User` to a user other than root (`0`, `root`, `0:...`); without `User` the task '
      + 'runs as whatever the image says, which the template cannot show. Kubernetes (Pod Security Standards restricted, "Running as '
      + 'Non-root" and "Running as Non-root user"): `runAsNonRoot: true` on the pod or on every container, never overridden to false, '
      + 'and `runAsUser` never 0 on the pod or any container.',
    fix: 'ECS: `user: \'65532:65532\'` on the container. Kubernetes: `securityContext: { runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532 }` on the pod.',
    platforms: [ECS, K8S],
    podSecurityStandards: ['restricted: Running as Non-root', 'restricted: Running as Non-root user'],
  }),
  task(t) {
    const hits: PostureHit[] = [];
    for (const c of t.containers) {
      const raw = get(c.spec, 'User');
      const path = [...c.path, 'User'];
      if (isIntrinsic(raw)) {
        hits.push(unknownHit(path, `${who(c)}'s User`, raw, c.name));
      } else if (raw === undefined || raw === null) {
        hits.push({
          path: c.path,
          container: c.name,
          message: `${who(c)} sets no User, so it runs as the image's USER, which the template cannot show (root unless the image says otherwise); allowed: a non-root user.`,
          fix: `Set \`User: '65532:65532'\` (or your image's numeric non-root uid:gid) on ${who(c)}.`,
        });
      } else if (typeof raw !== 'string' && typeof raw !== 'number') {
        hits.push({ path, container: c.name, message: `${who(c)} has User ${show(raw)}, which is not a user; allowed: a non-root user such as "65532:65532".` });
      } else if (isRootUser(String(raw))) {
        hits.push({
          path,
          container: c.name,
          message: `${who(c)} runs as root (User ${show(raw)}); allowed: a non-root user such as "65532:65532".`,
          fix: `Set \`User: '65532:65532'\` on ${who(c)}; give files it must read that group instead of running as root.`,
        });
      }
    }
    return hits;
  },
  pod(t) {
    const hits: PostureHit[] = [];
    const pod = psc(t);
    const podNonRoot = get(pod.value, 'runAsNonRoot');
    const podUser = get(pod.value, 'runAsUser');
    if (podUser !== undefined && podUser !== null && (typeof podUser !== 'number' || podUser === 0)) {
      hits.push({ path: [...pod.path, 'runAsUser'], message: `the pod has runAsUser ${show(podUser)}; allowed: a non-zero uid, e.g. 65532.` });
    }
    if (podNonRoot !== undefined && podNonRoot !== true) {
      hits.push({ path: [...pod.path, 'runAsNonRoot'], message: `the pod has runAsNonRoot ${show(podNonRoot)}; allowed: true.` });
    }
    for (const c of t.containers) {
      const s = sc(c);
      const nonRoot = get(s.value, 'runAsNonRoot');
      const user = get(s.value, 'runAsUser');
      if (user !== undefined && user !== null && (typeof user !== 'number' || user === 0)) {
        hits.push({ path: [...s.path, 'runAsUser'], container: c.name, message: `${who(c)} has runAsUser ${show(user)}; allowed: a non-zero uid, e.g. 65532.` });
      }
      if (nonRoot !== undefined && nonRoot !== true) {
        hits.push({ path: [...s.path, 'runAsNonRoot'], container: c.name, message: `${who(c)} has runAsNonRoot ${show(nonRoot)}; allowed: true (on the container or the pod).` });
      } else if (nonRoot === undefined && podNonRoot === undefined) {
        hits.push({
          path: s.value === undefined ? c.path : s.path,
          container: c.name,
          message: `${who(c)} does not require a non-root user: runAsNonRoot is set neither on it nor on the pod; allowed: true.`,
          fix: 'Set `securityContext.runAsNonRoot: true` on the pod (and `runAsUser: 65532`), so the kubelet refuses to start the container as root.',
        });
      }
    }
    return hits;
  },
};
