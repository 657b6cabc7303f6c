/**
 * The internal model the posture rules read: workloads extracted from templates and manifests.
 * Internal: not exported from lib/index.ts.
 */
import { PostureRuleInfo } from './finding';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** Path of a value inside a document: object keys and array indexes. */
export type Path = ReadonlyArray<string | number>;

/** One place a rule objects to. */
export interface PostureHit {
  /** Where, from the document root. */
  readonly path: Path;
  /** Names the container, the value found and what is allowed. */
  readonly message: string;
  /**
   * A fix specific to this hit.
   * @default - the rule's general fix
   */
  readonly fix?: string;
  /** The value is a CloudFormation intrinsic: it cannot be known at synth time. */
  readonly unknown?: boolean;
  /** The container the hit is about, for relaxations recorded per container. */
  readonly container?: string;
  /** The capability the hit is about, for `capabilities` relaxations. */
  readonly capability?: string;
}

/** A container of a pod or task, with where it sits in the document. */
export interface ContainerRef {
  readonly name: string;
  /** The container object (a Kubernetes `Container` or an ECS `ContainerDefinition`). */
  readonly spec: any;
  readonly path: Path;
  /** Kubernetes: `containers`, `initContainers` or `ephemeralContainers`; ECS: `containers`. */
  readonly group: string;
}

/** A Kubernetes pod template found in an object. */
export interface PodTarget {
  readonly kind: string;
  readonly name: string;
  /** The PodSpec. */
  readonly pod: any;
  readonly podPath: Path;
  /** The pod's metadata (the template's, or the Pod's own). */
  readonly podMeta: any;
  readonly podMetaPath: Path;
  /** Every container, init container and ephemeral container that is an object. */
  readonly containers: ContainerRef[];
  /** Whether the pod says it is a Windows pod (`spec.os.name: windows`): some restricted controls exempt those. */
  readonly windows: boolean;
}

/** An ECS task definition. */
export interface TaskTarget {
  readonly logicalId: string;
  /** Its `Properties`. */
  readonly props: any;
  readonly propsPath: Path;
  /** Containers whose definitions are objects. */
  readonly containers: ContainerRef[];
  /** Whether `RequiresCompatibilities` names FARGATE. */
  readonly fargate: boolean;
  /** The Dockerfile findings of a container's local build, when the image is a Docker asset of the cloud assembly. */
  readonly assetOf: (container: ContainerRef) => AssetImage | undefined;
}

/** An ECS service. */
export interface ServiceTarget {
  readonly logicalId: string;
  readonly props: any;
  readonly propsPath: Path;
}

/** A Docker image asset of a cloud assembly, with its Dockerfile linted. */
export interface AssetImage {
  /** The asset hash (its ECR tag). */
  readonly hash: string;
  /** Path of the Dockerfile, relative to the working directory or absolute. */
  readonly dockerfile: string;
  /** Whether the Dockerfile exists; when not, the rule reports it as unknown. */
  readonly found: boolean;
  /** Unsuppressed error findings, `CDLxxx line N: message`. */
  readonly errors: string[];
  /** Unsuppressed warning findings. */
  readonly warnings: string[];
}

/** A rule: its documentation as data, and pure checks over the workloads it applies to. */
export interface PostureRule {
  readonly info: PostureRuleInfo;
  pod?(target: PodTarget): PostureHit[];
  task?(target: TaskTarget): PostureHit[];
  service?(target: ServiceTarget): PostureHit[];
}
