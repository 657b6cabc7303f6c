import { PosturePlatform } from '../finding';
import { PostureRule } from '../model';
import { ECS, ERROR, info, K8S } from './common';

/** The checker reports these itself while reading the input: the rule holds the documentation. */
export const inputInvalid: PostureRule = {
  info: info({
    id: 'CDP001',
    level: ERROR,
    title: 'The input must be a checkable template or manifest',
    description: 'Every file and document must parse (JSON, YAML with CloudFormation short-form tags such as `!Ref`), be a CloudFormation '
      + 'template or a Kubernetes object (`apiVersion` and `kind`), hold its workloads in the expected shape (`ContainerDefinitions` a list '
      + 'of objects, `spec.template.spec.containers` a list), stay under the size limit, and not decide a whole container list with an '
      + 'intrinsic (`Fn::If`). Anything else is reported here, never skipped: a file the checker cannot read would otherwise pass.',
    fix: 'Fix the syntax at the line given, give the object its `apiVersion` and `kind`, split inputs larger than the limit, or replace the '
      + 'intrinsic with literal container definitions.',
    platforms: [PosturePlatform.INPUT, ECS, K8S],
  }),
};
