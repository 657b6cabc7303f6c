import { PostureHit, PostureRule } from '../model';
import { arr, isObject } from '../values';
import { ERROR, get, info, K8S, show } from './common';

/** Volume sources the restricted profile allows. */
export const ALLOWED_VOLUME_TYPES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];

/** In-tree volume types mount storage with node credentials; restricted pods reach storage through PersistentVolumes. */
export const volumeTypes: PostureRule = {
  info: info({
    id: 'CDP016',
    level: ERROR,
    title: 'Pods may use only core volume types',
    description: `Kubernetes (restricted, "Volume Types"): every \`spec.volumes[*]\` is one of ${ALLOWED_VOLUME_TYPES.join(', ')}. `
      + '`hostPath` is reported by CDP010, not twice here. ECS task volumes are bind mounts, Docker volumes or EFS, and host paths are CDP010\'s.',
    fix: 'Use a PersistentVolumeClaim for network storage (nfs, iscsi, awsElasticBlockStore, ...), or an emptyDir, ConfigMap, Secret or projected volume.',
    platforms: [K8S],
    podSecurityStandards: ['restricted: Volume Types'],
  }),
  pod(t) {
    const hits: PostureHit[] = [];
    arr(get(t.pod, 'volumes')).forEach((v, i) => {
      if (!isObject(v)) { return; }
      const types = Object.keys(v).filter(k => k !== 'name' && v[k] !== null && v[k] !== undefined);
      const bad = types.filter(k => !ALLOWED_VOLUME_TYPES.includes(k) && k !== 'hostPath');
      for (const type of bad) {
        hits.push({ path: [...t.podPath, 'volumes', i, type], message: `volume ${show(get(v, 'name'))} is of type ${type}; allowed: ${ALLOWED_VOLUME_TYPES.join(', ')}.` });
      }
    });
    return hits;
  },
};
