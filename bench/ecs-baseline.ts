// The hand-written baseline of bench/ecs-synth.ts: what a careful engineer writes in plain aws-cdk-lib
// for the same hardened Fargate service behind an HTTPS ALB as ecs.DistrolessService makes, and the
// same per-stack VPC, cluster, log key and access-log bucket. No cdk-distroless code.
import {
  aws_certificatemanager as acm, aws_ec2 as ec2, aws_ecs as ecs, aws_elasticloadbalancingv2 as elbv2, aws_iam as iam,
  aws_kms as kms, aws_logs as logs, aws_s3 as s3, Duration, RemovalPolicy, Stack,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** Shared per stack: VPC with flow logs, cluster with Container Insights, log key, access-log bucket. */
export interface BaselineShared {
  readonly cluster: ecs.Cluster;
  readonly logKey: kms.Key;
  readonly accessLogs: s3.Bucket;
  readonly certificate: acm.ICertificate;
}

export function baselineShared(stack: Stack, certificateArn: string): BaselineShared {
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    maxAzs: 2,
    natGateways: 1,
    restrictDefaultSecurityGroup: false,
    subnetConfiguration: [
      { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24, mapPublicIpOnLaunch: false },
      { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
    ],
  });
  const logKey = new kms.Key(stack, 'LogKey', { enableKeyRotation: true });
  logKey.addToResourcePolicy(new iam.PolicyStatement({
    principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
    actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    resources: ['*'],
  }));
  const flowLogs = new logs.LogGroup(vpc, 'FlowLogs', { retention: logs.RetentionDays.ONE_YEAR, encryptionKey: logKey });
  vpc.addFlowLog('FlowLog', { destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogs) });
  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED, enableFargateCapacityProviders: true });
  const accessLogs = new s3.Bucket(stack, 'AccessLogs', {
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    versioned: true,
    objectLockEnabled: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const certificate = acm.Certificate.fromCertificateArn(stack, 'Certificate', certificateArn);
  return { cluster, logKey, accessLogs, certificate };
}

/** One hardened service: read-only root, uid:gid, caps dropped, init, exec health check, HTTPS ALB. */
export class BaselineService extends Construct {
  constructor(scope: Construct, id: string, shared: BaselineShared, image: string) {
    super(scope, id);
    const vpc = shared.cluster.vpc;
    const taskDefinition = new ecs.FargateTaskDefinition(this, 'TaskDefinition', {
      cpu: 256,
      memoryLimitMiB: 512,
      runtimePlatform: { operatingSystemFamily: ecs.OperatingSystemFamily.LINUX, cpuArchitecture: ecs.CpuArchitecture.X86_64 },
    });
    const logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_YEAR, encryptionKey: shared.logKey });
    const linuxParameters = new ecs.LinuxParameters(this, 'LinuxParameters', { initProcessEnabled: true });
    linuxParameters.dropCapabilities(ecs.Capability.ALL);
    const container = taskDefinition.addContainer('Container', {
      containerName: 'app',
      image: ecs.ContainerImage.fromRegistry(image),
      user: '65532:65532',
      readonlyRootFilesystem: true,
      privileged: false,
      linuxParameters,
      memoryLimitMiB: 512,
      logging: ecs.LogDrivers.awsLogs({ logGroup, streamPrefix: 'app' }),
      portMappings: [{ containerPort: 8080, name: 'port-8080' }],
      healthCheck: {
        command: ['CMD', '/cdk-distroless/probe', 'http', '8080', '/healthz', '--timeout', '5'],
        interval: Duration.seconds(15),
        timeout: Duration.seconds(5),
        retries: 3,
        startPeriod: Duration.seconds(10),
      },
    });
    for (const [name, p] of [['tmp', '/tmp'], ['var-cache-app', '/var/cache/app']]) {
      taskDefinition.addVolume({ name });
      container.addMountPoints({ sourceVolume: name, containerPath: p, readOnly: false });
    }
    const securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', { vpc });
    const service = new ecs.FargateService(this, 'Service', {
      cluster: shared.cluster,
      taskDefinition,
      desiredCount: 2,
      assignPublicIp: false,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      securityGroups: [securityGroup],
      platformVersion: ecs.FargatePlatformVersion.LATEST,
      circuitBreaker: { enable: true, rollback: true },
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      enableExecuteCommand: false,
      healthCheckGracePeriod: Duration.seconds(60),
    });
    const lbSecurityGroup = new ec2.SecurityGroup(this, 'LoadBalancerSecurityGroup', { vpc, allowAllOutbound: false });
    const loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc,
      internetFacing: true,
      securityGroup: lbSecurityGroup,
      dropInvalidHeaderFields: true,
      deletionProtection: true,
    });
    loadBalancer.logAccessLogs(shared.accessLogs, id);
    const listener = loadBalancer.addListener('Https', {
      port: 443,
      certificates: [shared.certificate],
      sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
      open: false,
    });
    loadBalancer.addRedirect({ sourcePort: 80, targetPort: 443, open: false });
    lbSecurityGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443));
    lbSecurityGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(80));
    listener.addTargets('Target', {
      port: 8080,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targets: [service.loadBalancerTarget({ containerName: 'app', containerPort: 8080 })],
      healthCheck: { path: '/healthz', interval: Duration.seconds(15), timeout: Duration.seconds(5), healthyHttpCodes: '200-399' },
      deregistrationDelay: Duration.seconds(30),
    });
  }
}
