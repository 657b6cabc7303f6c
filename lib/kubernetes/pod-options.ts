import { ContainerEngine } from './container-engine';
import { Workload } from '../workload';

/** When the kubelet pulls the image. */
export enum ImagePullPolicy {
  /** Pull only when the node does not have the image (right for digests and immutable tags). */
  IF_NOT_PRESENT = 'IfNotPresent',
  /** Pull on every start. */
  ALWAYS = 'Always',
  /** Never pull: the image must be on the node already. */
  NEVER = 'Never',
}

/** Where an image built from source or a Dockerfile goes, and whether synthesis builds it. */
export interface KubernetesImageOptions {
  /**
   * The repository the image is pushed to and pulled from, e.g. 'registry.example.com/team/api'.
   * Required for images built from source or a Dockerfile; registry images use their own reference.
   * @default - none: fails for an image that is built
   */
  readonly repository?: string;
  /**
   * The tag the manifest names when the image is not pushed during synthesis. Never 'latest'.
   * @default - 'ctx-' and the first 12 characters of the staged context's content hash
   */
  readonly tag?: string;
  /**
   * Build and push the image during synthesis with this engine and pin the manifest to the pushed
   * digest (`repository@sha256:...`).
   * @default - the build context is only staged beside the manifests; you build and push it yourself
   */
  readonly buildAndPush?: ContainerEngine;
  /**
   * The container's `imagePullPolicy`.
   * @default ImagePullPolicy.IF_NOT_PRESENT
   */
  readonly pullPolicy?: ImagePullPolicy;
  /**
   * Folder, relative to the app's output folder, where build contexts are staged.
   * @default 'images'
   */
  readonly stagingFolder?: string;
}

/** An environment variable read from a key of a Kubernetes Secret (`secretKeyRef`). */
export interface SecretEnvironmentVariable {
  /** The variable's name in the container. */
  readonly name: string;
  /** The Secret's name, in the workload's namespace. */
  readonly secretName: string;
  /** The key in the Secret. */
  readonly key: string;
  /**
   * Whether the pod may start when the Secret or key is missing.
   * @default false
   */
  readonly optional?: boolean;
}

/** Properties every distroless pod workload takes: a Deployment's, a Job's or a CronJob's. */
export interface DistrolessPodProps {
  /** What runs: the image, its user, ports, writable paths, health check, resources and relaxations. */
  readonly workload: Workload;
  /**
   * Where the image lives and whether synthesis builds and pushes it.
   * @default - registry images as referenced; built images need `repository`
   */
  readonly image?: KubernetesImageOptions;
  /**
   * Environment variables from Kubernetes Secrets.
   * @default - none
   */
  readonly secrets?: SecretEnvironmentVariable[];
  /**
   * The namespace of every object.
   * @default - the chart's namespace
   */
  readonly namespace?: string;
  /**
   * Labels added to every object and the pod template.
   * @default - only the selector label `cdk-distroless.io/workload`
   */
  readonly labels?: { [key: string]: string };
  /**
   * Run HTTP, TCP and gRPC health checks with the image's built-in probe (an exec probe of
   * `profile.healthProbePath`) instead of the kubelet's own httpGet/tcpSocket/grpc probes. For
   * runtimes that only run exec probes (podman kube play) or checks that must run in the container.
   * @default false
   */
  readonly useBuiltInProbe?: boolean;
}
