import { Severity } from '../policy/finding';
import { PostureCheck, PostureFinding, PostureSuppression } from '../posture';

/** A resource that violates a rule, as the cdk8s CLI reports it. */
export interface PostureValidationResource {
  /** `Kind/name` of the object. */
  readonly resourceName: string;
  /** Paths of the offending properties. */
  readonly locations: string[];
  /** The manifest file. */
  readonly manifestPath: string;
}

/** One violation, as the cdk8s CLI's `ValidationReport.addViolation` takes it. */
export interface PostureValidationViolation {
  /** The rule id. */
  readonly ruleName: string;
  /** What is wrong, with every occurrence. */
  readonly recommendation: string;
  /** How to fix it. */
  readonly fix: string;
  /** Where. */
  readonly violatingResources: PostureValidationResource[];
}

/** The report of a cdk8s CLI validation (`cdk8s-cli/plugins` `ValidationReport`). */
export interface IPostureValidationReport {
  /** Adds a violation. */
  addViolation(violation: PostureValidationViolation): void;
  /** Closes the report: 'success' or 'failure'. */
  submit(status: string, metadata?: { [key: string]: string }): void;
}

/** What the cdk8s CLI passes to a validation plugin (`cdk8s-cli/plugins` `ValidationContext`). */
export interface IPostureValidationContext {
  /** The synthesized manifest files. */
  readonly manifests: string[];
  /** Where violations go. */
  readonly report: IPostureValidationReport;
}

/** Properties of the plugin, as written under `properties:` in `cdk8s.yaml`. */
export interface PostureValidationProps {
  /**
   * Findings to acknowledge everywhere, each with a reason.
   * @default - none
   */
  readonly suppressions?: PostureSuppression[];
  /**
   * Whether warnings (CDP1xx) fail the validation too.
   * @default false
   */
  readonly failOnWarnings?: boolean;
}

/**
 * A cdk8s CLI validation plugin (`validations:` in `cdk8s.yaml`): checks every synthesized manifest with the posture rules
 * and reports each violation with the object, the property path and the fix. `cdk8s synth` fails on unsuppressed errors.
 *
 * ```yaml
 * # cdk8s.yaml
 * validations:
 *   - package: ./node_modules/cdk-distroless/lib/kubernetes/posture-validation.js
 *     version: <the installed cdk-distroless version>
 *     class: PostureValidation
 *     properties:
 *       suppressions:
 *         - { ruleId: CDP102, reason: "digests are pinned by the release pipeline" }
 * ```
 */
export class PostureValidation {
  private readonly props: PostureValidationProps;

  constructor(props: PostureValidationProps = {}) {
    this.props = props ?? {};
  }

  /** Runs the checks over `context.manifests` and submits the report. */
  public async validate(context: IPostureValidationContext): Promise<void> {
    const check = new PostureCheck({ suppressions: this.props.suppressions });
    const report = PostureCheck.merge((context.manifests ?? []).map(m => check.checkPath(m)));
    const active = report.findings.filter(f => !f.suppressed);
    const byRule = new Map<string, PostureFinding[]>();
    for (const f of active) { byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]); }
    const rules = new Map(PostureCheck.rules().map(r => [r.id, r]));
    for (const [id, findings] of [...byRule.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const rule = rules.get(id)!;
      context.report.addViolation({
        ruleName: `${id} ${rule.title} (${rule.level})`,
        recommendation: findings.map(f => `${f.resource || f.file}: ${f.message}`).join('\n'),
        fix: rule.fix,
        violatingResources: findings.map(f => ({ resourceName: f.resource || f.file, locations: [f.location || `line ${f.line}`], manifestPath: f.file })),
      });
    }
    const failing = active.some(f => f.level === Severity.ERROR || (this.props.failOnWarnings && f.level === Severity.WARNING));
    context.report.submit(failing ? 'failure' : 'success', {
      workloads: String(report.workloadCount),
      errors: String(report.errorCount),
      warnings: String(report.warningCount),
    });
  }
}
