import { aws_ec2 as ec2, aws_ecs as ecs, aws_logs as logs, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { logEncryptionKey } from './log-key';

/**
 * The cluster a workload runs in: the one given, or one per stack (and VPC) created with Container
 * Insights enabled (CT.ECS.PR.2 accepts only `enabled`) and the Fargate capacity providers.
 */
export function resolveCluster(scope: Construct, what: string, cluster?: ecs.ICluster, vpc?: ec2.IVpc): ecs.ICluster {
  if (cluster && vpc) {
    throw new Error(`${what}: give either cluster or vpc, not both (the cluster's VPC is used). Remove vpc.`);
  }
  if (cluster) { return cluster; }
  const stack = Stack.of(scope);
  const id = vpc ? `CdkDistrolessCluster${vpc.node.addr.slice(0, 8)}` : 'CdkDistrolessCluster';
  const existing = stack.node.tryFindChild(id) as ecs.Cluster | undefined;
  if (existing) { return existing; }
  return new ecs.Cluster(stack, id, {
    vpc: vpc ?? defaultVpc(stack),
    containerInsightsV2: ecs.ContainerInsights.ENABLED,
    enableFargateCapacityProviders: true,
  });
}

/** A VPC for a stack that brings none: two AZs, private subnets with egress, flow logs, no public IP on launch. */
function defaultVpc(stack: Stack): ec2.IVpc {
  const id = 'CdkDistrolessVpc';
  const existing = stack.node.tryFindChild(id) as ec2.Vpc | undefined;
  if (existing) { return existing; }
  const vpc = new ec2.Vpc(stack, id, {
    maxAzs: 2,
    natGateways: 1,
    restrictDefaultSecurityGroup: false,
    subnetConfiguration: [
      { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24, mapPublicIpOnLaunch: false },
      { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
    ],
  });
  const flowLogs = new logs.LogGroup(vpc, 'FlowLogs', { retention: logs.RetentionDays.ONE_YEAR, encryptionKey: logEncryptionKey(stack), removalPolicy: RemovalPolicy.RETAIN });
  vpc.addFlowLog('FlowLog', { destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogs) });
  return vpc;
}
