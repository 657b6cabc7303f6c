import * as path from 'path';
import {
  IPolicyValidationContext,
  IPolicyValidationContextBeta1,
  IPolicyValidationPlugin,
  IPolicyValidationPluginBeta1,
  PolicyValidationPluginReport,
  PolicyValidationPluginReportBeta1,
  PolicyViolationBeta1,
} from 'aws-cdk-lib';
import { DockerfilePolicy } from '../policy/dockerfile-policy';
import { Severity } from '../policy/finding';
import { PostureCheck, PostureFinding, PostureSuppression } from '../posture';
import { nestedTemplates } from '../posture/assembly';

/** Options for a {@link PostureValidator}. */
export interface PostureValidatorProps {
  /**
   * Findings to acknowledge in every stack, each with a reason. To acknowledge a finding on one construct only, use
   * `PostureSuppressions.add(construct, [...])`.
   * @default - none
   */
  readonly suppressions?: PostureSuppression[];
  /**
   * Whether warnings (CDP1xx) fail the synthesis too.
   * @default false - warnings are reported, errors fail
   */
  readonly failOnWarnings?: boolean;
  /**
   * The policy that lints the Dockerfiles of Docker image assets.
   * @default new DockerfilePolicy()
   */
  readonly dockerfilePolicy?: DockerfilePolicy;
}

/**
 * A CDK policy-validation plugin that checks the posture of every ECS task definition and service in every stack of the app,
 * ours or not (aws-ecs-patterns services, raw `CfnTaskDefinition`s), and lints the Dockerfile of every Docker image asset
 * they run. Each violation names the rule, the construct path (filled in by the CDK from the logical id), the template
 * location and the fix; unsuppressed errors fail `cdk synth`.
 *
 * @example
 * Validations.of(app).addPlugins(new PostureValidator());
 */
export class PostureValidator implements IPolicyValidationPlugin {
  /** Name in the validation report. */
  public readonly name = 'cdk-distroless-posture';
  /** Every posture rule id. */
  public readonly ruleIds?: string[] = PostureCheck.rules().map(r => r.id);
  private readonly props: PostureValidatorProps;

  constructor(props: PostureValidatorProps = {}) {
    this.props = props ?? {};
    // Fail at construction on a suppression without a reason, not in the middle of synth.
    new PostureCheck({ suppressions: this.props.suppressions });
  }

  /** Checks every template of the synthesized app. */
  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    return validateTemplates(this.props, context?.templatePaths ?? []);
  }
}

/**
 * The same plugin for the deprecated `new App({ policyValidationBeta1: [...] })`; prefer `Validations.of(app).addPlugins(new PostureValidator())`.
 */
export class PostureValidatorBeta1 implements IPolicyValidationPluginBeta1 {
  /** Name in the validation report. */
  public readonly name = 'cdk-distroless-posture';
  /** Every posture rule id. */
  public readonly ruleIds?: string[] = PostureCheck.rules().map(r => r.id);
  private readonly props: PostureValidatorProps;

  constructor(props: PostureValidatorProps = {}) {
    this.props = props ?? {};
    new PostureCheck({ suppressions: this.props.suppressions });
  }

  /** Checks every template of the synthesized app. */
  public validate(context: IPolicyValidationContextBeta1): PolicyValidationPluginReportBeta1 {
    return validateTemplates(this.props, context?.templatePaths ?? []);
  }
}

function validateTemplates(props: PostureValidatorProps, templatePaths: string[]): PolicyValidationPluginReportBeta1 {
  {
    const check = new PostureCheck({ suppressions: props.suppressions, dockerfilePolicy: props.dockerfilePolicy });
    // The CDK passes the stacks' templates; nested stacks' templates sit beside them as assets.
    const templates = [...templatePaths];
    for (const dir of new Set(templatePaths.map(t => path.dirname(t)))) {
      templates.push(...nestedTemplates(dir).filter(t => !templates.includes(t)));
    }
    const report = PostureCheck.merge(templates.map(t => check.checkPath(t)));
    const active = report.findings.filter(f => !f.suppressed);
    const byRule = new Map<string, PostureFinding[]>();
    for (const f of active) {
      byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
    }
    const rules = new Map(PostureCheck.rules().map(r => [r.id, r]));
    const violations: PolicyViolationBeta1[] = [...byRule.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([id, findings]) => {
      const rule = rules.get(id)!;
      return {
        ruleName: id,
        description: [`${rule.title}.`, ...findings.map(f => `- ${f.constructPath ?? f.resource ?? path.basename(f.file)}: ${f.message}${f.unknown ? ' (unknown at synth)' : ''} Fix: ${f.fix}`)].join('\n'),
        fix: rule.fix,
        severity: rule.level,
        ruleMetadata: { rule: id, docs: `RULES.md#${id.toLowerCase()}` },
        violatingResources: findings.map(f => ({
          resourceLogicalId: f.resource || 'N/A',
          templatePath: f.file,
          locations: [toLocation(f)],
        })),
      };
    });
    const failing = active.filter(f => f.level === Severity.ERROR || (props.failOnWarnings && f.level === Severity.WARNING));
    return {
      success: failing.length === 0,
      violations,
      metadata: {
        workloads: String(report.workloadCount),
        errors: String(report.errorCount),
        warnings: String(report.warningCount),
        suppressed: String(report.findings.length - active.length),
      },
    };
  }
}

/** `Properties/ContainerDefinitions/0/ReadonlyRootFilesystem`, as CDK reports template locations. */
function toLocation(f: PostureFinding): string {
  const prefix = `Resources.${f.resource}.`;
  const rel = f.location.startsWith(prefix) ? f.location.slice(prefix.length) : f.location;
  return rel.replace(/\[(\d+)\]/g, '.$1').replace(/\[("(?:[^"\\]|\\.)*")\]/g, (_, s) => `.${JSON.parse(s)}`).split('.').filter(Boolean).join('/');
}
