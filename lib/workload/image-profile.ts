import { CpuArchitecture } from './architecture';
import { BaseImage, ImageUser, Libc } from '../image';
import { LintResult } from '../policy';

/**
 * What an adapter (ECS, Kubernetes) needs to know about an image, for every source kind, without
 * parsing anything itself. For Dockerfiles it comes from the policy's analysis of the final stage.
 */
export interface ImageProfile {
  /** The numeric user and group the container runs as (never root). */
  readonly user: ImageUser;
  /**
   * Directories the image declares as `VOLUME`: the only writable places on a read-only root. Never
   * the root, a system directory, or where the image copied the application.
   */
  readonly writablePaths: string[];
  /** Ports the image exposes (`EXPOSE`). */
  readonly ports: number[];
  /** The ENTRYPOINT, exec form; empty when none is set. */
  readonly entrypoint: string[];
  /** The CMD, exec form; empty when none is set. */
  readonly command: string[];
  /**
   * The image's environment: the final base image's ENV (from its facts), then what the Dockerfile
   * sets; variables whose values cannot be known (a build arg without default) are left out.
   */
  readonly environment: { [name: string]: string };
  /**
   * The working directory.
   * @default - not known
   */
  readonly workdir?: string;
  /**
   * The final stage's base image with its facts.
   * @default - not known (a registry image described only by its options)
   */
  readonly baseImage?: BaseImage;
  /** Whether the final image has a shell. */
  readonly hasShell: boolean;
  /** The C library of the final image. */
  readonly libc: Libc;
  /** Architectures the image can be built for or is published for. */
  readonly architectures: CpuArchitecture[];
  /**
   * Path of the built-in health probe (`HealthCheck.PROBE_PATH`).
   * @default - the image has no built-in probe
   */
  readonly healthProbePath?: string;
  /** Ids of the BuildKit secrets the build mounts (`RUN --mount=type=secret,id=...`). */
  readonly buildSecretIds: string[];
  /**
   * The policy's verdict on the Dockerfile (errors already failed; warnings remain).
   * @default - no Dockerfile (a registry image)
   */
  readonly lint?: LintResult;
}
