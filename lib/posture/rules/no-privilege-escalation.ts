import { PostureHit, PostureRule } from '../model';
import { ERROR, get, info, K8S, sc, show, who } from './common';

/** Without no_new_privs a setuid binary in the image turns the process into root. */
export const noPrivilegeEscalation: PostureRule = {
  info: info({
    id: 'CDP005',
    level: ERROR,
    title: 'Containers must not allow privilege escalation',
    description: 'Kubernetes (restricted, "Privilege Escalation"): every container, init container and ephemeral container sets '
      + '`securityContext.allowPrivilegeEscalation: false` (Kubernetes defaults to true), so the kernel\'s no_new_privs flag stops setuid '
      + 'binaries and file capabilities from raising privileges. Pods with `spec.os.name: windows` are exempt, as in the standard. ECS task '
      + 'definitions have no such setting on Fargate (`DockerSecurityOptions: ["no-new-privileges"]` exists on EC2 only), so the rule '
      + 'applies to Kubernetes.',
    fix: 'Set `securityContext.allowPrivilegeEscalation: false` on every container.',
    platforms: [K8S],
    podSecurityStandards: ['restricted: Privilege Escalation'],
  }),
  pod(t) {
    if (t.windows) { return []; }
    const hits: PostureHit[] = [];
    for (const c of t.containers) {
      const s = sc(c);
      const v = get(s.value, 'allowPrivilegeEscalation');
      if (v !== false) {
        hits.push({
          path: v === undefined ? s.path : [...s.path, 'allowPrivilegeEscalation'],
          container: c.name,
          message: `${who(c)} has allowPrivilegeEscalation ${v === undefined ? 'unset (Kubernetes defaults to true)' : show(v)}; allowed: false.`,
          fix: `Set \`securityContext.allowPrivilegeEscalation: false\` on ${who(c)}.`,
        });
      }
    }
    return hits;
  },
};
