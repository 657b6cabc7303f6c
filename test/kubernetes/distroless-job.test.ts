import { Testing } from 'cdk8s';
import { one, registryWorkload } from './fixtures';
import { restrictedViolations, validateAll } from './manifests';
import { kubernetes, TimeSpan } from '../../lib';

const { DistrolessJob, DistrolessCronJob, ConcurrencyPolicy } = kubernetes;

function synthJob(props: Partial<kubernetes.DistrolessJobProps> = {}): any[] {
  const chart = Testing.chart();
  new DistrolessJob(chart, 'migrate', { workload: registryWorkload({ ports: [] }, { ports: [] }), ...props });
  const objects = Testing.synth(chart);
  validateAll(objects);
  return objects;
}

function synthCron(props: Partial<kubernetes.DistrolessCronJobProps> = {}): any[] {
  const chart = Testing.chart();
  new DistrolessCronJob(chart, 'report', { workload: registryWorkload({ ports: [] }, { ports: [] }), schedule: '0 3 * * *', ...props });
  const objects = Testing.synth(chart);
  validateAll(objects);
  return objects;
}

describe('DistrolessJob', () => {
  const objects = synthJob();
  const job = one(objects, 'Job');

  test('a Job and its own ServiceAccount with automount off', () => {
    expect(objects.map(o => o.kind).sort()).toEqual(['Job', 'ServiceAccount']);
    expect(one(objects, 'ServiceAccount').automountServiceAccountToken).toBe(false);
    expect(job.spec.template.spec.serviceAccountName).toBe(one(objects, 'ServiceAccount').metadata.name);
  });
  test('the pod passes restricted and the extras', () => {
    expect(restrictedViolations(job.spec.template)).toEqual([]);
  });
  test('backoffLimit 2, activeDeadlineSeconds 3600, ttlSecondsAfterFinished 86400, restartPolicy Never', () => {
    expect(job.spec).toMatchObject({ backoffLimit: 2, activeDeadlineSeconds: 3600, ttlSecondsAfterFinished: 86400 });
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
  });
  test('no probes without a port or health check', () => {
    expect(job.spec.template.spec.containers[0].livenessProbe).toBeUndefined();
    expect(job.spec.template.spec.containers[0].readinessProbe).toBeUndefined();
  });
  test('options', () => {
    const j = one(synthJob({ name: 'migrate', backoffLimit: 0, activeDeadline: TimeSpan.minutes(5), ttlAfterFinished: TimeSpan.seconds(0) }), 'Job');
    expect(j.metadata.name).toBe('migrate');
    expect(j.spec).toMatchObject({ backoffLimit: 0, activeDeadlineSeconds: 300, ttlSecondsAfterFinished: 0 });
  });
  test('a workload with a port gets a liveness probe only', () => {
    const chart = Testing.chart();
    new DistrolessJob(chart, 'j', { workload: registryWorkload() });
    const c = one(Testing.synth(chart), 'Job').spec.template.spec.containers[0];
    expect(c.livenessProbe.tcpSocket).toEqual({ port: 8080 });
    expect(c.readinessProbe).toBeUndefined();
  });
  test('fails if backoffLimit is negative', () => {
    expect(() => synthJob({ backoffLimit: -1 })).toThrow(/DistrolessJob test\/migrate: backoffLimit -1 must be a whole number from 0 to 100/);
  });
  test('fails if activeDeadline is not a TimeSpan of at least a second', () => {
    expect(() => synthJob({ activeDeadline: TimeSpan.seconds(0) })).toThrow(/activeDeadline 0 seconds must be a TimeSpan of at least 1 seconds/);
    expect(() => synthJob({ activeDeadline: 60 as any })).toThrow(/activeDeadline 60 must be a TimeSpan/);
  });
  test('fails if ttlAfterFinished is not a TimeSpan', () => {
    expect(() => synthJob({ ttlAfterFinished: '1d' as any })).toThrow(/ttlAfterFinished "1d" must be a TimeSpan/);
  });
  test('fails if the name is not a DNS label', () => {
    expect(() => synthJob({ name: 'Migrate' })).toThrow(/DistrolessJob test\/migrate: name "Migrate" is not a DNS label/);
  });
});

describe('DistrolessCronJob', () => {
  const objects = synthCron();
  const cron = one(objects, 'CronJob');

  test('a CronJob and its own ServiceAccount', () => {
    expect(objects.map(o => o.kind).sort()).toEqual(['CronJob', 'ServiceAccount']);
  });
  test('the pod passes restricted and the extras', () => {
    expect(restrictedViolations(cron.spec.jobTemplate.spec.template)).toEqual([]);
  });
  test('time zone Etc/UTC, Forbid, history 3/1, starting deadline 300 s, backoff 2, deadline 3600 s', () => {
    expect(cron.spec).toMatchObject({
      schedule: '0 3 * * *',
      timeZone: 'Etc/UTC',
      concurrencyPolicy: 'Forbid',
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      startingDeadlineSeconds: 300,
    });
    expect(cron.spec.jobTemplate.spec).toMatchObject({ backoffLimit: 2, activeDeadlineSeconds: 3600 });
    expect(cron.spec.jobTemplate.spec.ttlSecondsAfterFinished).toBeUndefined();
  });
  test('options', () => {
    const c = one(synthCron({
      schedule: '@hourly',
      timeZone: 'Europe/Berlin',
      concurrencyPolicy: ConcurrencyPolicy.REPLACE,
      successfulJobsHistoryLimit: 1,
      failedJobsHistoryLimit: 5,
      startingDeadline: TimeSpan.minutes(1),
      backoffLimit: 4,
      activeDeadline: TimeSpan.minutes(10),
    }), 'CronJob');
    expect(c.spec).toMatchObject({ schedule: '@hourly', timeZone: 'Europe/Berlin', concurrencyPolicy: 'Replace', successfulJobsHistoryLimit: 1, failedJobsHistoryLimit: 5, startingDeadlineSeconds: 60 });
    expect(c.spec.jobTemplate.spec).toMatchObject({ backoffLimit: 4, activeDeadlineSeconds: 600 });
  });
  test('fails if the schedule is not five fields or a macro, or sets TZ=', () => {
    for (const s of ['0 3 * *', 'daily', 'TZ=UTC 0 3 * * *']) {
      expect(() => synthCron({ schedule: s })).toThrow(/DistrolessCronJob test\/report: schedule .* is not a cron schedule/);
    }
  });
  test('fails if the time zone is unknown', () => {
    expect(() => synthCron({ timeZone: 'Mars/Olympus' })).toThrow(/timeZone "Mars\/Olympus" is not an IANA time zone/);
  });
  test('fails if concurrencyPolicy is not a ConcurrencyPolicy', () => {
    expect(() => synthCron({ concurrencyPolicy: 'Queue' as any })).toThrow(/concurrencyPolicy "Queue" is not a ConcurrencyPolicy/);
  });
  test('fails if a history limit is out of range', () => {
    expect(() => synthCron({ successfulJobsHistoryLimit: -1 })).toThrow(/successfulJobsHistoryLimit -1/);
    expect(() => synthCron({ failedJobsHistoryLimit: 1000 })).toThrow(/failedJobsHistoryLimit 1000/);
  });
  test('fails if startingDeadline is under 10 seconds (the controller checks every 10 s)', () => {
    expect(() => synthCron({ startingDeadline: TimeSpan.seconds(5) })).toThrow(/startingDeadline 5 seconds must be a TimeSpan of at least 10 seconds/);
  });
});
