import * as path from 'path';
import { App, Stack, StackProps } from 'aws-cdk-lib';
import { DistrolessImage, ecs, Workload } from '../../lib';

/**
 * A user-written Dockerfile that fails the policy: `cdk synth` stops with one message that lists
 * every problem. Kept out of `npm run examples`; test/ecs/examples.test.ts runs it.
 */
export function legacyDockerfileStack(app: App, props: StackProps): Stack {
  const stack = new Stack(app, 'LegacyDockerfile', props);
  new ecs.DistrolessService(stack, 'Legacy', {
    workload: new Workload({ image: DistrolessImage.fromDockerfile(path.join(__dirname, '..', 'apps', 'legacy')) }),
  });
  return stack;
}
