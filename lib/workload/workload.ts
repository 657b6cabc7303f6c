import { CpuArchitecture } from './architecture';
import { DistrolessImage } from './distroless-image';
import { HealthCheck, HealthCheckKind } from './health-check';
import { ImageProfile } from './image-profile';
import { Relaxation } from './relaxation';
import { show } from '../dockerfile/private/escape';
import { ImageUser } from '../image';
import { secretWord } from '../policy/rules/secret-in-arg-env';

/** CPU both platforms can give one container: Fargate's 0.25 to 16 vCPU, in millicores (Kubernetes takes any). */
const CPU_RANGE: [number, number] = [1, 16000];
/** Memory both platforms can give one container, in MiB: ECS's 6 MiB minimum to Fargate's 120 GiB. */
const MEMORY_RANGE: [number, number] = [6, 122880];
/** Largest size limit of a writable path: Fargate's 200 GiB of ephemeral storage. */
const MAX_WRITABLE_MIB = 204800;

/** A directory the workload writes to, mounted writable on a read-only root. */
export interface WritablePath {
  /** Absolute path; it must be one of the image's writable paths (a `VOLUME`). */
  readonly path: string;
  /**
   * Most space it may take, 1 to 204800 MiB (Kubernetes `emptyDir.sizeLimit`; Fargate shares the task's ephemeral storage).
   * @default 128
   */
  readonly sizeLimitMiB?: number;
}

/** CPU and memory, in units neither platform owns. */
export interface WorkloadResources {
  /**
   * CPU in thousandths of a core (Kubernetes `250m`; ECS rounds up to the nearest Fargate size, 1024 units a core),
   * from 1 to 16000 (Fargate's 16 vCPU).
   * @default 250
   */
  readonly cpuMillicores?: number;
  /**
   * Memory in MiB: the request and the hard limit, from 6 (ECS's minimum) to 122880 (Fargate's 120 GiB).
   * @default 512
   */
  readonly memoryMiB?: number;
}

/** Properties of a `Workload`. */
export interface WorkloadProps {
  /** The image it runs. */
  readonly image: DistrolessImage;
  /**
   * Ports the application listens on, each once; the first is the service port.
   * @default - the image's exposed ports
   */
  readonly ports?: number[];
  /**
   * Writable directories with their size limits. Each must be a writable path of the image.
   * @default - every writable path of the image, 128 MiB each
   */
  readonly writablePaths?: WritablePath[];
  /**
   * How health is checked. A check without a port uses the first port; a check may use another port
   * (a management or gRPC health port) without listing it in `ports`.
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
   * CPU architecture it runs on; the image must support it.
   * @default - the image's build platform, otherwise CpuArchitecture.AMD64 when the image supports
   * it, otherwise the image's first architecture
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
      throw new Error(`Workload: props.image must be a DistrolessImage (DistrolessImage.fromSource(), .fromDockerfile() or .fromRegistry()), got ${show(props?.image)}.`);
    }
    this.image = props.image;
    this.profile = props.image.profile;
    this.user = this.profile.user;
    this.ports = checkPorts(props.ports ?? this.profile.ports);
    this.writablePaths = checkWritablePaths(props.writablePaths, this.profile.writablePaths);
    this.healthCheck = checkHealthCheck(props.healthCheck, this.ports);
    const resources = checkObject(props.resources, 'resources');
    this.cpuMillicores = checkRange(resources.cpuMillicores, 250, 'resources.cpuMillicores', CPU_RANGE, 'thousandths of a core, e.g. 250 for a quarter core');
    this.memoryMiB = checkRange(resources.memoryMiB, 512, 'resources.memoryMiB', MEMORY_RANGE, 'MiB, e.g. 512');
    this.environment = checkEnvironment(props.environment);
    if (props.args !== undefined && (!Array.isArray(props.args) || props.args.some(a => typeof a !== 'string' || a.includes('\0')))) {
      throw new Error(`Workload: args ${show(props.args)} must be a list of strings without NUL characters, e.g. ['--port', '8080'].`);
    }
    this.args = props.args ? [...props.args] : undefined;
    this.architecture = checkArchitecture(props.architecture, props.image);
    this.relaxations = checkRelaxations(props.relaxations);
  }

  /** The relaxation of `control`, if the workload gives it up. */
  public relaxation(control: string): Relaxation | undefined {
    return this.relaxations.find(r => r.control === control);
  }
}

function checkObject(value: unknown, prop: string): { [k: string]: unknown } {
  if (value === undefined) { return {}; }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`Workload: ${prop} must be an object, got ${show(value)}.`);
  }
  return value as { [k: string]: unknown };
}

function checkRange(value: unknown, fallback: number, prop: string, [min, max]: [number, number], unit: string): number {
  if (value === undefined) { return fallback; }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new Error(`Workload: ${prop} ${show(value)} is out of range. Use a whole number from ${min} to ${max} (${unit}).`);
  }
  return value;
}

function checkPorts(value: unknown): number[] {
  if (!Array.isArray(value)) {
    throw new Error(`Workload: ports must be a list of port numbers, got ${show(value)}. Use e.g. [8080].`);
  }
  const ports: number[] = [];
  value.forEach((p, i) => {
    if (typeof p !== 'number' || !Number.isInteger(p) || p < 1 || p > 65535) {
      throw new Error(`Workload: ports[${i}] ${show(p)} is not a port. Use a whole number from 1 to 65535, e.g. 8080.`);
    }
    if (ports.includes(p)) {
      throw new Error(`Workload: port ${p} is listed twice in ports ${show(value)}. List each port once; the first is the service port.`);
    }
    ports.push(p);
  });
  return ports;
}

function checkWritablePaths(value: unknown, imagePaths: string[]): WritablePath[] {
  const given = value === undefined ? imagePaths.map((p): WritablePath => ({ path: p })) : value;
  if (!Array.isArray(given)) {
    throw new Error(`Workload: writablePaths must be a list of { path, sizeLimitMiB? }, got ${show(value)}.`);
  }
  const out: WritablePath[] = [];
  given.forEach((w, i) => {
    if (typeof w !== 'object' || w === null || typeof w.path !== 'string') {
      throw new Error(`Workload: writablePaths[${i}] ${show(w)} must be { path, sizeLimitMiB? }, e.g. { path: '/tmp', sizeLimitMiB: 64 }.`);
    }
    const p = w.path.length > 1 ? w.path.replace(/\/+$/, '') : w.path;
    if (!imagePaths.includes(p)) {
      throw new Error(`Workload: writable path ${show(w.path)} is not a writable path of the image (${show(imagePaths)}). `
        + 'Add it to the image\'s writablePaths (it must be a VOLUME owned by the user, or the platform mounts it root-owned), or remove it.');
    }
    if (out.some(o => o.path === p)) {
      throw new Error(`Workload: writable path ${show(p)} is listed twice. List each path once.`);
    }
    const size = w.sizeLimitMiB ?? 128;
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > MAX_WRITABLE_MIB) {
      throw new Error(`Workload: writablePaths[${i}].sizeLimitMiB ${show(w.sizeLimitMiB)} is out of range. Use a whole number of MiB from 1 to ${MAX_WRITABLE_MIB} (Fargate's 200 GiB), e.g. 128.`);
    }
    out.push({ path: p, sizeLimitMiB: size });
  });
  return out;
}

function checkHealthCheck(value: unknown, ports: number[]): HealthCheck | undefined {
  if (value !== undefined && !(value instanceof HealthCheck)) {
    throw new Error(`Workload: healthCheck must be a HealthCheck (HealthCheck.http(), .tcp(), .grpc() or .exec()), got ${show(value)}.`);
  }
  const check = (value ?? (ports.length > 0 ? HealthCheck.tcp() : undefined))?._withDefaultPort(ports[0]);
  if (!check || check.kind === HealthCheckKind.EXEC) { return check; }
  if (check.port === undefined) {
    throw new Error(`Workload: the ${check.kind} health check names no port and the workload has none. Set ports, or give the check a port.`);
  }
  return check;
}

function checkEnvironment(value: unknown): { [name: string]: string } {
  if (value === undefined) { return {}; }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`Workload: environment must be an object of names to strings, got ${show(value)}.`);
  }
  const out: { [name: string]: string } = {};
  for (const [name, v] of Object.entries(value)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      throw new Error(`Workload: environment variable name ${show(name)} is not allowed. Use letters, digits and "_", not starting with a digit, e.g. LOG_LEVEL.`);
    }
    const word = secretWord(name);
    if (word) {
      throw new Error(`Workload: environment variable ${name} looks like a secret (${word}); plain values end up in the task definition or manifest. Pass it as a secret of the platform (the construct's secrets prop).`);
    }
    if (typeof v !== 'string' || v.includes('\0')) {
      throw new Error(`Workload: environment[${show(name)}] must be a string without NUL characters, got ${show(v)}. Write numbers and booleans as strings, e.g. '8080'.`);
    }
    out[name] = v;
  }
  return out;
}

function checkArchitecture(value: unknown, image: DistrolessImage): CpuArchitecture {
  const all = Object.values(CpuArchitecture) as string[];
  if (value !== undefined && !all.includes(value as string)) {
    throw new Error(`Workload: architecture ${show(value)} is not a CpuArchitecture. Use CpuArchitecture.AMD64 or CpuArchitecture.ARM64.`);
  }
  const supported = image.profile.architectures;
  const arch = (value as CpuArchitecture | undefined) ?? image.platform
    ?? (supported.includes(CpuArchitecture.AMD64) || supported.length === 0 ? CpuArchitecture.AMD64 : supported[0]);
  if (image.platform !== undefined && image.platform !== arch) {
    throw new Error(`Workload: architecture ${arch} differs from the image's build platform ${image.platform}; the container would not start. Make them the same, or drop one.`);
  }
  if (!supported.includes(arch)) {
    throw new Error(`Workload: architecture ${arch} is not one the image supports (${show(supported)}). Choose one of those, or an image published for ${arch}.`);
  }
  return arch;
}

function checkRelaxations(value: unknown): Relaxation[] {
  if (value === undefined) { return []; }
  if (!Array.isArray(value)) {
    throw new Error(`Workload: relaxations must be a list of Relaxation (Relaxation.writableRootFilesystem(reason), .addCapability(name, reason)), got ${show(value)}.`);
  }
  const out: Relaxation[] = [];
  value.forEach((r, i) => {
    if (!(r instanceof Relaxation)) {
      throw new Error(`Workload: relaxations[${i}] must be a Relaxation (Relaxation.writableRootFilesystem(reason), .addCapability(name, reason)), got ${show(r)}.`);
    }
    if (out.some(o => o.control === r.control && o.capability === r.capability)) {
      throw new Error(`Workload: relaxations[${i}] relaxes ${r.control}${r.capability ? ` (${r.capability})` : ''} a second time. Give each relaxation once, with one reason.`);
    }
    out.push(r);
  });
  return out;
}
