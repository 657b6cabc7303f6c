import { PostureHit, PostureRule } from '../model';
import { arr, cfnString, isIntrinsic } from '../values';
import { ECS, ERROR, get, info, K8S, show, unknownHit, who } from './common';

/** A host port binds the node's interface directly, bypassing network policy and the load balancer. */
export const hostPorts: PostureRule = {
  info: info({
    id: 'CDP009',
    level: ERROR,
    title: 'Containers must not bind host ports',
    description: 'Kubernetes (baseline, "Host Ports"): `ports[*].hostPort` of every container, init container and ephemeral container is '
      + 'unset or 0. ECS: in `bridge` network mode (the EC2 default) a `PortMappings[*].HostPort` other than 0 binds the instance\'s port, '
      + 'and in `host` mode every container port is a host port; `awsvpc` (Fargate) gives each task its own interface and is not reported.',
    fix: 'Kubernetes: remove `hostPort` and expose the pod through a Service. ECS: use `NetworkMode: awsvpc`, or leave `HostPort` unset (dynamic).',
    platforms: [ECS, K8S],
    podSecurityStandards: ['baseline: Host Ports'],
  }),
  task(t) {
    const hits: PostureHit[] = [];
    const modeRaw = get(t.props, 'NetworkMode');
    if (isIntrinsic(modeRaw)) { return []; } // CDP008 reports the unknown mode.
    const mode = typeof modeRaw === 'string' ? modeRaw.toLowerCase() : (t.fargate ? 'awsvpc' : 'bridge');
    if (mode !== 'bridge' && mode !== 'host') { return hits; }
    for (const c of t.containers) {
      arr(get(c.spec, 'PortMappings')).forEach((m, i) => {
        const hp = get(m, 'HostPort');
        const path = [...c.path, 'PortMappings', i, 'HostPort'];
        if (isIntrinsic(hp)) {
          hits.push(unknownHit(path, `${who(c)}'s HostPort`, hp, c.name));
        } else if (mode === 'host' || (hp !== undefined && Number(cfnString(hp)) !== 0)) {
          hits.push({
            path: hp === undefined ? [...c.path, 'PortMappings', i] : path,
            container: c.name,
            message: `${who(c)} binds host port ${show(hp ?? get(m, 'ContainerPort'))} (network mode ${mode}); allowed: no host port (awsvpc, or HostPort 0 in bridge mode).`,
            fix: 'Use NetworkMode awsvpc, or remove HostPort so ECS picks a dynamic port behind the load balancer.',
          });
        }
      });
    }
    return hits;
  },
  pod(t) {
    const hits: PostureHit[] = [];
    for (const c of t.containers) {
      arr(get(c.spec, 'ports')).forEach((p, i) => {
        const hp = get(p, 'hostPort');
        if (hp !== undefined && hp !== null && hp !== 0) {
          hits.push({
            path: [...c.path, 'ports', i, 'hostPort'],
            container: c.name,
            message: `${who(c)} binds hostPort ${show(hp)}; allowed: 0 or unset.`,
            fix: `Remove \`hostPort\` from ${who(c)} and reach it through a Service.`,
          });
        }
      });
    }
    return hits;
  },
};
