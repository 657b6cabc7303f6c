import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { Severity } from '../policy/finding';
import { PostureCheck, PostureReport, PostureSuppression, RELAXATIONS_ANNOTATION, SUPPRESS_ANNOTATION_PREFIX } from '../posture';
import { memoryDoc } from '../posture/parse';
import { Relaxation } from '../workload/relaxation';

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

  /**
   * Acknowledges findings of the given rules on an API object (a cdk8s-plus workload or any ApiObject) with the annotation
   * `cdk-distroless.io/suppress.<RULE_ID>: <reason>`, which every way of checking reads.
   *
   * @param scope the ApiObject, or a construct whose default child is one (e.g. a cdk8s-plus Deployment)
   * @param suppressions the rule ids, each with a reason
   */
  public static suppress(scope: IConstruct, suppressions: PostureSuppression[]): void {
    const obj = apiObjectOf(scope, 'KubernetesPosture.suppress');
    const known = new Set(PostureCheck.rules().map(r => r.id));
    (suppressions ?? []).forEach((s, i) => {
      const id = typeof s?.ruleId === 'string' ? s.ruleId.trim().toUpperCase() : '';
      const reason = typeof s?.reason === 'string' ? s.reason.trim() : '';
      if (!known.has(id) || id === 'CDP023') {
        throw new Error(`KubernetesPosture.suppress(${scope.node.path}): suppressions[${i}] names ${JSON.stringify(s?.ruleId)}, which is not a rule that can be suppressed. Use an id from PostureCheck.rules(), e.g. 'CDP102'.`);
      }
      if (!reason) {
        throw new Error(`KubernetesPosture.suppress(${scope.node.path}): the suppression of ${id} has no reason. Say why the finding is acceptable.`);
      }
      obj.metadata.addAnnotation(`${SUPPRESS_ANNOTATION_PREFIX}${id}`, reason);
    });
  }

  /**
   * Records a relaxation on an API object (annotation `cdk-distroless.io/relaxations`, a JSON list), so the posture rule of its
   * control accepts the finding with the relaxation's reason. The Kubernetes adapter of the workload layer calls this.
   *
   * @param scope the ApiObject, or a construct whose default child is one
   * @param relaxation the relaxation
   * @param containerName limit it to one container
   */
  public static recordRelaxation(scope: IConstruct, relaxation: Relaxation, containerName?: string): void {
    const obj = apiObjectOf(scope, 'KubernetesPosture.recordRelaxation');
    const existing: unknown = obj.metadata.toJson()?.annotations?.[RELAXATIONS_ANNOTATION];
    let list: unknown[] = [];
    try {
      const parsed = typeof existing === 'string' ? JSON.parse(existing) : [];
      list = Array.isArray(parsed) ? parsed : [];
    } catch {
      list = [];
    }
    list.push({
      control: relaxation.control,
      reason: relaxation.reason,
      ...(relaxation.capability ? { capability: relaxation.capability } : {}),
      ...(containerName ? { container: containerName } : {}),
    });
    obj.metadata.addAnnotation(RELAXATIONS_ANNOTATION, JSON.stringify(list));
  }

  private constructor() {}
}

function apiObjectOf(scope: IConstruct, what: string): ApiObject {
  if (ApiObject.isApiObject(scope)) { return scope; }
  const child = scope.node.defaultChild;
  if (child && ApiObject.isApiObject(child)) { return child; }
  throw new Error(`${what}: ${scope.node.path} is not an API object and has none as its default child. Pass the ApiObject, or a cdk8s-plus workload.`);
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
