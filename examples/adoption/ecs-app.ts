// An existing ECS app that uses none of cdk-distroless's constructs: a stock ApplicationLoadBalancedFargateService.
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as patterns from 'aws-cdk-lib/aws-ecs-patterns';

/** The app as teams write it today: the defaults of aws-ecs-patterns. */
export function stockEcsApp(outdir?: string): App {
  const app = new App({ outdir });
  const stack = new Stack(app, 'ShopStock');
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
  new patterns.ApplicationLoadBalancedFargateService(stack, 'Web', {
    vpc,
    taskImageOptions: { image: ecs.ContainerImage.fromRegistry('nginx'), containerPort: 80 },
  });
  return app;
}

/**
 * The same app fixed by hand, in plain aws-cdk-lib: the pattern gets a task definition whose container has a read-only
 * root, a numeric non-root user, all capabilities dropped, logging, and an image pinned by digest.
 */
export function fixedEcsApp(outdir?: string): App {
  const app = new App({ outdir });
  const stack = new Stack(app, 'ShopFixed');
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
  const taskDefinition = new ecs.FargateTaskDefinition(stack, 'Task', { cpu: 256, memoryLimitMiB: 512 });
  const linuxParameters = new ecs.LinuxParameters(stack, 'Linux');
  linuxParameters.dropCapabilities(ecs.Capability.ALL);
  // nginx-unprivileged listens on 8080 as uid 101; its cache and pid file go to task storage, not the image.
  const web = taskDefinition.addContainer('web', {
    image: ecs.ContainerImage.fromRegistry(`public.ecr.aws/nginx/nginx-unprivileged:1.27.3@sha256:${'0'.repeat(64)}`),
    readonlyRootFilesystem: true,
    user: '101:101',
    linuxParameters,
    portMappings: [{ containerPort: 8080 }],
    logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'web' }),
  });
  for (const [name, path] of [['cache', '/var/cache/nginx'], ['run', '/tmp']]) {
    taskDefinition.addVolume({ name });
    web.addMountPoints({ sourceVolume: name, containerPath: path, readOnly: false });
  }
  new patterns.ApplicationLoadBalancedFargateService(stack, 'Web', { vpc, taskDefinition });
  return app;
}
