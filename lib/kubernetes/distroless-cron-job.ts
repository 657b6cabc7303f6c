import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { JobOptions } from './distroless-job';
import { DistrolessPodProps } from './pod-options';
import { TimeSpan } from '../workload';
import { jobSpec } from './private/job';
import { checkCount, checkSpan, metadata, serviceAccount } from './private/objects';
import { checkDnsLabel, podParts } from './private/pod';

/** What happens when a run is due while the previous one still runs. */
export enum ConcurrencyPolicy {
  /** Skip the new run. */
  FORBID = 'Forbid',
  /** Run both. */
  ALLOW = 'Allow',
  /** Stop the running one and start the new one. */
  REPLACE = 'Replace',
}

/** Properties of a `DistrolessCronJob`. */
export interface DistrolessCronJobProps extends DistrolessPodProps, JobOptions {
  /** When to run: five cron fields (minute hour day-of-month month day-of-week) or a macro such as '@daily'. */
  readonly schedule: string;
  /**
   * IANA time zone the schedule is read in, e.g. 'Europe/Berlin'.
   * @default 'Etc/UTC'
   */
  readonly timeZone?: string;
  /**
   * What to do when a run is due while the previous one still runs.
   * @default ConcurrencyPolicy.FORBID
   */
  readonly concurrencyPolicy?: ConcurrencyPolicy;
  /**
   * Finished successful Jobs kept.
   * @default 3
   */
  readonly successfulJobsHistoryLimit?: number;
  /**
   * Failed Jobs kept.
   * @default 1
   */
  readonly failedJobsHistoryLimit?: number;
  /**
   * How late a missed run may still start (`startingDeadlineSeconds`).
   * @default TimeSpan.minutes(5)
   */
  readonly startingDeadline?: TimeSpan;
}

const MACROS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];

/** A scheduled distroless run: a CronJob whose pods pass "restricted", with its own ServiceAccount. */
export class DistrolessCronJob extends Construct {
  /** The CronJob. */
  public readonly cronJob: ApiObject;
  /** The pods' ServiceAccount. */
  public readonly serviceAccount: ApiObject;

  constructor(scope: Construct, id: string, props: DistrolessCronJobProps) {
    super(scope, id);
    const where = `DistrolessCronJob ${this.node.path}`;
    const parts = podParts(this, props, 'DistrolessCronJob');
    const schedule = props.schedule;
    if (typeof schedule !== 'string' || !(MACROS.includes(schedule.trim()) || schedule.trim().split(/\s+/).length === 5) || /TZ=/.test(schedule)) {
      throw new Error(`${where}: schedule ${JSON.stringify(schedule)} is not a cron schedule. Use five fields (minute hour day-of-month month day-of-week), e.g. '0 3 * * *', or a macro such as '@daily'; set the zone with timeZone, not TZ= in the schedule.`);
    }
    const timeZone = props.timeZone ?? 'Etc/UTC';
    if (!validZone(timeZone)) {
      throw new Error(`${where}: timeZone ${JSON.stringify(props.timeZone)} is not an IANA time zone. Use e.g. 'Etc/UTC' or 'Europe/Berlin'.`);
    }
    if (props.concurrencyPolicy !== undefined && !Object.values(ConcurrencyPolicy).includes(props.concurrencyPolicy)) {
      throw new Error(`${where}: concurrencyPolicy ${JSON.stringify(props.concurrencyPolicy)} is not a ConcurrencyPolicy. Use ConcurrencyPolicy.FORBID, ALLOW or REPLACE.`);
    }
    const successful = checkCount(props.successfulJobsHistoryLimit, 3, 0, `${where}: successfulJobsHistoryLimit`, 100);
    const failed = checkCount(props.failedJobsHistoryLimit, 1, 0, `${where}: failedJobsHistoryLimit`, 100);
    const starting = checkSpan(props.startingDeadline, TimeSpan.minutes(5), `${where}: startingDeadline`, 10);
    this.serviceAccount = serviceAccount(this, parts, props.name === undefined ? undefined : checkDnsLabel(props.name, `${where}: name`));
    const spec = jobSpec(this, parts, props, where);
    this.cronJob = new ApiObject(this, 'CronJob', {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: metadata(parts, props.name, true),
      spec: {
        schedule: schedule.trim(),
        timeZone,
        concurrencyPolicy: props.concurrencyPolicy ?? ConcurrencyPolicy.FORBID,
        successfulJobsHistoryLimit: successful,
        failedJobsHistoryLimit: failed,
        startingDeadlineSeconds: starting.toSeconds(),
        jobTemplate: { metadata: { labels: { ...parts.labels } }, spec },
      },
    });
  }
}

function validZone(zone: unknown): boolean {
  if (typeof zone !== 'string' || zone.length === 0) { return false; }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
