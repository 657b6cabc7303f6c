import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { checkCount, checkSpan } from './objects';
import { ImageReference, PodParts, podTemplate } from './pod';
import { TimeSpan } from '../../workload';
import type { JobOptions } from '../distroless-job';
import { DistrolessPodProps } from '../pod-options';

/** The Job spec a Job and a CronJob's job template share. */
export function jobSpec(scope: Construct, parts: PodParts, props: DistrolessPodProps & JobOptions, where: string): { [key: string]: unknown } {
  const backoffLimit = checkCount(props.backoffLimit, 2, 0, `${where}: backoffLimit`, 100);
  const deadline = checkSpan(props.activeDeadline, TimeSpan.minutes(60), `${where}: activeDeadline`, 1);
  const image = new ImageReference(scope, parts.workload.image, props.image ?? {}, parts.workload.architecture, where);
  const saName = (scope.node.findChild('ServiceAccount') as ApiObject).name;
  return {
    backoffLimit,
    activeDeadlineSeconds: deadline.toSeconds(),
    template: podTemplate(parts, props, { restartPolicy: 'Never', serviceAccountName: saName, readiness: false, image }, where),
  };
}
