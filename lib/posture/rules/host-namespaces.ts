import { PostureHit, PostureRule } from '../model';
import { ECS, ERROR, get, info, K8S, show, taskIntrinsic } from './common';

/** Sharing the host's network, process or IPC namespace lets a container see and reach the node's processes and sockets. */
export const hostNamespaces: PostureRule = {
  info: info({
    id: 'CDP008',
    level: ERROR,
    title: 'Workloads must not share host namespaces',
    description: 'Kubernetes (baseline, "Host Namespaces"): `spec.hostNetwork`, `spec.hostPID` and `spec.hostIPC` are unset or false. ECS: '
      + 'the task definition\'s `NetworkMode`, `PidMode` and `IpcMode` are not `host`.',
    fix: 'Remove `hostNetwork`/`hostPID`/`hostIPC` (Kubernetes); use `NetworkMode: awsvpc` and no `host` PID or IPC mode (ECS).',
    platforms: [ECS, K8S],
    podSecurityStandards: ['baseline: Host Namespaces'],
  }),
  task(t) {
    const hits: PostureHit[] = [];
    for (const key of ['NetworkMode', 'PidMode', 'IpcMode']) {
      const unknown = taskIntrinsic(t, key);
      if (unknown) { hits.push(unknown); continue; }
      const v = get(t.props, key);
      if (typeof v === 'string' && v.toLowerCase() === 'host') {
        hits.push({
          path: [...t.propsPath, key],
          message: `task definition ${t.logicalId} has ${key} ${show(v)}, which shares the host's namespace; allowed: anything but host (awsvpc for the network).`,
          fix: `Remove ${key}: host${key === 'NetworkMode' ? ' and use awsvpc' : ''}.`,
        });
      }
    }
    return hits;
  },
  pod(t) {
    const hits: PostureHit[] = [];
    for (const key of ['hostNetwork', 'hostPID', 'hostIPC']) {
      const v = get(t.pod, key);
      if (v !== undefined && v !== null && v !== false) {
        hits.push({ path: [...t.podPath, key], message: `the pod has ${key} ${show(v)}; allowed: false or unset.`, fix: `Remove \`${key}\` from the pod spec.` });
      }
    }
    return hits;
  },
};
