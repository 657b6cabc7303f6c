import { Annotations, CfnResource, IAspect, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { Severity } from '../policy/finding';
import { PostureCheck, PostureSuppression } from '../posture';

/** Options for a {@link PostureAspect}. */
export interface PostureAspectProps {
  /**
   * Findings to acknowledge everywhere, each with a reason.
   * @default - none
   */
  readonly suppressions?: PostureSuppression[];
  /**
   * Report errors as warnings, so synthesis goes on (for adopting the checks one rule at a time).
   * @default false - errors are errors
   */
  readonly warnOnly?: boolean;
}

/**
 * An Aspect that checks the posture of each ECS task definition and service when the app is synthesized and reports the
 * findings as errors and warnings on the construct itself (shown by `cdk synth`, failing it on errors; visible to
 * `Annotations.fromStack` in tests). The validation plugin `PostureValidator` does the same on the templates and also
 * lints the Dockerfiles of Docker image assets, which do not exist yet when Aspects run.
 *
 * @example
 * Aspects.of(app).add(new PostureAspect());
 */
export class PostureAspect implements IAspect {
  private readonly check: PostureCheck;
  private readonly props: PostureAspectProps;

  constructor(props: PostureAspectProps = {}) {
    this.props = props ?? {};
    this.check = new PostureCheck({ suppressions: this.props.suppressions });
  }

  public visit(node: IConstruct): void {
    if (!CfnResource.isCfnResource(node) || !['AWS::ECS::TaskDefinition', 'AWS::ECS::Service'].includes(node.cfnResourceType)) { return; }
    const stack = Stack.of(node);
    let template: unknown;
    try {
      // The resource as it will be synthesized, tokens resolved (intrinsics stay intrinsics).
      template = { Resources: stack.resolve((node as unknown as { _toCloudFormation(): { Resources: object } })._toCloudFormation()).Resources };
    } catch (e) {
      Annotations.of(node).addWarningV2('cdk-distroless:posture-unresolved', `cdk-distroless posture: ${node.node.path} could not be resolved for checking (${(e as Error).message}); the validation plugin checks the synthesized template.`);
      return;
    }
    const report = this.check.checkTemplate(template, `${stack.stackName}.template.json`);
    for (const f of report.findings) {
      if (f.suppressed) { continue; }
      const text = `[${f.ruleId}] ${f.message}${f.unknown ? ' (unknown at synth)' : ''} Fix: ${f.fix} (at ${f.location})`;
      if (f.level === Severity.ERROR && !this.props.warnOnly) {
        Annotations.of(node).addError(text);
      } else {
        Annotations.of(node).addWarningV2(`cdk-distroless:${f.ruleId}`, text);
      }
    }
  }
}
