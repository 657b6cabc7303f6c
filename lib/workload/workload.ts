import { CpuArchitecture } from './architecture';
import { DistrolessImage } from './distroless-image';
import { HealthCheck, HealthCheckKind } from './health-check';
import { ImageProfile } from './image-profile';
import { Relaxation } from './relaxation';
import { ImageUser } from '../image';
import { secretWord } from '../policy/rules/secret-in-arg-env';

/** A directory the workload writes to, mounted writable on a read-only root. */
export interface WritablePath {
  /** Absolute path; it must be one of the image's writable paths (a `VOLUME`). */
  readonly path: string;
  /**
   * Most space it may take (Kubernetes `emptyDir.sizeLimit`; Fargate shares the task's ephemeral storage).
   * @default 128
   */
  readonly sizeLimitMiB?: number;
}

/** CPU and memory, in units neither platform owns. */
export interface WorkloadResources {
  /**
   * CPU in thousandths of a core (Kubernetes `250m`; ECS rounds up to the nearest Fargate size, 1024 units a core).
   * @default 250
   */
  readonly cpuMillicores?: number;
  /**
   * Memory in MiB: the request and the hard limit.
   * @default 512
   */
  readonly memoryMiB?: number;
}

/** Properties of a `Workload`. */
export interface WorkloadProps {
  /** The image it runs. */
  readonly image: DistrolessImage;
  /**
   * Ports the application listens on; the first is the service port.
   * @default - the image's exposed ports
   */
  readonly ports?: number[];
  /**
   * Writable directories with their size limits. Each must be a writable path of the image.
   * @default - every writable path of the image, 128 MiB each
   */
  readonly writablePaths?: WritablePath[];
  /**
   * How health is checked.
   * @default - a TCP check on the first port when there is one; none otherwise
   */
  readonly healthCheck?: HealthCheck;
  /**
   * CPU and memory.
   * @default - 250 millicores, 512 MiB
   */
  readonly resources?: WorkloadResources;
  /**
   * Plain environment variables. Names that look like secrets (PASSWORD, TOKEN, API_KEY, ...) are
   * rejected: pass secrets through the platform's secret store (the adapters' `secrets`).
   * @default - none
   */
  readonly environment?: { [name: string]: string };
  /**
   * Arguments for the application (replace the image's CMD).
   * @default - the image's CMD
   */
  readonly args?: string[];
  /**
   * CPU architecture it runs on.
   * @default - the image's build platform, otherwise CpuArchitecture.AMD64
   */
  readonly architecture?: CpuArchitecture;
  /**
   * Hardened defaults given up, each with a reason the adapters record.
   * @default - none: every default stays hardened
   */
  readonly relaxations?: Relaxation[];
}

/**
 * What ECS and Kubernetes both deploy: one definition that `ecs.DistrolessService` and
 * `kubernetes.DistrolessService` turn into the same posture on each platform.
 *
 * @example
 * const api = new Workload({
 *   image: DistrolessImage.fromSource('./api', { runtime: Runtime.go(), exposedPorts: [8080], healthProbe: true }),
 *   healthCheck: HealthCheck.http('/healthz'),
 * });
 */
export class Workload {
  /** The image it runs. */
  public readonly image: DistrolessImage;
  /** The image's profile. */
  public readonly profile: ImageProfile;
  /** The user the container runs as. */
  public readonly user: ImageUser;
  /** Ports; the first is the service port. */
  public readonly ports: number[];
  /** Writable directories with their size limits (filled in). */
  public readonly writablePaths: WritablePath[];
  /** The health check with its port filled in, or undefined. */
  public readonly healthCheck?: HealthCheck;
  /** CPU in millicores. */
  public readonly cpuMillicores: number;
  /** Memory in MiB. */
  public readonly memoryMiB: number;
  /** Plain environment variables. */
  public readonly environment: { [name: string]: string };
  /** Arguments, or undefined to keep the image's CMD. */
  public readonly args?: string[];
  /** CPU architecture. */
  public readonly architecture: CpuArchitecture;
  /** Hardened defaults given up, with reasons. */
  public readonly relaxations: Relaxation[];

  constructor(props: WorkloadProps) {
    if (typeof props !== 'object' || props === null || !(props.image instanceof DistrolessImage)) {
      throw new Error('Workload: props.image must be a DistrolessImage (DistrolessImage.fromSource(), .fromDockerfile() or .fromRegistry()).');
    }
    this.image = props.image;
    this.profile = props.image.profile;
    this.user = this.profile.user;
    this.ports = [...(props.ports ?? this.profile.ports)];
    this.writablePaths = (props.writablePaths ?? this.profile.writablePaths.map((p): WritablePath => ({ path: p })))
      .map(w => ({ path: w.path, sizeLimitMiB: w.sizeLimitMiB ?? 128 }));
    for (const w of this.writablePaths) {
      if (!this.profile.writablePaths.includes(w.path)) {
        throw new Error(`Workload: writable path ${JSON.stringify(w.path)} is not a writable path of the image (${JSON.stringify(this.profile.writablePaths)}). `
          + 'Add it to the image\'s writablePaths (it must be a VOLUME owned by the user, or the platform mounts it root-owned), or remove it.');
      }
    }
    const check = props.healthCheck ?? (this.ports.length > 0 ? HealthCheck.tcp() : undefined);
    this.healthCheck = check?._withDefaultPort(this.ports[0]);
    if (this.healthCheck && this.healthCheck.kind !== HealthCheckKind.EXEC && this.healthCheck.port === undefined) {
      throw new Error(`Workload: the ${this.healthCheck.kind} health check names no port and the workload has none. Set ports, or give the check a port.`);
    }
    this.cpuMillicores = props.resources?.cpuMillicores ?? 250;
    this.memoryMiB = props.resources?.memoryMiB ?? 512;
    this.environment = { ...(props.environment ?? {}) };
    for (const name of Object.keys(this.environment)) {
      const word = secretWord(name);
      if (word) {
        throw new Error(`Workload: environment variable ${name} looks like a secret (${word}); plain values end up in the task definition or manifest. Pass it as a secret of the platform (the construct's secrets prop).`);
      }
    }
    this.args = props.args ? [...props.args] : undefined;
    this.architecture = props.architecture ?? props.image.platform ?? CpuArchitecture.AMD64;
    this.relaxations = [...(props.relaxations ?? [])];
  }

  /** The relaxation of `control`, if the workload gives it up. */
  public relaxation(control: string): Relaxation | undefined {
    return this.relaxations.find(r => r.control === control);
  }
}
