import { PostureHit, PostureRule } from '../model';
import { ECS, ERROR, get, info, who } from './common';

/** Without a log driver the container's output is lost, and with it the evidence of an incident. */
export const logging: PostureRule = {
  info: info({
    id: 'CDP018',
    level: ERROR,
    title: 'ECS containers must configure logging',
    description: 'ECS: every container definition has a `LogConfiguration` (awslogs, FireLens, ...). Fargate otherwise discards stdout and '
      + 'stderr. Kubernetes collects container output on the node, so the rule applies to ECS only.',
    fix: 'CDK: `logging: ecs.LogDrivers.awsLogs({ streamPrefix: \'app\', logRetention: ... })` on the container.',
    platforms: [ECS],
  }),
  task(t) {
    const hits: PostureHit[] = [];
    for (const c of t.containers) {
      const lc = get(c.spec, 'LogConfiguration');
      if (lc === undefined || lc === null) {
        hits.push({
          path: c.path,
          container: c.name,
          message: `${who(c)} has no LogConfiguration, so its output is discarded; allowed: any log driver.`,
          fix: `Add \`LogConfiguration: { LogDriver: 'awslogs', Options: { ... } }\` to ${who(c)} (CDK: \`logging: ecs.LogDrivers.awsLogs({ streamPrefix })\`).`,
        });
      }
    }
    return hits;
  },
};
