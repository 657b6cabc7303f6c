import {
  aws_cloudwatch as cloudwatch, aws_cloudwatch_actions as cw_actions, aws_ec2 as ec2, aws_ecs as ecs, aws_events as events,
  aws_events_targets as events_targets, aws_kms as kms, aws_logs as logs, aws_scheduler as scheduler, aws_scheduler_targets as scheduler_targets,
  aws_sns as sns, aws_sqs as sqs, Duration, Validations,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DistrolessTaskProps } from './distroless-service';
import { describe, hardenedTask } from './private/hardened-task';
import { resolveCluster } from './private/network';

/** Properties of a `DistrolessJob`. */
export interface DistrolessJobProps extends DistrolessTaskProps {
  /**
   * When EventBridge Scheduler runs the task: `scheduler.ScheduleExpression.cron({...})`, `.rate(...)`
   * or `.at(...)`.
   * @default - no schedule: a one-off task you run with `aws ecs run-task` (failure visibility still applies)
   */
  readonly schedule?: scheduler.ScheduleExpression;
  /**
   * How often EventBridge Scheduler retries when it cannot start the task (RunTask fails). A task
   * that starts and then fails is not retried: ECS has no task retry; it lands in the dead-letter queue.
   * @default 2
   */
  readonly retryAttempts?: number;
  /**
   * How long EventBridge Scheduler keeps trying to start one run before it gives up (60 seconds to 24 hours).
   * @default Duration.hours(1)
   */
  readonly maxEventAge?: Duration;
  /**
   * Topic notified when the failure alarm goes off.
   * @default - a topic of its own (encrypted, TLS only): subscribe to `failureTopic`
   */
  readonly alarmTopic?: sns.ITopic;
}

/**
 * A one-off or scheduled Fargate task running a `Workload` with the same hardened defaults as
 * `DistrolessService`, started by EventBridge Scheduler (cron, rate or one time). Failures are
 * visible: runs the scheduler could not start and tasks that stopped with a non-zero exit code or
 * failed to start go to one dead-letter queue, and an alarm fires when it holds a message.
 */
export class DistrolessJob extends Construct {
  /** The task definition (escape hatch). */
  public readonly taskDefinition: ecs.FargateTaskDefinition;
  /** The application container (escape hatch). */
  public readonly container: ecs.ContainerDefinition;
  /** The cluster it runs in. */
  public readonly cluster: ecs.ICluster;
  /** The container log group. */
  public readonly logGroup: logs.ILogGroup;
  /** The security group of the tasks (no ingress). */
  public readonly securityGroup: ec2.SecurityGroup;
  /** Dead-letter queue: runs that could not start, and stop events of failed tasks. */
  public readonly deadLetterQueue: sqs.Queue;
  /** The rule that sends failed tasks' stop events to the dead-letter queue. */
  public readonly failureRule: events.Rule;
  /** Alarm on a message in the dead-letter queue. */
  public readonly failureAlarm: cloudwatch.Alarm;
  /** The topic the failure alarm notifies. */
  public readonly failureTopic: sns.ITopic;
  /** The schedule, when one is set. */
  public readonly schedule?: scheduler.Schedule;

  constructor(scope: Construct, id: string, props: DistrolessJobProps) {
    super(scope, id);
    const what = `DistrolessJob ${this.node.path}`;
    if (!props || typeof props !== 'object') {
      throw new Error(`${what}: props are required: { workload, schedule?, ... }.`);
    }
    if (props.schedule !== undefined && !(props.schedule instanceof scheduler.ScheduleExpression)) {
      throw new Error(`${what}: schedule must be a scheduler.ScheduleExpression (ScheduleExpression.cron({ minute: '0', hour: '3' }) or .rate(Duration.hours(1))), got ${describe(props.schedule)}.`);
    }
    const retryAttempts = props.retryAttempts ?? 2;
    if (!Number.isInteger(retryAttempts) || retryAttempts < 0 || retryAttempts > 185) {
      throw new Error(`${what}: retryAttempts ${JSON.stringify(retryAttempts)} must be a whole number from 0 to 185 (EventBridge Scheduler's range).`);
    }
    const maxEventAge = props.maxEventAge ?? Duration.hours(1);
    if (maxEventAge.toSeconds() < 60 || maxEventAge.toSeconds() > 86400) {
      throw new Error(`${what}: maxEventAge ${maxEventAge.toHumanString()} is outside EventBridge Scheduler's range of 60 seconds to 24 hours.`);
    }

    const task = hardenedTask(this, {
      what,
      workload: props.workload,
      secrets: props.secrets,
      logRetention: props.logRetention,
      logEncryptionKey: props.logEncryptionKey,
      containerName: props.containerName,
      healthCheck: false,
    });
    this.taskDefinition = task.taskDefinition;
    this.container = task.container;
    this.logGroup = task.logGroup;
    this.cluster = resolveCluster(this, what, props.cluster, props.vpc);
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', { vpc: this.cluster.vpc, description: `Tasks of ${this.node.path}`, allowAllOutbound: true });

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is the dead-letter queue of the job\'s schedule and failed-task events; a dead-letter queue has no dead-letter queue of its own.',
    });

    if (props.schedule) {
      const capacityProviderStrategies = props.spot ? [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }] : undefined;
      this.schedule = new scheduler.Schedule(this, 'Schedule', {
        schedule: props.schedule,
        description: `Runs ${this.node.path}`,
        target: new scheduler_targets.EcsRunFargateTask(this.cluster, {
          taskDefinition: this.taskDefinition,
          vpcSubnets: props.vpcSubnets ?? { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
          securityGroups: [this.securityGroup],
          assignPublicIp: false,
          platformVersion: ecs.FargatePlatformVersion.LATEST,
          capacityProviderStrategies,
          enableExecuteCommand: false,
          // Tagging a task needs ecs:TagResource on task/<cluster>/*, a wildcard nothing can narrow.
          propagateTags: false,
          deadLetterQueue: this.deadLetterQueue,
          retryAttempts,
          maxEventAge,
        }),
      });
    }

    // A task counts as failed when it could not start or a container exited non-zero.
    this.failureRule = new events.Rule(this, 'FailedTasks', {
      description: `Failed tasks of ${this.node.path}`,
      eventPattern: {
        source: ['aws.ecs'],
        detailType: ['ECS Task State Change'],
        detail: {
          lastStatus: ['STOPPED'],
          taskDefinitionArn: [this.taskDefinition.taskDefinitionArn],
          $or: [
            { containers: { exitCode: [{ 'anything-but': 0 }] } },
            { stopCode: ['TaskFailedToStart'] },
          ],
        },
      },
      targets: [new events_targets.SqsQueue(this.deadLetterQueue)],
    });

    this.failureAlarm = new cloudwatch.Alarm(this, 'FailureAlarm', {
      alarmDescription: `${this.node.path}: a run could not start or a task failed; see the dead-letter queue and the task's logs.`,
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.failureTopic = props.alarmTopic ?? new sns.Topic(this, 'FailureTopic', {
      displayName: `Failures of ${this.node.path}`.slice(0, 100),
      enforceSSL: true,
      masterKey: kms.Alias.fromAliasName(this, 'SnsKey', 'alias/aws/sns'),
    });
    this.failureAlarm.addAlarmAction(new cw_actions.SnsAction(this.failureTopic));

    if (Object.keys(props.workload.environment).length > 0) {
      Validations.of(this.taskDefinition).acknowledge({
        id: 'AwsSolutions-ECS2',
        reason: 'Only non-secret settings are plain environment variables: Workload rejects names that look like secrets and secrets go through ecs.Secret (Secrets Manager / SSM).',
      });
    }
  }
}
