import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { checkDnsLabel } from './private/pod';

/** Properties of a `RestrictedNamespace`. */
export interface RestrictedNamespaceProps {
  /** The namespace's name. */
  readonly name: string;
  /**
   * The Pod Security Standards version the labels pin, e.g. 'v1.34'.
   * @default 'latest'
   */
  readonly version?: string;
  /**
   * More labels.
   * @default - only the pod-security labels
   */
  readonly labels?: { [key: string]: string };
}

/**
 * A Namespace whose Pod Security admission enforces, audits and warns on the "restricted" profile
 * (`pod-security.kubernetes.io/enforce: restricted`): a pod that would not pass is refused.
 */
export class RestrictedNamespace extends Construct {
  /** The Namespace object. */
  public readonly namespace: ApiObject;
  /** The namespace's name, for the workloads' `namespace`. */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: RestrictedNamespaceProps) {
    super(scope, id);
    this.name = checkDnsLabel(props?.name, `RestrictedNamespace ${this.node.path}: name`);
    const version = props.version ?? 'latest';
    if (typeof version !== 'string' || !/^(latest|v1\.[0-9]+)$/.test(version)) {
      throw new Error(`RestrictedNamespace ${this.node.path}: version ${JSON.stringify(version)} is not a Pod Security Standards version. Use 'latest' or a Kubernetes minor version such as 'v1.34'.`);
    }
    const labels: { [key: string]: string } = { ...(props.labels ?? {}) };
    for (const mode of ['enforce', 'audit', 'warn']) {
      labels[`pod-security.kubernetes.io/${mode}`] = 'restricted';
      labels[`pod-security.kubernetes.io/${mode}-version`] = version;
    }
    this.namespace = new ApiObject(this, 'Resource', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: this.name, labels },
    });
  }
}
