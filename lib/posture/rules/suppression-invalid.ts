import { PosturePlatform } from '../finding';
import { PostureRule } from '../model';
import { ECS, ERROR, info, K8S } from './common';

/** Reported by the checker while reading suppressions and relaxations: the rule holds the documentation. */
export const suppressionInvalid: PostureRule = {
  info: info({
    id: 'CDP023',
    level: ERROR,
    title: 'Suppressions and relaxations must name a known rule or control and give a reason',
    description: 'A suppression (Kubernetes annotation `cdk-distroless.io/suppress.<RULE_ID>: <reason>`, CloudFormation resource metadata '
      + '`cdk-distroless:suppressions`, `PostureSuppressions.add(...)` in CDK, `--suppress` on the command line) must name an existing '
      + 'rule id and give a reason; a recorded relaxation (annotation `cdk-distroless.io/relaxations`, metadata `cdk-distroless:relaxations`) '
      + 'must be a list of `{ control, reason }` with a known control. One without a reason suppresses nothing and is reported here.',
    fix: 'Write `cdk-distroless.io/suppress.CDP002: "<why this is acceptable>"`, or `{ "id": "CDP002", "reason": "<why>" }` in the metadata list.',
    platforms: [ECS, K8S, PosturePlatform.INPUT],
  }),
};
