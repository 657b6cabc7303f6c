import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { DistrolessPodProps } from './pod-options';
import { TimeSpan } from '../workload';
import { jobSpec } from './private/job';
import { checkSpan, metadata, serviceAccount } from './private/objects';
import { checkDnsLabel, podParts } from './private/pod';

/** How a run to completion retries and ends. */
export interface JobOptions {
  /**
   * Name of the Job (or CronJob) and its ServiceAccount.
   * @default - a name cdk8s derives from the construct path
   */
  readonly name?: string;
  /**
   * Retries before the Job counts as failed.
   * @default 2
   */
  readonly backoffLimit?: number;
  /**
   * Longest a Job may run, retries included, before it is stopped (`activeDeadlineSeconds`).
   * @default TimeSpan.minutes(60)
   */
  readonly activeDeadline?: TimeSpan;
}

/** Properties of a `DistrolessJob`. */
export interface DistrolessJobProps extends DistrolessPodProps, JobOptions {
  /**
   * How long a finished Job is kept before Kubernetes deletes it (`ttlSecondsAfterFinished`).
   * @default TimeSpan.minutes(1440) (one day)
   */
  readonly ttlAfterFinished?: TimeSpan;
}

/** A distroless run to completion: a Job whose pod passes "restricted", with its own ServiceAccount. */
export class DistrolessJob extends Construct {
  /** The Job. */
  public readonly job: ApiObject;
  /** The pod's ServiceAccount. */
  public readonly serviceAccount: ApiObject;

  constructor(scope: Construct, id: string, props: DistrolessJobProps) {
    super(scope, id);
    const where = `DistrolessJob ${this.node.path}`;
    const parts = podParts(this, props, 'DistrolessJob');
    const ttl = checkSpan(props.ttlAfterFinished, TimeSpan.minutes(1440), `${where}: ttlAfterFinished`);
    this.serviceAccount = serviceAccount(this, parts, props.name === undefined ? undefined : checkDnsLabel(props.name, `${where}: name`));
    this.job = new ApiObject(this, 'Job', {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: metadata(parts, props.name, true),
      spec: { ...jobSpec(this, parts, props, where), ttlSecondsAfterFinished: ttl.toSeconds() },
    });
  }
}
