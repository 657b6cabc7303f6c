import { PostureHit, PostureRule } from '../model';
import { isObject } from '../values';
import { dockerSecurityOptions, ECS, ERROR, get, info, K8S, psc, sc, show, splitOption, who } from './common';

const ALLOWED_TYPES = ['RuntimeDefault', 'Localhost'];

/** AppArmor confines what files and capabilities a process may use; unconfined removes that. */
export const appArmor: PostureRule = {
  info: info({
    id: 'CDP012',
    level: ERROR,
    title: 'Containers must not run AppArmor-unconfined',
    description: 'Kubernetes (baseline, "AppArmor"): `securityContext.appArmorProfile.type` on the pod and every container is unset, '
      + '`RuntimeDefault` or `Localhost`, and the annotations `container.apparmor.security.beta.kubernetes.io/*` are unset, '
      + '`runtime/default` or `localhost/<profile>`. ECS: no `DockerSecurityOptions` entry `apparmor:unconfined`.',
    fix: 'Remove the `Unconfined` profile (or the `unconfined` annotation or security option); the runtime default applies.',
    platforms: [ECS, K8S],
    podSecurityStandards: ['baseline: AppArmor'],
  }),
  task(t) {
    const hits: PostureHit[] = [];
    for (const c of t.containers) {
      for (const o of dockerSecurityOptions(c)) {
        const [k, v] = splitOption(o.value);
        if (k === 'apparmor' && v.toLowerCase() === 'unconfined') {
          hits.push({
            path: o.path,
            container: c.name,
            message: `${who(c)} runs AppArmor-unconfined (DockerSecurityOptions ${show(o.value)}); allowed: the default or a named profile.`,
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
    const check = (profile: unknown, path: ReadonlyArray<string | number>, what: string, container?: string) => {
      if (profile === undefined || profile === null) { return; }
      const type = get(profile, 'type');
      if (!ALLOWED_TYPES.includes(type)) {
        hits.push({
          path: [...path, 'appArmorProfile', ...(isObject(profile) ? ['type'] : [])],
          container,
          message: `${what} has appArmorProfile.type ${show(type)}; allowed: RuntimeDefault, Localhost or unset.`,
        });
      }
    };
    check(get(pod.value, 'appArmorProfile'), pod.path, 'the pod');
    for (const c of t.containers) {
      const s = sc(c);
      check(get(s.value, 'appArmorProfile'), s.path, who(c), c.name);
    }
    const annotations = get(t.podMeta, 'annotations');
    if (isObject(annotations)) {
      for (const [key, value] of Object.entries(annotations)) {
        if (!key.startsWith('container.apparmor.security.beta.kubernetes.io/')) { continue; }
        if (value === 'runtime/default' || (typeof value === 'string' && value.startsWith('localhost/'))) { continue; }
        hits.push({
          path: [...t.podMetaPath, 'annotations', key],
          message: `annotation ${key} is ${show(value)}; allowed: runtime/default or localhost/<profile>.`,
          fix: `Remove the annotation ${key}, or set it to runtime/default.`,
        });
      }
    }
    return hits;
  },
};
