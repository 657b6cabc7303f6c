import { CfnResource, IResolvable } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { PostureCheck, PostureSuppression, RELAXATIONS_METADATA, SUPPRESSIONS_METADATA } from '../posture';
import { Relaxation } from '../workload/relaxation';

const TYPES = ['AWS::ECS::TaskDefinition', 'AWS::ECS::Service'];

/**
 * Suppressions of posture findings on constructs, each with a reason, and recorded relaxations. Both are written as
 * CloudFormation resource metadata (`cdk-distroless:suppressions`, `cdk-distroless:relaxations`) on the ECS task
 * definitions and services under the construct, so every way of checking (the validation plugin, the Aspect,
 * `cdk-distroless check cdk.out`) sees them.
 */
export class PostureSuppressions {
  /**
   * Acknowledges findings of the given rules on every ECS task definition and service under `scope`.
   *
   * @param scope a construct holding ECS task definitions or services (e.g. an `ApplicationLoadBalancedFargateService`)
   * @param suppressions the rule ids, each with a reason
   */
  public static add(scope: IConstruct, suppressions: PostureSuppression[]): void {
    const known = new Set(PostureCheck.rules().map(r => r.id));
    const entries = (suppressions ?? []).map((s, i) => {
      const id = typeof s?.ruleId === 'string' ? s.ruleId.trim().toUpperCase() : '';
      const reason = typeof s?.reason === 'string' ? s.reason.trim() : '';
      if (!known.has(id) || id === 'CDP023') {
        throw new Error(`PostureSuppressions.add(${scope.node.path}): suppressions[${i}] names ${JSON.stringify(s?.ruleId)}, which is not a rule that can be suppressed. Use an id from PostureCheck.rules(), e.g. 'CDP102'.`);
      }
      if (!reason) {
        throw new Error(`PostureSuppressions.add(${scope.node.path}): the suppression of ${id} has no reason. Say why the finding is acceptable: { ruleId: '${id}', reason: '...' }.`);
      }
      return { id, reason };
    });
    for (const res of ecsResources(scope, 'PostureSuppressions.add')) {
      append(res, SUPPRESSIONS_METADATA, entries);
    }
  }

  /**
   * Records a relaxation on every ECS task definition under `scope`, so the posture rule for its control accepts the finding
   * with the relaxation's reason. The ECS adapter of the workload layer calls this; you may too for hand-written task definitions.
   *
   * @param scope a task definition or a construct holding one
   * @param relaxation the relaxation
   * @param containerName limit it to one container
   */
  public static recordRelaxation(scope: IConstruct, relaxation: Relaxation, containerName?: string): void {
    const entry = {
      control: relaxation.control,
      reason: relaxation.reason,
      ...(relaxation.capability ? { capability: relaxation.capability } : {}),
      ...(containerName ? { container: containerName } : {}),
    };
    for (const res of ecsResources(scope, 'PostureSuppressions.recordRelaxation').filter(r => r.cfnResourceType === TYPES[0])) {
      append(res, RELAXATIONS_METADATA, [entry]);
    }
  }

  private constructor() {}
}

function ecsResources(scope: IConstruct, what: string): CfnResource[] {
  const found = scope.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c) && TYPES.includes(c.cfnResourceType));
  if (found.length === 0) {
    throw new Error(`${what}: ${scope.node.path} holds no ECS task definition or service. Pass the construct that creates them (a service, a task definition, or a construct around them).`);
  }
  return found;
}

function append(res: CfnResource, key: string, entries: object[]): void {
  const existing = res.getMetadata(key) as unknown[] | IResolvable | undefined;
  res.addMetadata(key, [...(Array.isArray(existing) ? existing : []), ...entries]);
}
