import { PostureHit, PostureRule } from '../model';
import { arr, isIntrinsic } from '../values';
import { ECS, ERROR, get, info, K8S, sc, show, unknownHit, who } from './common';

/** Capabilities the Pod Security Standards baseline lets a container add (Docker's default set, minus the dangerous ones). */
export const BASELINE_CAPABILITIES = ['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE',
  'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT'];
/** What the restricted profile lets a container add back after dropping ALL. */
export const K8S_ADD_BACK = ['NET_BIND_SERVICE'];
/** What Fargate lets a task add back after dropping ALL. */
export const ECS_ADD_BACK = ['SYS_PTRACE'];

/** Every capability a process keeps is kernel attack surface; distroless apps need none. */
export const capabilities: PostureRule = {
  info: info({
    id: 'CDP006',
    level: ERROR,
    title: 'Containers must drop all capabilities',
    description: 'Kubernetes (restricted, "Capabilities"; baseline, "Capabilities"): every container, init container and ephemeral container '
      + 'drops `ALL` (`securityContext.capabilities.drop: [ALL]`) and adds back nothing but `NET_BIND_SERVICE`; the message says when an '
      + 'added capability is outside even the baseline list. ECS: every container definition drops `ALL` '
      + '(`LinuxParameters.Capabilities.Drop`) and adds back nothing but `SYS_PTRACE`, the one capability Fargate allows. A capability '
      + 'added back under a recorded relaxation `capabilities` (`Relaxation.addCapability(name, reason)`) is accepted with its reason. '
      + 'Pods with `spec.os.name: windows` are exempt from the drop requirement, as in the standard.',
    fix: 'Kubernetes: `securityContext: { capabilities: { drop: [\'ALL\'] } }`. ECS: `linuxParameters.dropCapabilities(Capability.ALL)` '
      + '(CDK) or `LinuxParameters: { Capabilities: { Drop: [\'ALL\'] } }`.',
    platforms: [ECS, K8S],
    podSecurityStandards: ['baseline: Capabilities', 'restricted: Capabilities'],
    relaxationControl: 'capabilities',
  }),
  task(t) {
    const hits: PostureHit[] = [];
    for (const c of t.containers) {
      const lp = get(c.spec, 'LinuxParameters');
      const caps = get(lp, 'Capabilities');
      const base = [...c.path, 'LinuxParameters', 'Capabilities'];
      if (isIntrinsic(lp) || isIntrinsic(caps)) {
        hits.push(unknownHit(isIntrinsic(lp) ? [...c.path, 'LinuxParameters'] : base, `${who(c)}'s LinuxParameters`, isIntrinsic(lp) ? lp : caps, c.name));
        continue;
      }
      const drop = get(caps, 'Drop');
      if (isIntrinsic(drop)) {
        hits.push(unknownHit([...base, 'Drop'], `${who(c)}'s capabilities to drop`, drop, c.name));
      } else if (!arr(drop).includes('ALL')) {
        hits.push({
          path: drop === undefined ? (lp === undefined ? c.path : base) : [...base, 'Drop'],
          container: c.name,
          message: `${who(c)} does not drop ALL capabilities (Drop ${drop === undefined ? 'unset' : show(drop)}), so it keeps Docker's default set; allowed: Drop [ALL].`,
          fix: `Add \`LinuxParameters: { Capabilities: { Drop: ['ALL'] } }\` to ${who(c)} (CDK: \`linuxParameters.dropCapabilities(Capability.ALL)\`).`,
        });
      }
      const add = get(caps, 'Add');
      if (isIntrinsic(add)) {
        hits.push(unknownHit([...base, 'Add'], `${who(c)}'s capabilities to add`, add, c.name));
      } else {
        arr(add).forEach((cap, i) => {
          if (!ECS_ADD_BACK.includes(cap)) {
            hits.push({
              path: [...base, 'Add', i],
              container: c.name,
              capability: typeof cap === 'string' ? cap : undefined,
              message: `${who(c)} adds capability ${show(cap)}; allowed: only ${ECS_ADD_BACK.join(', ')} (what Fargate accepts after dropping ALL).`,
              fix: `Remove ${show(cap)} from Add on ${who(c)}, or record why it is needed with a relaxation or suppression.`,
            });
          }
        });
      }
    }
    return hits;
  },
  pod(t) {
    const hits: PostureHit[] = [];
    for (const c of t.containers) {
      const s = sc(c);
      const caps = get(s.value, 'capabilities');
      const base = [...s.path, 'capabilities'];
      const drop = get(caps, 'drop');
      if (!t.windows && !arr(drop).includes('ALL')) {
        hits.push({
          path: drop === undefined ? (caps === undefined ? (s.value === undefined ? c.path : s.path) : base) : [...base, 'drop'],
          container: c.name,
          message: `${who(c)} does not drop ALL capabilities (drop ${drop === undefined ? 'unset' : show(drop)}); allowed: drop [ALL].`,
          fix: `Set \`securityContext.capabilities.drop: ['ALL']\` on ${who(c)}.`,
        });
      }
      arr(get(caps, 'add')).forEach((cap, i) => {
        if (!K8S_ADD_BACK.includes(cap)) {
          const beyond = !BASELINE_CAPABILITIES.includes(cap) ? ' (not even in the baseline profile\'s list)' : '';
          hits.push({
            path: [...base, 'add', i],
            container: c.name,
            capability: typeof cap === 'string' ? cap : undefined,
            message: `${who(c)} adds capability ${show(cap)}${beyond}; allowed: only NET_BIND_SERVICE (restricted profile).`,
            fix: `Remove ${show(cap)} from capabilities.add on ${who(c)}, or record why it is needed with a relaxation or suppression.`,
          });
        }
      });
    }
    return hits;
  },
};
