import { PostureHit, PostureRule } from '../model';
import { arr } from '../values';
import { ECS, ERROR, get, info, K8S, show } from './common';

/** A host path mounts the node's filesystem into the container. */
export const hostPathVolumes: PostureRule = {
  info: info({
    id: 'CDP010',
    level: ERROR,
    title: 'Workloads must not mount host paths',
    description: 'Kubernetes (baseline, "HostPath Volumes"; restricted, "Volume Types"): no `spec.volumes[*].hostPath`. ECS: no task '
      + 'volume with `Host.SourcePath` (a bind mount of the instance\'s filesystem); Fargate task storage volumes without a source path are fine.',
    fix: 'Use an `emptyDir`, a ConfigMap/Secret or a PersistentVolumeClaim (Kubernetes); a task volume without `Host.SourcePath` or EFS (ECS).',
    platforms: [ECS, K8S],
    podSecurityStandards: ['baseline: HostPath Volumes'],
  }),
  task(t) {
    const hits: PostureHit[] = [];
    arr(get(t.props, 'Volumes')).forEach((v, i) => {
      const source = get(get(v, 'Host'), 'SourcePath');
      if (source !== undefined && source !== null) {
        hits.push({
          path: [...t.propsPath, 'Volumes', i, 'Host', 'SourcePath'],
          message: `task definition ${t.logicalId} volume ${show(get(v, 'Name'))} mounts the host path ${show(source)}; allowed: no host path.`,
          fix: 'Remove Host.SourcePath: use task storage (a volume with no host) or EFS.',
        });
      }
    });
    return hits;
  },
  pod(t) {
    const hits: PostureHit[] = [];
    arr(get(t.pod, 'volumes')).forEach((v, i) => {
      const hp = get(v, 'hostPath');
      if (hp !== undefined && hp !== null) {
        hits.push({
          path: [...t.podPath, 'volumes', i, 'hostPath'],
          message: `volume ${show(get(v, 'name'))} mounts the host path ${show(get(hp, 'path') ?? hp)}; allowed: no hostPath volume.`,
          fix: 'Replace the hostPath volume with an emptyDir, a ConfigMap/Secret or a PersistentVolumeClaim.',
        });
      }
    });
    return hits;
  },
};
