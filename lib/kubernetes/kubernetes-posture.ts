import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { Severity } from '../policy/finding';
import { PostureCheck, PostureReport, PostureSuppression } from '../posture';
import { memoryDoc } from '../posture/parse';

/** Options for {@link KubernetesPosture}. */
export interface KubernetesPostureProps {
  /**
   * Findings to acknowledge everywhere, each with a reason. To acknowledge one object only, annotate it:
   * `cdk-distroless.io/suppress.<RULE_ID>: <reason>`.
   * @default - none
   */
  readonly suppressions?: PostureSuppression[];
}

/**
 * Posture checks for cdk8s apps and charts in tests: every pod template of every API object under a construct, ours or
 * not (cdk8s-plus Deployments, raw `KubeDeployment`s, `Include`d Helm output), with the construct path of each finding.
 *
 * @example
 * const report = KubernetesPosture.check(chart);
 * expect(report.errorCount).toBe(0);
 */
export class KubernetesPosture {
  /**
   * Checks every API object under `scope` (an App, a Chart or any construct).
   *
   * @param scope the construct to check
   * @param props suppressions
   */
  public static check(scope: IConstruct, props: KubernetesPostureProps = {}): PostureReport {
    const objects = scope.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c));
    const docs = objects.map(o => memoryDoc(manifestName(o), toJson(o), o.node.path));
    return new PostureCheck({ suppressions: props?.suppressions })._checkDocs(docs);
  }

  /**
   * Throws when the posture check of `scope` finds unsuppressed errors; the message lists every finding with its fix.
   *
   * @param scope the construct to check
   * @param props suppressions
   */
  public static assertCompliant(scope: IConstruct, props: KubernetesPostureProps = {}): void {
    const report = KubernetesPosture.check(scope, props);
    if (report.findings.some(f => f.level === Severity.ERROR && !f.suppressed)) {
      throw new Error(`Posture check of ${scope.node.path || '<app>'} failed:\n${PostureCheck.format(report)}`);
    }
  }

  private constructor() {}
}

/** The file `cdk8s synth` would write the object to: `<chart id>.k8s.yaml`. */
function manifestName(o: ApiObject): string {
  try {
    return `${Chart.of(o).node.id}.k8s.yaml`;
  } catch {
    return `${o.node.path}.k8s.yaml`;
  }
}

/** An object whose toJson throws (a bad token) becomes an input finding, not a crash. */
function toJson(o: ApiObject): unknown {
  try {
    return o.toJson();
  } catch (e) {
    return { apiVersion: 'cdk-distroless.io/error', kind: 'Unrenderable', metadata: { name: o.node.path }, error: (e as Error).message };
  }
}
