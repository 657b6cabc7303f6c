import { PostureRule } from '../model';
import { info, K8S, WARNING } from './common';

/** Reported by the checker while reading manifests: the rule holds the documentation. */
export const unknownKind: PostureRule = {
  info: info({
    id: 'CDP103',
    level: WARNING,
    title: 'Objects of unknown kinds that hold containers are checked as best it can',
    description: 'A Kubernetes object whose kind is not a pod-bearing core kind (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, '
      + 'ReplicationController, Job, CronJob, PodTemplate) but holds pod specs (an object with a `containers` list, e.g. an Argo Rollout or '
      + 'a Knative Service) is reported once, and every pod spec found in it is checked with the other rules. Objects of other kinds '
      + '(Service, ConfigMap, ...) hold no containers and are not reported.',
    fix: 'Confirm the controller of this kind really runs the pod spec found (or suppress the finding with a reason on the object).',
    platforms: [K8S],
  }),
};
