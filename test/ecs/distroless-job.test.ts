import { aws_scheduler as scheduler, aws_sns as sns, Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { newStack, workload } from './util';
import { ecs } from '../../lib';

const NIGHTLY = scheduler.ScheduleExpression.cron({ minute: '0', hour: '3' });

function job(props: Partial<ecs.DistrolessJobProps> = {}, stack = newStack()) {
  const j = new ecs.DistrolessJob(stack, 'Job', { workload: workload(), schedule: NIGHTLY, ...props });
  return { stack, job: j, template: Template.fromStack(stack) };
}

describe('DistrolessJob defaults', () => {
  const { template } = job();
  const c = (Object.values(template.findResources('AWS::ECS::TaskDefinition'))[0] as any).Properties.ContainerDefinitions[0];

  test('the same hardened container as a service', () => {
    expect(c).toMatchObject({ ReadonlyRootFilesystem: true, User: '65532:65532', Privileged: false, Memory: 512 });
    expect(c.LinuxParameters).toEqual({ Capabilities: { Drop: ['ALL'] }, InitProcessEnabled: true });
    expect(c.MountPoints).toHaveLength(2);
  });
  test('no container health check (a job is not a server)', () => expect(c.HealthCheck).toBeUndefined());
  test('no port mapping is needed but the workload\'s ports are kept', () => expect(c.PortMappings).toEqual([{ ContainerPort: 8080, Name: 'port-8080', Protocol: 'tcp' }]));
  test('EventBridge Scheduler runs it on Fargate LATEST in private subnets without a public IP', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 3 * * ? *)',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: Match.objectLike({
        EcsParameters: Match.objectLike({
          LaunchType: 'FARGATE',
          PlatformVersion: 'LATEST',
          EnableExecuteCommand: false,
          NetworkConfiguration: { AwsvpcConfiguration: Match.objectLike({ AssignPublicIp: 'DISABLED' }) },
        }),
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^JobDeadLetterQueue'), 'Arn'] } },
      }),
    });
  });
  test('the dead-letter queue is encrypted and TLS only', () => {
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 1209600 });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', { PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) } });
  });
  test('stop events of failed tasks go to the dead-letter queue', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        'source': ['aws.ecs'],
        'detail-type': ['ECS Task State Change'],
        'detail': {
          lastStatus: ['STOPPED'],
          taskDefinitionArn: [{ Ref: Match.stringLikeRegexp('^JobTaskDefinition') }],
          $or: [{ containers: { exitCode: [{ 'anything-but': 0 }] } }, { stopCode: ['TaskFailedToStart'] }],
        },
      },
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^JobDeadLetterQueue'), 'Arn'] } })],
    });
  });
  test('an alarm on the dead-letter queue notifies an encrypted topic', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^JobFailureTopic') }],
    });
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
  });
  test('the task security group has no ingress', () => {
    template.hasResourceProperties('AWS::EC2::SecurityGroup', { GroupDescription: 'Tasks of Test/Job', SecurityGroupIngress: Match.absent() });
  });
});

describe('DistrolessJob options', () => {
  test('a rate schedule with retries, event age and Spot', () => {
    const { template } = job({
      schedule: scheduler.ScheduleExpression.rate(Duration.hours(6)),
      retryAttempts: 0,
      maxEventAge: Duration.minutes(5),
      spot: true,
    });
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(6 hours)',
      Target: Match.objectLike({
        RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 300 },
        EcsParameters: Match.objectLike({ CapacityProviderStrategy: [{ CapacityProvider: 'FARGATE_SPOT', Weight: 1 }] }),
      }),
    });
  });
  test('without a schedule it is a one-off task: no schedule, failures still visible', () => {
    const { template } = job({ schedule: undefined });
    template.resourceCountIs('AWS::Scheduler::Schedule', 0);
    template.resourceCountIs('AWS::Events::Rule', 1);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 1);
  });
  test('a given alarm topic is used instead of a new one', () => {
    const stack = newStack();
    const topic = new sns.Topic(stack, 'Ops');
    const { template } = job({ alarmTopic: topic }, stack);
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmActions: [{ Ref: Match.stringLikeRegexp('^Ops') }] });
  });
});

describe('DistrolessJob rejections', () => {
  test('fails if schedule is not a ScheduleExpression', () => {
    expect(() => job({ schedule: 'cron(0 3 * * ? *)' as any })).toThrow(/DistrolessJob Test\/Job: schedule must be a scheduler.ScheduleExpression.*got "cron\(0 3 \* \* \? \*\)"/);
  });
  test('fails if retryAttempts is out of range', () => {
    expect(() => job({ retryAttempts: 200 })).toThrow(/retryAttempts 200 must be a whole number from 0 to 185/);
  });
  test('fails if maxEventAge is out of range', () => {
    expect(() => job({ maxEventAge: Duration.hours(48) })).toThrow(/maxEventAge 2 days is outside EventBridge Scheduler's range of 60 seconds to 24 hours/);
  });
  test('fails if workload is missing', () => {
    expect(() => job({ workload: undefined as any })).toThrow(/DistrolessJob Test\/Job: workload must be a Workload/);
  });
});
