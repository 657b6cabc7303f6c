import { PostureHit, PostureRule } from '../model';
import { isObject } from '../values';
import { dockerSecurityOptions, ECS, ERROR, get, info, K8S, psc, sc, show, splitOption, who } from './common';

const ALLOWED = ['RuntimeDefault', 'Localhost'];

/** Seccomp filters the syscalls a compromised process can make; Unconfined removes the filter. */
export const seccomp: PostureRule = {
  info: info({
    id: 'CDP007',
    level: ERROR,
    title: 'Containers must run with the RuntimeDefault or a Localhost seccomp profile',
    description: 'Kubernetes (restricted, "Seccomp"; baseline, "Seccomp"): `securityContext.seccompProfile.type` is `RuntimeDefault` or '
      + '`Localhost` on the pod, or on every container when the pod sets none; `Unconfined` is reported anywhere, as are the legacy '
      + 'annotations `seccomp.security.alpha.kubernetes.io/pod` and `container.seccomp.security.alpha.kubernetes.io/*` set to `unconfined`. '
      + 'Pods with `spec.os.name: windows` are exempt from the requirement to set a profile. ECS applies the runtime default profile; the '
      + 'rule reports `DockerSecurityOptions` that switch it off (`seccomp:unconfined`).',
    fix: 'Kubernetes: `securityContext: { seccompProfile: { type: \'RuntimeDefault\' } }` on the pod. ECS: remove `seccomp:unconfined`.',
    platforms: [ECS, K8S],
    podSecurityStandards: ['baseline: Seccomp', 'restricted: Seccomp'],
  }),
  task(t) {
    const hits: PostureHit[] = [];
    for (const c of t.containers) {
      for (const o of dockerSecurityOptions(c)) {
        const [k, v] = splitOption(o.value);
        if (k === 'seccomp' && v.toLowerCase() === 'unconfined') {
          hits.push({
            path: o.path,
            container: c.name,
            message: `${who(c)} turns seccomp off (DockerSecurityOptions ${show(o.value)}); allowed: the runtime default profile or a custom profile.`,
            fix: `Remove ${show(o.value)} from DockerSecurityOptions of ${who(c)}.`,
          });
        }
      }
    }
    return hits;
  },
  pod(t) {
    const hits: PostureHit[] = [];
    const pod = psc(t);
    const podProfile = get(pod.value, 'seccompProfile');
    const podType = get(podProfile, 'type');
    const podOk = ALLOWED.includes(podType);
    if (podProfile !== undefined && !podOk) {
      hits.push({
        path: [...pod.path, 'seccompProfile', ...(isObject(podProfile) ? ['type'] : [])],
        message: `the pod has seccompProfile.type ${show(podType)}; allowed: RuntimeDefault or Localhost.`,
      });
    }
    const annotations = get(t.podMeta, 'annotations');
    if (isObject(annotations)) {
      for (const [key, value] of Object.entries(annotations)) {
        if ((key === 'seccomp.security.alpha.kubernetes.io/pod' || key.startsWith('container.seccomp.security.alpha.kubernetes.io/'))
          && typeof value === 'string' && value.toLowerCase() === 'unconfined') {
          hits.push({
            path: [...t.podMetaPath, 'annotations', key],
            message: `annotation ${key} is ${show(value)}, which turns seccomp off; allowed: runtime/default or localhost/<profile>.`,
            fix: `Remove the annotation ${key} and set \`securityContext.seccompProfile.type: RuntimeDefault\`.`,
          });
        }
      }
    }
    for (const c of t.containers) {
      const s = sc(c);
      const profile = get(s.value, 'seccompProfile');
      const type = get(profile, 'type');
      if (profile !== undefined && !ALLOWED.includes(type)) {
        hits.push({
          path: [...s.path, 'seccompProfile', ...(isObject(profile) ? ['type'] : [])],
          container: c.name,
          message: `${who(c)} has seccompProfile.type ${show(type)}; allowed: RuntimeDefault or Localhost.`,
        });
      } else if (profile === undefined && !podOk && podProfile === undefined && !t.windows) {
        hits.push({
          path: s.value === undefined ? c.path : s.path,
          container: c.name,
          message: `${who(c)} runs without a seccomp profile: seccompProfile is set neither on it nor on the pod (the runtime then applies none, i.e. Unconfined); allowed: RuntimeDefault or Localhost.`,
          fix: 'Set `securityContext.seccompProfile.type: RuntimeDefault` on the pod.',
        });
      }
    }
    return hits;
  },
};
