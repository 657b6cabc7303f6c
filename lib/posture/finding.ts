import { Severity } from '../policy/finding';

/** Where a posture finding comes from. */
export enum PosturePlatform {
  /** An ECS task definition or service in a CloudFormation template. */
  ECS = 'ecs',
  /** A Kubernetes object that holds a pod template. */
  KUBERNETES = 'kubernetes',
  /** The input itself: a file that does not parse, or a document that is neither a template nor a manifest. */
  INPUT = 'input',
}

/**
 * One problem the posture checks found in synthesized output (a CloudFormation template or a Kubernetes manifest).
 */
export interface PostureFinding {
  /** Stable rule id, e.g. `CDP002`. */
  readonly ruleId: string;
  /** The rule's level. */
  readonly level: Severity;
  /** The platform of the resource. */
  readonly platform: PosturePlatform;
  /** The file the resource was read from, as given. */
  readonly file: string;
  /**
   * The resource: a CloudFormation logical id, or `Kind/name` (`Kind/namespace/name`) for Kubernetes.
   * Empty for findings about the input as a whole.
   */
  readonly resource: string;
  /**
   * The construct path of the resource (CDK `aws:cdk:path` metadata, or the cdk8s construct path).
   * @default - not known (plain templates and manifests)
   */
  readonly constructPath?: string;
  /** Path of the offending property inside the document, e.g. `spec.template.spec.containers[0].securityContext`. */
  readonly location: string;
  /** 1-based line of the property in the file (1 when the input has no positions, e.g. objects in memory). */
  readonly line: number;
  /** 1-based column of the property in the file. */
  readonly column: number;
  /** What is wrong: names the resource, the container, the value found and what is allowed. */
  readonly message: string;
  /** A concrete way to fix it. */
  readonly fix: string;
  /**
   * The value is not known at synth time (a CloudFormation intrinsic such as `Fn::If` or `Ref`): the rule
   * could not decide, so it reports instead of guessing.
   */
  readonly unknown: boolean;
  /** Whether a suppression or a recorded relaxation with a reason covers this finding. Suppressed findings do not count. */
  readonly suppressed: boolean;
  /**
   * Why it is suppressed.
   * @default - not suppressed
   */
  readonly suppressionReason?: string;
}

/** What a posture rule checks, for documentation and tools. */
export interface PostureRuleInfo {
  /** Stable id: `CDP0xx` for errors, `CDP1xx` for warnings. Ids are never renumbered or reused. */
  readonly id: string;
  /** Level of its findings. */
  readonly level: Severity;
  /** One line: what the rule demands. */
  readonly title: string;
  /** What it checks and why. */
  readonly description: string;
  /** How to fix a finding, in general. Findings carry a fix specific to the value found. */
  readonly fix: string;
  /** The platforms it applies to. */
  readonly platforms: PosturePlatform[];
  /** The Kubernetes Pod Security Standards (v1.31) controls it covers, as `baseline: Host Namespaces`; empty when none. */
  readonly podSecurityStandards: string[];
  /**
   * The workload relaxation control (`Relaxation.control`) that this rule accepts with its recorded reason.
   * @default - no relaxation applies
   */
  readonly relaxationControl?: string;
}

/**
 * Acknowledges every finding of one posture rule, for a stated reason.
 */
export interface PostureSuppression {
  /** The rule id, e.g. `CDP021`. */
  readonly ruleId: string;
  /** Why the finding is acceptable. A suppression without a reason suppresses nothing and is itself an error (CDP023). */
  readonly reason: string;
}

/** The findings of one posture check. */
export interface PostureReport {
  /** Every finding, suppressed ones included (flagged), sorted by file, line, column and rule id. */
  readonly findings: PostureFinding[];
  /** Unsuppressed errors. */
  readonly errorCount: number;
  /** Unsuppressed warnings. */
  readonly warningCount: number;
  /** Number of workloads checked: ECS task definitions and services, Kubernetes pod templates. */
  readonly workloadCount: number;
}
