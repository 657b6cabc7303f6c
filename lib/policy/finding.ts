/**
 * How bad a finding is. Errors fail a build unless suppressed with a reason; warnings are reported only.
 */
export enum Severity {
  /** Breaks the hardening contract: the image must not ship like this. */
  ERROR = 'error',
  /** Weakens reproducibility or verifiability: fix it or acknowledge it. */
  WARNING = 'warning',
}

/**
 * One problem a policy rule found in a Dockerfile.
 *
 * Positions are 1-based. `endLine`/`endColumn` mark the position just after the offending text,
 * as SARIF regions do, so `endColumn` may be one past the last character of the line.
 */
export interface Finding {
  /** Stable rule id, e.g. `CDL005`. */
  readonly ruleId: string;
  /** The rule's level. */
  readonly level: Severity;
  /** The file name given to `lint`, e.g. `Dockerfile`. */
  readonly file: string;
  /** 1-based line of the offending instruction (the `FROM` for base-image problems). */
  readonly line: number;
  /** 1-based column where the offending text starts. */
  readonly column: number;
  /** 1-based line where the offending text ends. */
  readonly endLine: number;
  /** 1-based column just after the offending text. */
  readonly endColumn: number;
  /** What is wrong: names the value found and what is allowed. */
  readonly message: string;
  /** A concrete way to fix it. */
  readonly fix: string;
  /** Whether a suppression with a reason covers this finding. Suppressed findings do not count. */
  readonly suppressed: boolean;
  /**
   * Why it is suppressed.
   * @default - not suppressed
   */
  readonly suppressionReason?: string;
}

/**
 * Acknowledges every finding of one rule in a Dockerfile, for a stated reason.
 */
export interface Suppression {
  /** The rule id, e.g. `CDL101`. */
  readonly ruleId: string;
  /** Why the finding is acceptable here. A suppression without a reason suppresses nothing and is itself an error. */
  readonly reason: string;
}

/**
 * What a policy rule checks, for documentation and tools.
 */
export interface RuleInfo {
  /** Stable id: `CDL0xx` for errors, `CDL1xx` for warnings. Ids are never renumbered or reused. */
  readonly id: string;
  /** Level of its findings. */
  readonly level: Severity;
  /** One line: what the rule demands. */
  readonly title: string;
  /** What it checks and why. */
  readonly description: string;
  /** How to fix a finding, in general. Findings carry a fix specific to the value found. */
  readonly fix: string;
}
