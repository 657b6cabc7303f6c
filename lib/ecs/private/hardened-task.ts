import * as os from 'os';
import * as path from 'path';
import { Annotations, DockerBuildSecret, aws_ecr_assets as ecr_assets, aws_ecs as ecs, aws_kms as kms, aws_logs as logs, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { fargateSize } from './fargate-size';
import { logEncryptionKey } from './log-key';
import { CpuArchitecture, DistrolessImage, HealthCheck, ImageSourceKind, Workload } from '../../workload';
import { Secret } from '../secret';

/** Inputs of a hardened Fargate task, shared by the service and the job. */
export interface HardenedTaskInput {
  readonly what: string;
  readonly workload: Workload;
  readonly secrets?: { [name: string]: Secret };
  readonly logRetention?: logs.RetentionDays;
  readonly logEncryptionKey?: kms.IKey;
  readonly containerName?: string;
  /** Whether a container health check is wanted (services: yes; jobs: only when the workload has one). */
  readonly healthCheck: boolean;
}

/** The hardened task definition, its container and log group. */
export interface HardenedTask {
  readonly taskDefinition: ecs.FargateTaskDefinition;
  readonly container: ecs.ContainerDefinition;
  readonly logGroup: logs.LogGroup;
}

/** Capabilities Fargate lets a task add back after dropping ALL. */
const FARGATE_ADDABLE = ['SYS_PTRACE'];

/** Metadata key under which relaxed defaults and their reasons are recorded in the template. */
export const RELAXATIONS_METADATA = 'cdk-distroless:relaxations';

/**
 * A Fargate task definition and container with every hardened default: read-only root, the image's
 * numeric user, ALL capabilities dropped, init process, not privileged, container memory limit,
 * writable paths as task volumes, logs with retention and an exec-form health check.
 */
export function hardenedTask(scope: Construct, input: HardenedTaskInput): HardenedTask {
  const { what, workload } = input;
  if (!(workload instanceof Workload)) {
    throw new Error(`${what}: workload must be a Workload (new Workload({ image: DistrolessImage.fromSource(...) })), got ${describe(workload)}.`);
  }
  const size = fargateSize(what, workload.cpuMillicores, workload.memoryMiB);
  const arch = workload.architecture;
  if (!workload.profile.architectures.includes(arch)) {
    throw new Error(`${what}: the workload runs on ${arch} but the image is only available for ${JSON.stringify(workload.profile.architectures)}. `
      + 'Set the workload\'s architecture to one of those, or use a base image published for it.');
  }

  const taskDefinition = new ecs.FargateTaskDefinition(scope, 'TaskDefinition', {
    cpu: size.cpu,
    memoryLimitMiB: size.memoryMiB,
    runtimePlatform: {
      operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
      cpuArchitecture: arch === CpuArchitecture.ARM64 ? ecs.CpuArchitecture.ARM64 : ecs.CpuArchitecture.X86_64,
    },
    ephemeralStorageGiB: ephemeralStorage(workload),
  });

  const logGroup = new logs.LogGroup(scope, 'Logs', {
    retention: input.logRetention ?? logs.RetentionDays.ONE_YEAR,
    encryptionKey: input.logEncryptionKey ?? logEncryptionKey(scope),
    removalPolicy: RemovalPolicy.RETAIN,
  });

  const readOnlyRoot = workload.relaxation('read-only-root') === undefined;
  const linuxParameters = new ecs.LinuxParameters(scope, 'LinuxParameters', { initProcessEnabled: true });
  linuxParameters.dropCapabilities(ecs.Capability.ALL);
  for (const relaxation of workload.relaxations.filter(r => r.control === 'capabilities')) {
    if (!FARGATE_ADDABLE.includes(relaxation.capability!)) {
      throw new Error(`${what}: Relaxation.addCapability(${JSON.stringify(relaxation.capability)}) is not possible on Fargate, which lets a task add back only ${FARGATE_ADDABLE.join(', ')}. `
        + 'Remove the relaxation (listen on a port above 1024 instead of adding NET_BIND_SERVICE).');
    }
    linuxParameters.addCapabilities(relaxation.capability as ecs.Capability);
  }

  const secrets: { [name: string]: ecs.Secret } = {};
  for (const [name, secret] of Object.entries(input.secrets ?? {})) {
    if (!(secret instanceof Secret)) {
      throw new Error(`${what}: secrets.${name} must be an ecs.Secret (Secret.fromSecretsManager() or Secret.fromSsmParameter()), got ${describe(secret)}.`);
    }
    if (name in workload.environment) {
      throw new Error(`${what}: ${name} is both a plain environment variable and a secret. Remove it from the workload's environment.`);
    }
    secrets[name] = secret._secret;
  }

  const check = input.healthCheck ? workload.healthCheck : undefined;
  const container = taskDefinition.addContainer('Container', {
    containerName: input.containerName ?? 'app',
    image: containerImage(scope, what, workload.image, arch),
    user: `${workload.user.uid}:${workload.user.gid}`,
    readonlyRootFilesystem: readOnlyRoot,
    privileged: false,
    linuxParameters,
    memoryLimitMiB: workload.memoryMiB,
    environment: Object.keys(workload.environment).length > 0 ? { ...workload.environment } : undefined,
    secrets: Object.keys(secrets).length > 0 ? secrets : undefined,
    command: workload.args,
    logging: ecs.LogDrivers.awsLogs({ logGroup, streamPrefix: 'app' }),
    portMappings: workload.ports.map(containerPort => ({ containerPort, protocol: ecs.Protocol.TCP, name: `port-${containerPort}` })),
    healthCheck: check ? containerHealthCheck(scope, what, workload.image, check) : undefined,
  });

  for (const w of workload.writablePaths) {
    const name = volumeName(w.path);
    // A task volume (Fargate ephemeral storage). ECS copies the image's VOLUME directory, with its
    // owner and mode, into it, so the non-root user can write there (see TOOLCHAIN.md).
    taskDefinition.addVolume({ name });
    container.addMountPoints({ sourceVolume: name, containerPath: w.path, readOnly: false });
  }

  recordRelaxations(taskDefinition, workload);
  // ecr:GetAuthorizationToken has no resource-level permissions; the rest of the policy is scoped.
  Validations.of(taskDefinition.obtainExecutionRole()).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason: 'The execution role\'s only wildcard is ecr:GetAuthorizationToken, which AWS grants on Resource * only; pulling is scoped to the image repository and logging to the task\'s log group.',
  });
  for (const finding of workload.image.warnings) {
    Annotations.of(scope).addWarningV2(`cdk-distroless:${finding.ruleId}`, `${finding.file}:${finding.line}: ${finding.message} ${finding.fix}`.trim());
  }
  scope.node.addValidation({ validate: () => refuseShellHealthCheck(scope, taskDefinition) });
  return { taskDefinition, container, logGroup };
}

/** The container image: a Docker image asset built from the staged context, or the pinned registry reference. */
function containerImage(scope: Construct, what: string, image: DistrolessImage, arch: CpuArchitecture): ecs.ContainerImage {
  if (image.kind === ImageSourceKind.REGISTRY) {
    return ecs.ContainerImage.fromRegistry(image.reference!);
  }
  if (image.platform !== undefined && image.platform !== arch) {
    throw new Error(`${what}: the image is built for ${image.platform} but the workload runs on ${arch}. Build the image for ${arch} (platform option) or set the workload's architecture to ${image.platform}.`);
  }
  const staged = image.stage(stageDirectory());
  const buildSecrets: { [id: string]: string } = {};
  for (const [id, src] of Object.entries(image.buildSecrets)) { buildSecrets[id] = DockerBuildSecret.fromSrc(src); }
  const asset = new ecr_assets.DockerImageAsset(scope, 'Image', {
    directory: staged.directory,
    file: staged.dockerfile,
    target: image.target,
    buildArgs: Object.keys(image.buildArgs).length > 0 ? image.buildArgs : undefined,
    buildSecrets: Object.keys(buildSecrets).length > 0 ? buildSecrets : undefined,
    platform: arch === CpuArchitecture.ARM64 ? ecr_assets.Platform.LINUX_ARM64 : ecr_assets.Platform.LINUX_AMD64,
  });
  return ecs.ContainerImage.fromDockerImageAsset(asset);
}

/**
 * Where build contexts are staged before the asset copies them into the cloud assembly: a cache
 * folder outside it, so cdk.out holds each context once; identical contexts share one folder.
 */
function stageDirectory(): string {
  return process.env.CDK_DISTROLESS_STAGE_DIR ?? path.join(os.tmpdir(), 'cdk-distroless', 'contexts');
}

/** The container health check: exec form (`CMD`), never `CMD-SHELL`. */
function containerHealthCheck(scope: Construct, what: string, image: DistrolessImage, check: HealthCheck): ecs.HealthCheck | undefined {
  const command = image.healthCommand(check);
  if (command === undefined) {
    Annotations.of(scope).addWarningV2('cdk-distroless:ecs-no-container-health-check',
      `${what}: the ${check.kind} health check cannot run inside the container because the image has no built-in probe, so the task has no container health check `
      + '(a load balancer still checks it). Build the image with healthProbe: true, or use HealthCheck.exec() with a program of the image.');
    return undefined;
  }
  const interval = check.interval.toSeconds();
  const timeout = check.timeout.toSeconds();
  if (interval < 5 || interval > 300) {
    throw new Error(`${what}: health check interval ${check.interval} is outside what ECS accepts (5 to 300 seconds). Set interval: TimeSpan.seconds(n) with n from 5 to 300.`);
  }
  if (timeout < 2 || timeout > 120) {
    throw new Error(`${what}: health check timeout ${check.timeout} is outside what ECS accepts (2 to 120 seconds). Set timeout: TimeSpan.seconds(n) with n from 2 to 120.`);
  }
  return {
    // 'CMD' first: aws-ecs turns a one-element command into CMD-SHELL, which needs a shell.
    command: ['CMD', ...command],
    interval: Duration.seconds(interval),
    timeout: Duration.seconds(timeout),
    retries: check.unhealthyThreshold,
    startPeriod: Duration.seconds(Math.min(300, check.startPeriod.toSeconds())),
  };
}

/** Synth-time check on the rendered container: a CMD-SHELL health check (e.g. set through an escape hatch) cannot run. */
function refuseShellHealthCheck(scope: Construct, taskDefinition: ecs.TaskDefinition): string[] {
  const cfn = taskDefinition.node.defaultChild as ecs.CfnTaskDefinition;
  const defs = Stack.of(scope).resolve(cfn.containerDefinitions) as Array<{ name?: string; healthCheck?: { command?: string[] } }> | undefined;
  const errors: string[] = [];
  for (const def of defs ?? []) {
    const command = def.healthCheck?.command;
    if (Array.isArray(command) && command[0] === 'CMD-SHELL') {
      errors.push(`container ${def.name} has the health check ${JSON.stringify(command)}, which needs a shell that a distroless image does not have, so the task would never be healthy. `
        + 'Use the workload\'s healthCheck (HealthCheck.http/tcp/grpc through the built-in probe, or HealthCheck.exec([...]) with an absolute program), which synthesizes ["CMD", ...].');
    }
  }
  return errors;
}

/** Relaxed defaults and their reasons, in the task definition's template metadata. */
function recordRelaxations(taskDefinition: ecs.TaskDefinition, workload: Workload): void {
  if (workload.relaxations.length === 0) { return; }
  const cfn = taskDefinition.node.defaultChild as ecs.CfnTaskDefinition;
  cfn.addMetadata(RELAXATIONS_METADATA, workload.relaxations.map(r => ({
    control: r.control,
    reason: r.reason,
    ...(r.capability ? { capability: r.capability } : {}),
  })));
}

/** Task volume name for a writable path: '/var/cache/app' -> 'var-cache-app'. */
export function volumeName(p: string): string {
  return p.replace(/^\/+|\/+$/g, '').replace(/[^A-Za-z0-9_-]+/g, '-') || 'root';
}

/** Ephemeral storage (GiB) when the writable paths need more than Fargate's default 20 GiB. */
function ephemeralStorage(workload: Workload): number | undefined {
  const total = workload.writablePaths.reduce((sum, w) => sum + (w.sizeLimitMiB ?? 128), 0);
  const gib = Math.ceil(total / 1024);
  return gib > 20 ? Math.min(200, Math.max(21, gib)) : undefined;
}

export function describe(value: unknown): string {
  if (value === undefined || value === null) { return String(value); }
  if (typeof value === 'object') { return value.constructor?.name ?? 'object'; }
  return JSON.stringify(value);
}
