import {
  Annotations, aws_ec2 as ec2, aws_ecs as ecs, aws_elasticloadbalancingv2 as elbv2,
  aws_kms as kms, aws_logs as logs, aws_servicediscovery as servicediscovery, CfnResource, Duration, Stack, Token, Validations,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { Ingress, IngressKind } from './ingress';
import { accessLogBucket } from './private/access-logs';
import { describe, hardenedTask } from './private/hardened-task';
import { resolveCluster } from './private/network';
import { Secret } from './secret';
import { HealthCheck, HealthCheckKind, Workload } from '../workload';

/** Autoscaling of a `DistrolessService`: target tracking on each metric given. */
export interface ServiceAutoScaling {
  /** Fewest tasks. */
  readonly minCapacity: number;
  /** Most tasks. */
  readonly maxCapacity: number;
  /**
   * Target average CPU utilisation, in percent.
   * @default 70
   */
  readonly cpuTargetPercent?: number;
  /**
   * Target average memory utilisation, in percent.
   * @default - no memory scaling
   */
  readonly memoryTargetPercent?: number;
  /**
   * Target requests per task per minute (ALB ingress only).
   * @default - no request-count scaling
   */
  readonly requestsPerTarget?: number;
}

/** Options shared by `DistrolessService` and `DistrolessJob`. */
export interface DistrolessTaskProps {
  /** What runs: image, ports, writable paths, health check, resources, relaxed defaults. */
  readonly workload: Workload;
  /**
   * The ECS cluster.
   * @default - one per stack (or per `vpc`) with Container Insights enabled and Fargate capacity providers
   */
  readonly cluster?: ecs.ICluster;
  /**
   * The VPC of the cluster created when `cluster` is not given.
   * @default - one per stack: two AZs, private subnets with a NAT gateway, flow logs
   */
  readonly vpc?: ec2.IVpc;
  /**
   * Subnets of the tasks.
   * @default - the private subnets with egress
   */
  readonly vpcSubnets?: ec2.SubnetSelection;
  /**
   * Secrets passed as environment variables, from Secrets Manager or SSM Parameter Store.
   * @default - none
   */
  readonly secrets?: { [name: string]: Secret };
  /**
   * How long the container logs are kept.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * KMS key encrypting the log group.
   * @default - CloudWatch Logs' own encryption
   */
  readonly logEncryptionKey?: kms.IKey;
  /**
   * Run on Fargate Spot (the cluster needs the FARGATE_SPOT capacity provider; a created one has it).
   * @default false
   */
  readonly spot?: boolean;
  /**
   * Name of the container.
   * @default 'app'
   */
  readonly containerName?: string;
}

/** Properties of a `DistrolessService`. */
export interface DistrolessServiceProps extends DistrolessTaskProps {
  /**
   * How traffic reaches the service.
   * @default Ingress.none() - no load balancer, no Service Connect
   */
  readonly ingress?: Ingress;
  /**
   * Number of tasks (the starting count when autoscaling).
   * @default 2
   */
  readonly desiredCount?: number;
  /**
   * Autoscaling.
   * @default - a fixed desiredCount
   */
  readonly autoScaling?: ServiceAutoScaling;
  /**
   * Least share of desired tasks kept running during a deployment, in percent.
   * @default 100
   */
  readonly minHealthyPercent?: number;
  /**
   * Most tasks during a deployment, in percent of the desired count.
   * @default 200
   */
  readonly maxHealthyPercent?: number;
  /**
   * Deletion protection of the load balancer (AWS Control Tower asks for it).
   * @default true
   */
  readonly loadBalancerDeletionProtection?: boolean;
}

/**
 * A Fargate service running a `Workload` with hardened defaults: read-only root, the image's
 * numeric user, ALL capabilities dropped, init process, no privilege, no ECS Exec, no public IP,
 * private subnets, LATEST platform, writable paths as task volumes, an exec-form container health
 * check through the built-in probe, logs with a retention, and a deployment circuit breaker with
 * rollback. Relaxing one takes a reason (`Relaxation`), recorded in the template metadata.
 *
 * @example
 * new ecs.DistrolessService(this, 'Api', {
 *   workload,
 *   ingress: ecs.Ingress.httpsAlb({ certificate }),
 * });
 */
export class DistrolessService extends Construct {
  /** The task definition (escape hatch). */
  public readonly taskDefinition: ecs.FargateTaskDefinition;
  /** The application container (escape hatch). */
  public readonly container: ecs.ContainerDefinition;
  /** The Fargate service (escape hatch). */
  public readonly service: ecs.FargateService;
  /** The cluster it runs in. */
  public readonly cluster: ecs.ICluster;
  /** The container log group. */
  public readonly logGroup: logs.ILogGroup;
  /** The load balancer, when the ingress has one. */
  public readonly loadBalancer?: elbv2.BaseLoadBalancer;
  /** The target group, when the ingress has a load balancer. */
  public readonly targetGroup?: elbv2.TargetGroupBase;
  /** The security group of the tasks. */
  public readonly securityGroup: ec2.SecurityGroup;
  /** The scalable task count, when autoscaling is set. */
  public readonly scaling?: ecs.ScalableTaskCount;

  constructor(scope: Construct, id: string, props: DistrolessServiceProps) {
    super(scope, id);
    const what = `DistrolessService ${this.node.path}`;
    if (!props || typeof props !== 'object') {
      throw new Error(`${what}: props are required: { workload, ingress?, ... }.`);
    }
    const ingress = props.ingress ?? Ingress.none();
    if (!(ingress instanceof Ingress)) {
      throw new Error(`${what}: ingress must be one of Ingress.httpsAlb(), .httpAlb(), .nlb() or .none(), got ${describe(ingress)}.`);
    }
    const desiredCount = props.desiredCount ?? 2;
    checkCount(what, 'desiredCount', desiredCount, 0);
    checkPercent(what, 'minHealthyPercent', props.minHealthyPercent, 0, 100);
    checkPercent(what, 'maxHealthyPercent', props.maxHealthyPercent, 100, 200);

    const task = hardenedTask(this, {
      what,
      workload: props.workload,
      secrets: props.secrets,
      logRetention: props.logRetention,
      logEncryptionKey: props.logEncryptionKey,
      containerName: props.containerName,
      healthCheck: true,
    });
    this.taskDefinition = task.taskDefinition;
    this.container = task.container;
    this.logGroup = task.logGroup;
    const workload = props.workload;
    if (ingress.kind !== IngressKind.NONE && workload.ports.length === 0) {
      throw new Error(`${what}: ingress ${ingress.kind} needs a port, but the workload has none. Set the workload's ports (or the image's exposedPorts), or use Ingress.none().`);
    }
    if (props.autoScaling?.requestsPerTarget !== undefined && ingress.kind !== IngressKind.HTTPS_ALB && ingress.kind !== IngressKind.HTTP_ALB) {
      throw new Error(`${what}: autoScaling.requestsPerTarget needs an ALB ingress (Ingress.httpsAlb or .httpAlb), got ${ingress.kind}. Remove requestsPerTarget or scale on CPU or memory.`);
    }

    this.cluster = resolveCluster(this, what, props.cluster, props.vpc);
    const vpc = this.cluster.vpc;
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', { vpc, description: `Tasks of ${this.node.path}`, allowAllOutbound: true });

    if (ingress.serviceConnectNamespace && this.cluster instanceof ecs.Cluster && !this.cluster.defaultCloudMapNamespace && this.cluster.node.id.startsWith('CdkDistrolessCluster')) {
      this.cluster.addDefaultCloudMapNamespace({
        name: ingress.serviceConnectNamespace,
        type: servicediscovery.NamespaceType.HTTP,
        useForServiceConnect: true,
      });
    }

    this.service = new ecs.FargateService(this, 'Service', {
      cluster: this.cluster,
      taskDefinition: this.taskDefinition,
      desiredCount,
      assignPublicIp: false,
      vpcSubnets: props.vpcSubnets ?? { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      securityGroups: [this.securityGroup],
      platformVersion: ecs.FargatePlatformVersion.LATEST,
      circuitBreaker: { enable: true, rollback: true },
      minHealthyPercent: props.minHealthyPercent ?? 100,
      maxHealthyPercent: props.maxHealthyPercent ?? 200,
      enableExecuteCommand: false,
      propagateTags: ecs.PropagatedTagSource.SERVICE,
      capacityProviderStrategies: props.spot ? [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }] : undefined,
      healthCheckGracePeriod: ingress.kind === IngressKind.NONE
        ? undefined
        : Duration.seconds(Math.max(60, (workload.healthCheck?.startPeriod.toSeconds() ?? 0) * 2)),
    });

    if (ingress.serviceConnectNamespace) {
      this.service.enableServiceConnect({
        namespace: ingress.serviceConnectNamespace,
        services: workload.ports.length > 0 ? [{ portMappingName: `port-${workload.ports[0]}`, discoveryName: ingress.discoveryName ?? id.toLowerCase() }] : undefined,
        logDriver: ecs.LogDrivers.awsLogs({ logGroup: this.logGroup, streamPrefix: 'service-connect' }),
      });
    }

    const deletionProtection = props.loadBalancerDeletionProtection ?? true;
    if (ingress.kind === IngressKind.HTTPS_ALB || ingress.kind === IngressKind.HTTP_ALB) {
      const { loadBalancer, targetGroup } = this.addAlb(what, ingress, workload, deletionProtection);
      this.loadBalancer = loadBalancer;
      this.targetGroup = targetGroup;
    } else if (ingress.kind === IngressKind.NLB) {
      const { loadBalancer, targetGroup } = this.addNlb(ingress, workload, deletionProtection);
      this.loadBalancer = loadBalancer;
      this.targetGroup = targetGroup;
    }

    if (props.autoScaling) {
      this.scaling = this.addAutoScaling(what, props.autoScaling);
    }

    // cdk-nag findings that the defaults answer by design (see README "Controls").
    if (Object.keys(workload.environment).length > 0) {
      Validations.of(this.taskDefinition).acknowledge({
        id: 'AwsSolutions-ECS2',
        reason: 'Only non-secret settings are plain environment variables: Workload rejects names that look like secrets and secrets go through ecs.Secret (Secrets Manager / SSM).',
      });
    }
  }

  private addAlb(what: string, ingress: Ingress, workload: Workload, deletionProtection: boolean) {
    const vpc = this.cluster.vpc;
    const lbSecurityGroup = new ec2.SecurityGroup(this, 'LoadBalancerSecurityGroup', { vpc, description: `Load balancer of ${this.node.path}`, allowAllOutbound: false });
    const loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc,
      internetFacing: !ingress.internal,
      vpcSubnets: { subnetType: ingress.internal ? ec2.SubnetType.PRIVATE_WITH_EGRESS : ec2.SubnetType.PUBLIC },
      securityGroup: lbSecurityGroup,
      dropInvalidHeaderFields: true,
      deletionProtection,
      desyncMitigationMode: elbv2.DesyncMitigationMode.DEFENSIVE,
    });
    this.logAccessLogs(what, loadBalancer);
    const peer = ingress.internal ? ec2.Peer.ipv4(vpc.vpcCidrBlock) : ec2.Peer.anyIpv4();
    const port = workload.ports[0];
    let listener: elbv2.ApplicationListener;
    if (ingress.kind === IngressKind.HTTPS_ALB) {
      listener = loadBalancer.addListener('Https', {
        port: 443,
        protocol: elbv2.ApplicationProtocol.HTTPS,
        certificates: [ingress.certificate!],
        sslPolicy: ingress.sslPolicy ?? elbv2.SslPolicy.RECOMMENDED_TLS,
        open: false,
      });
      loadBalancer.addRedirect({
        sourcePort: 80,
        sourceProtocol: elbv2.ApplicationProtocol.HTTP,
        targetPort: 443,
        targetProtocol: elbv2.ApplicationProtocol.HTTPS,
        open: false,
      });
      lbSecurityGroup.addIngressRule(peer, ec2.Port.tcp(443), 'HTTPS');
      lbSecurityGroup.addIngressRule(peer, ec2.Port.tcp(80), 'HTTP, redirected to HTTPS');
    } else {
      listener = loadBalancer.addListener('Http', { port: 80, protocol: elbv2.ApplicationProtocol.HTTP, open: false });
      lbSecurityGroup.addIngressRule(peer, ec2.Port.tcp(80), 'HTTP');
      (loadBalancer.node.defaultChild as CfnResource).addMetadata('cdk-distroless:plain-http', { reason: ingress.reason });
    }
    acknowledgeListenerIngress(lbSecurityGroup, ingress);
    const targetGroup = listener.addTargets('Target', {
      port,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targets: [this.service.loadBalancerTarget({ containerName: this.container.containerName, containerPort: port })],
      healthCheck: albHealthCheck(workload.healthCheck),
      deregistrationDelay: Duration.seconds(30),
    });
    if (workload.healthCheck && workload.healthCheck.kind !== HealthCheckKind.HTTP) {
      Annotations.of(this).addWarningV2('cdk-distroless:ecs-alb-health-check',
        `${what}: the workload's health check is ${workload.healthCheck.kind}, but an ALB checks over HTTP: it checks GET / on port ${port} and accepts any answer below 500. Use HealthCheck.http('/path') for a real check.`);
    }
    return { loadBalancer, targetGroup };
  }

  private addNlb(ingress: Ingress, workload: Workload, deletionProtection: boolean) {
    const vpc = this.cluster.vpc;
    const lbSecurityGroup = new ec2.SecurityGroup(this, 'LoadBalancerSecurityGroup', { vpc, description: `Load balancer of ${this.node.path}`, allowAllOutbound: false });
    const loadBalancer = new elbv2.NetworkLoadBalancer(this, 'LoadBalancer', {
      vpc,
      internetFacing: !ingress.internal,
      vpcSubnets: { subnetType: ingress.internal ? ec2.SubnetType.PRIVATE_WITH_EGRESS : ec2.SubnetType.PUBLIC },
      securityGroups: [lbSecurityGroup],
      crossZoneEnabled: true,
      deletionProtection,
    });
    this.logAccessLogs(`DistrolessService ${this.node.path}`, loadBalancer);
    const containerPort = workload.ports[0];
    const port = ingress.port ?? containerPort;
    lbSecurityGroup.addIngressRule(ingress.internal ? ec2.Peer.ipv4(vpc.vpcCidrBlock) : ec2.Peer.anyIpv4(), ec2.Port.tcp(port), 'TCP listener');
    acknowledgeListenerIngress(lbSecurityGroup, ingress);
    const listener = loadBalancer.addListener('Tcp', { port, protocol: elbv2.Protocol.TCP });
    const check = workload.healthCheck;
    const targetGroup = listener.addTargets('Target', {
      port: containerPort,
      protocol: elbv2.Protocol.TCP,
      targets: [this.service.loadBalancerTarget({ containerName: this.container.containerName, containerPort })],
      healthCheck: check?.kind === HealthCheckKind.HTTP
        ? { protocol: elbv2.Protocol.HTTP, path: check.path, port: String(check.port ?? containerPort), ...timing(check) }
        : { protocol: elbv2.Protocol.TCP, ...(check ? timing(check) : {}) },
      deregistrationDelay: Duration.seconds(30),
    });
    return { loadBalancer, targetGroup };
  }

  /** Access logs to the stack's access-log bucket; ELB log delivery needs a concrete region. */
  private logAccessLogs(what: string, loadBalancer: elbv2.ApplicationLoadBalancer | elbv2.NetworkLoadBalancer): void {
    if (Token.isUnresolved(Stack.of(this).region)) {
      Annotations.of(this).addWarningV2('cdk-distroless:ecs-no-access-logs',
        `${what}: the stack has no concrete region, so the load balancer gets no access logs (ELB log delivery needs one). Give the stack env: { account, region }.`);
      return;
    }
    loadBalancer.logAccessLogs(accessLogBucket(this), this.node.path.replace(/[^A-Za-z0-9-]/g, '-'));
  }

  private addAutoScaling(what: string, options: ServiceAutoScaling): ecs.ScalableTaskCount {
    checkCount(what, 'autoScaling.minCapacity', options.minCapacity, 0);
    checkCount(what, 'autoScaling.maxCapacity', options.maxCapacity, 1);
    if (options.maxCapacity < options.minCapacity) {
      throw new Error(`${what}: autoScaling.maxCapacity (${options.maxCapacity}) is below minCapacity (${options.minCapacity}). Make maxCapacity at least minCapacity.`);
    }
    const scaling = this.service.autoScaleTaskCount({ minCapacity: options.minCapacity, maxCapacity: options.maxCapacity });
    checkPercent(what, 'autoScaling.cpuTargetPercent', options.cpuTargetPercent, 1, 100);
    scaling.scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: options.cpuTargetPercent ?? 70 });
    if (options.memoryTargetPercent !== undefined) {
      checkPercent(what, 'autoScaling.memoryTargetPercent', options.memoryTargetPercent, 1, 100);
      scaling.scaleOnMemoryUtilization('Memory', { targetUtilizationPercent: options.memoryTargetPercent });
    }
    if (options.requestsPerTarget !== undefined) {
      checkCount(what, 'autoScaling.requestsPerTarget', options.requestsPerTarget, 1);
      scaling.scaleOnRequestCount('Requests', { requestsPerTarget: options.requestsPerTarget, targetGroup: this.targetGroup as elbv2.ApplicationTargetGroup });
    }
    return scaling;
  }
}

/** The load balancer's own ingress rule is the point of the ingress the user chose. */
function acknowledgeListenerIngress(securityGroup: ec2.SecurityGroup, ingress: Ingress): void {
  Validations.of(securityGroup).acknowledge({
    id: 'AwsSolutions-EC23',
    reason: ingress.internal
      ? `Internal load balancer (Ingress.${ingress.kind}): its listeners accept the VPC's CIDR only, an intrinsic that cdk-nag cannot evaluate; the tasks accept only this load balancer.`
      : `Internet-facing load balancer chosen with Ingress.${ingress.kind} (internal: false): its listeners must accept any IPv4 address; the tasks accept only this load balancer.`,
  });
}

/** The ALB target group's HTTP check from the workload's health check. */
function albHealthCheck(check: HealthCheck | undefined): elbv2.HealthCheck {
  if (!check || check.kind !== HealthCheckKind.HTTP) {
    // An ALB checks over HTTP only: any answer below 500 shows the server is up.
    return { protocol: elbv2.Protocol.HTTP, path: '/', healthyHttpCodes: '200-499', ...(check ? timing(check) : {}) };
  }
  return { protocol: elbv2.Protocol.HTTP, path: check.path, port: check.port ? String(check.port) : undefined, healthyHttpCodes: '200-399', ...timing(check) };
}

function timing(check: HealthCheck) {
  return {
    interval: Duration.seconds(Math.min(300, Math.max(5, check.interval.toSeconds()))),
    timeout: Duration.seconds(Math.min(120, Math.max(2, check.timeout.toSeconds()))),
    healthyThresholdCount: Math.max(2, check.healthyThreshold),
    unhealthyThresholdCount: Math.max(2, check.unhealthyThreshold),
  };
}

function checkCount(what: string, prop: string, value: unknown, min: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new Error(`${what}: ${prop} ${JSON.stringify(value)} must be a whole number of at least ${min}.`);
  }
}

function checkPercent(what: string, prop: string, value: unknown, min: number, max: number): void {
  if (value === undefined) { return; }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${what}: ${prop} ${JSON.stringify(value)} must be a whole number from ${min} to ${max}.`);
  }
}
