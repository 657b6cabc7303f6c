import { PostureHit, PostureRule } from '../model';
import { ECS, get, info, K8S, psc, sc, show, WARNING, who } from './common';
import { isRootUser } from './non-root-user';

/** A numeric uid is what the kernel sees; names depend on the image's /etc/passwd and cannot be verified by the kubelet. */
export const userNumeric: PostureRule = {
  info: info({
    id: 'CDP101',
    level: WARNING,
    title: 'Set the user explicitly, as a numeric uid',
    description: 'ECS: a container `User` that is a name (`nonroot`) rather than a uid is reported: the name resolves only inside the image. '
      + 'Kubernetes: a container whose `runAsUser` is set neither on it nor on the pod is reported: the user then comes from the image, '
      + 'and `runAsNonRoot` can only verify it at start-up (a named USER fails there).',
    fix: 'ECS: `User: \'65532:65532\'`. Kubernetes: `securityContext: { runAsUser: 65532, runAsGroup: 65532 }` on the pod.',
    platforms: [ECS, K8S],
  }),
  task(t) {
    const hits: PostureHit[] = [];
    for (const c of t.containers) {
      const user = get(c.spec, 'User');
      if (typeof user === 'string' && !isRootUser(user) && !/^\d+(:\d+)?$/.test(user.trim())) {
        hits.push({
          path: [...c.path, 'User'],
          container: c.name,
          message: `${who(c)} has User ${show(user)}, a name rather than a numeric uid; allowed: uid[:gid], e.g. "65532:65532".`,
          fix: `Set \`User\` of ${who(c)} to the numeric uid:gid the name stands for in the image, e.g. '65532:65532'.`,
        });
      }
    }
    return hits;
  },
  pod(t) {
    const hits: PostureHit[] = [];
    const podUser = get(psc(t).value, 'runAsUser');
    for (const c of t.containers) {
      const s = sc(c);
      if (get(s.value, 'runAsUser') === undefined && podUser === undefined) {
        hits.push({
          path: s.value === undefined ? c.path : s.path,
          container: c.name,
          message: `${who(c)} has no runAsUser (neither on it nor on the pod), so the image decides the user; allowed: an explicit numeric uid.`,
          fix: 'Set `securityContext: { runAsUser: 65532, runAsGroup: 65532 }` on the pod (or the numeric user your image runs as).',
        });
      }
    }
    return hits;
  },
};
