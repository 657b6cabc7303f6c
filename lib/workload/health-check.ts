import { TimeSpan } from './time-span';

/** What a health check tests. */
export enum HealthCheckKind {
  /** An HTTP GET that must answer 2xx or 3xx. */
  HTTP = 'http',
  /** A TCP connection that must open. */
  TCP = 'tcp',
  /** The gRPC health-checking protocol (`grpc.health.v1.Health/Check`) must answer SERVING. */
  GRPC = 'grpc',
  /** A program in the image, run without a shell, must exit 0. */
  EXEC = 'exec',
}

/** How often a health check runs and how it decides. */
export interface HealthCheckTiming {
  /**
   * Time between checks.
   * @default TimeSpan.seconds(15)
   */
  readonly interval?: TimeSpan;
  /**
   * Time one check may take.
   * @default TimeSpan.seconds(5)
   */
  readonly timeout?: TimeSpan;
  /**
   * Consecutive successes before the workload counts as healthy (load balancers, readiness).
   * @default 2
   */
  readonly healthyThreshold?: number;
  /**
   * Consecutive failures before the workload counts as unhealthy and is replaced.
   * @default 3
   */
  readonly unhealthyThreshold?: number;
  /**
   * Grace period after start during which failures do not count.
   * @default TimeSpan.seconds(10)
   */
  readonly startPeriod?: TimeSpan;
}

/** Options for `HealthCheck.http()`. */
export interface HttpHealthCheckOptions extends HealthCheckTiming {
  /**
   * Port to check.
   * @default - the workload's first port
   */
  readonly port?: number;
}

/** Options for `HealthCheck.grpc()`. */
export interface GrpcHealthCheckOptions extends HealthCheckTiming {
  /**
   * Service name sent in the `HealthCheckRequest`.
   * @default - '' (the server as a whole)
   */
  readonly service?: string;
}

/**
 * How a workload's health is checked, stated once for ECS and Kubernetes. Kubernetes runs HTTP,
 * TCP and gRPC checks natively; ECS can only run a command in the container, so those become an
 * exec-form call of the image's built-in health probe (`execCommand`). Nothing here ever needs a shell.
 */
export class HealthCheck {
  /** Path of the built-in health probe in images built with `healthProbe: true`. */
  public static readonly PROBE_PATH = '/cdk-distroless/probe';

  /**
   * HTTP GET `path` on 127.0.0.1; healthy on 2xx and 3xx.
   * @param path absolute URL path, e.g. '/healthz'
   */
  public static http(path: string, options: HttpHealthCheckOptions = {}): HealthCheck {
    if (typeof path !== 'string' || !/^\/[\x21-\x7e]*$/.test(path)) {
      throw new Error(`HealthCheck.http: path ${JSON.stringify(path)} is not a URL path. Use an absolute path of printable characters without spaces, e.g. '/healthz'.`);
    }
    return new HealthCheck(HealthCheckKind.HTTP, options ?? {}, { path, port: checkPort(options?.port, 'HealthCheck.http') });
  }

  /** A TCP connection to `port` on 127.0.0.1 must open. */
  public static tcp(port?: number, options: HealthCheckTiming = {}): HealthCheck {
    return new HealthCheck(HealthCheckKind.TCP, options ?? {}, { port: checkPort(port, 'HealthCheck.tcp') });
  }

  /** The gRPC health-checking protocol on `port` must answer SERVING. */
  public static grpc(port?: number, options: GrpcHealthCheckOptions = {}): HealthCheck {
    const service = options?.service ?? '';
    if (typeof service !== 'string' || !/^[\x21-\x7e]*$/.test(service)) {
      throw new Error(`HealthCheck.grpc: service ${JSON.stringify(service)} is not a gRPC service name. Use printable characters without spaces, e.g. 'orders.v1.Orders', or omit it.`);
    }
    return new HealthCheck(HealthCheckKind.GRPC, options ?? {}, { port: checkPort(port, 'HealthCheck.grpc'), service });
  }

  /**
   * Runs a program in the image, without a shell; healthy when it exits 0.
   * @param command the program (absolute path) and its arguments, e.g. ['/app/server', '--check']
   */
  public static exec(command: string[], options: HealthCheckTiming = {}): HealthCheck {
    if (!Array.isArray(command) || command.length === 0 || command.some(c => typeof c !== 'string' || c.length === 0)) {
      throw new Error(`HealthCheck.exec: command ${JSON.stringify(command)} must be a non-empty list of non-empty strings: the program and its arguments, e.g. ['/app/server', '--check'].`);
    }
    const program = command[0];
    const name = program.split('/').pop() ?? program;
    if (SHELLS.has(name)) {
      throw new Error(`HealthCheck.exec: command ${JSON.stringify(command)} starts the shell ${JSON.stringify(program)}. Distroless images have no shell and the check would always fail. `
        + 'Run a program of the image directly (e.g. [\'/app/server\', \'--check\']), or use HealthCheck.http(), .tcp() or .grpc(), which use the built-in probe.');
    }
    if (command.length === 1 && /\s/.test(program)) {
      throw new Error(`HealthCheck.exec: command ${JSON.stringify(command)} is one string with spaces, which only a shell would split. `
        + `Give the program and each argument as separate elements, e.g. ${JSON.stringify(program.trim().split(/\s+/))}.`);
    }
    if (!program.startsWith('/')) {
      throw new Error(`HealthCheck.exec: program ${JSON.stringify(program)} is not an absolute path. Without a shell there is no PATH search you can rely on: use e.g. '/app/server'.`);
    }
    return new HealthCheck(HealthCheckKind.EXEC, options ?? {}, { command: [...command] });
  }

  /** What the check tests. */
  public readonly kind: HealthCheckKind;
  /** URL path, for HTTP checks. */
  public readonly path?: string;
  /** Port, for HTTP, TCP and gRPC checks; undefined until the workload fills in its first port. */
  public readonly port?: number;
  /** gRPC service name, for gRPC checks. */
  public readonly service?: string;
  /** Program and arguments, for exec checks. */
  public readonly command?: string[];
  /** Time between checks. */
  public readonly interval: TimeSpan;
  /** Time one check may take. */
  public readonly timeout: TimeSpan;
  /** Consecutive successes before healthy. */
  public readonly healthyThreshold: number;
  /** Consecutive failures before unhealthy. */
  public readonly unhealthyThreshold: number;
  /** Grace period after start. */
  public readonly startPeriod: TimeSpan;

  private constructor(kind: HealthCheckKind, timing: HealthCheckTiming,
    target: { path?: string; port?: number; service?: string; command?: string[] }) {
    this.kind = kind;
    this.path = target.path;
    this.port = target.port;
    this.service = target.service;
    this.command = target.command;
    this.interval = checkSpan(timing.interval, TimeSpan.seconds(15), 'interval', kind);
    this.timeout = checkSpan(timing.timeout, TimeSpan.seconds(5), 'timeout', kind);
    this.startPeriod = checkSpan(timing.startPeriod, TimeSpan.seconds(10), 'startPeriod', kind);
    this.healthyThreshold = checkCount(timing.healthyThreshold, 2, 'healthyThreshold', kind);
    this.unhealthyThreshold = checkCount(timing.unhealthyThreshold, 3, 'unhealthyThreshold', kind);
    if (this.timeout.toSeconds() > this.interval.toSeconds()) {
      throw new Error(`HealthCheck.${kind}: timeout (${this.timeout}) is longer than interval (${this.interval}). Make the timeout at most the interval.`);
    }
  }

  /**
   * This check with `port` filled in when it names none (the workload's first port).
   * @internal
   */
  public _withDefaultPort(port: number | undefined): HealthCheck {
    if (this.kind === HealthCheckKind.EXEC || this.port !== undefined || port === undefined) { return this; }
    return new HealthCheck(this.kind, this, { path: this.path, port, service: this.service });
  }

  /**
   * The check as an exec-form command run inside the container, for platforms that can only run a
   * command (ECS container health checks, Docker HEALTHCHECK): an exec check's own command, or a call
   * of the built-in probe at `probePath` for HTTP, TCP and gRPC checks.
   *
   * @param probePath where the image has the built-in probe (`ImageProfile.healthProbePath`);
   * undefined when it has none, and then only exec checks have a command
   * @returns the command, or undefined when it cannot be run in the container
   */
  public execCommand(probePath?: string): string[] | undefined {
    if (this.kind === HealthCheckKind.EXEC) { return [...this.command!]; }
    if (probePath === undefined || this.port === undefined) { return undefined; }
    const timeout = ['--timeout', String(Math.max(1, this.timeout.toSeconds()))];
    switch (this.kind) {
      case HealthCheckKind.HTTP: return [probePath, 'http', String(this.port), this.path!, ...timeout];
      case HealthCheckKind.TCP: return [probePath, 'tcp', String(this.port), ...timeout];
      default: return [probePath, 'grpc', String(this.port), ...(this.service ? ['--service', this.service] : []), ...timeout];
    }
  }
}

/** Program names that are shells: a health check must never need one. */
const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh', 'busybox', 'cmd', 'cmd.exe', 'powershell', 'pwsh']);

function checkPort(port: unknown, what: string): number | undefined {
  if (port === undefined) { return undefined; }
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${what}: port ${JSON.stringify(port)} is not a port. Use a whole number from 1 to 65535, e.g. 8080, or omit it to use the workload's first port.`);
  }
  return port;
}

function checkSpan(value: unknown, fallback: TimeSpan, prop: string, kind: string): TimeSpan {
  if (value === undefined) { return fallback; }
  if (!(value instanceof TimeSpan)) {
    throw new Error(`HealthCheck.${kind}: ${prop} must be a TimeSpan (e.g. TimeSpan.seconds(10)), got ${JSON.stringify(value)}.`);
  }
  if (prop !== 'startPeriod' && value.toSeconds() < 1) {
    throw new Error(`HealthCheck.${kind}: ${prop} ${value} is too short. Use at least TimeSpan.seconds(1).`);
  }
  return value;
}

function checkCount(value: unknown, fallback: number, prop: string, kind: string): number {
  if (value === undefined) { return fallback; }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 10) {
    throw new Error(`HealthCheck.${kind}: ${prop} ${JSON.stringify(value)} must be a whole number from 1 to 10 (the range ECS and load balancers accept).`);
  }
  return value;
}
