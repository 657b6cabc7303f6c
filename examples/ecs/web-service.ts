import * as path from 'path';
import { App, aws_certificatemanager as acm, Stack, StackProps } from 'aws-cdk-lib';
import { DistrolessImage, ecs, HealthCheck, Runtime, Workload } from '../../lib';

/** The ECS quick start: a Go web service from source behind an internet-facing HTTPS ALB. */
export function webServiceStack(app: App, props: StackProps): Stack {
  const stack = new Stack(app, 'WebService', props);

  const workload = new Workload({
    image: DistrolessImage.fromSource(path.join(__dirname, '..', 'apps', 'web'), {
      runtime: Runtime.go({ binaryName: 'web' }),
      exposedPorts: [8080],
      writablePaths: ['/tmp', '/var/cache/web'],
    }),
    healthCheck: HealthCheck.http('/healthz'),
    environment: { GREETING_NAME: 'ECS' },
  });

  new ecs.DistrolessService(stack, 'Web', {
    workload,
    ingress: ecs.Ingress.httpsAlb({
      certificate: acm.Certificate.fromCertificateArn(stack, 'Certificate',
        'arn:aws:acm:eu-west-1:111111111111:certificate/00000000-0000-4000-8000-000000000000'),
    }),
    autoScaling: { minCapacity: 2, maxCapacity: 10, requestsPerTarget: 500 },
  });
  return stack;
}
