import * as path from 'path';
import { App, aws_scheduler as scheduler, Stack, StackProps } from 'aws-cdk-lib';
import { DistrolessImage, ecs, Runtime, Workload } from '../../lib';

/** A job from source that EventBridge Scheduler runs every night at 03:00 UTC. */
export function nightlyJobStack(app: App, props: StackProps): Stack {
  const stack = new Stack(app, 'NightlyJob', props);
  new ecs.DistrolessJob(stack, 'Report', {
    workload: new Workload({
      image: DistrolessImage.fromSource(path.join(__dirname, '..', 'apps', 'report'), { runtime: Runtime.go({ binaryName: 'report' }) }),
    }),
    schedule: scheduler.ScheduleExpression.cron({ minute: '0', hour: '3' }),
  });
  return stack;
}
