import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Annotations as CoreAnnotations, App, aws_certificatemanager as acm, aws_ec2 as ec2, aws_ecs as awsecs, aws_logs as logs, aws_secretsmanager as sm, aws_ssm as ssm, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { CONTEXT, goAppDir, newStack, PROBE, registryImage, sourceWorkload, workload } from './util';
import { CpuArchitecture, DistrolessImage, ecs, HealthCheck, Relaxation, Runtime, TimeSpan, Workload } from '../../lib';

function service(props: Partial<ecs.DistrolessServiceProps> = {}, stack = newStack()) {
  const svc = new ecs.DistrolessService(stack, 'Svc', { workload: workload(), ...props });
  return { stack, svc, template: Template.fromStack(stack) };
}

function container(template: Template): any {
  const defs = template.findResources('AWS::ECS::TaskDefinition');
  return (Object.values(defs)[0] as any).Properties.ContainerDefinitions[0];
}

function certificate(stack: Stack): acm.ICertificate {
  return acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:eu-west-1:111111111111:certificate/00000000-0000-4000-8000-000000000000');
}

describe('DistrolessService defaults', () => {
  const { template } = service();
  const c = container(template);

  test('read-only root filesystem', () => expect(c.ReadonlyRootFilesystem).toBe(true));
  test('runs as the image profile\'s numeric uid:gid', () => expect(c.User).toBe('65532:65532'));
  test('drops ALL capabilities and adds none', () => expect(c.LinuxParameters.Capabilities).toEqual({ Drop: ['ALL'] }));
  test('init process enabled', () => expect(c.LinuxParameters.InitProcessEnabled).toBe(true));
  test('not privileged', () => expect(c.Privileged).toBe(false));
  test('container-level memory limit (CT.ECS.PR.7)', () => expect(c.Memory).toBe(512));
  test('the smallest Fargate size that fits: 256 CPU units, 512 MiB', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', { Cpu: '256', Memory: '512', NetworkMode: 'awsvpc', RequiresCompatibilities: ['FARGATE'] });
  });
  test('x86-64 Linux runtime platform', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', { RuntimePlatform: { CpuArchitecture: 'X86_64', OperatingSystemFamily: 'LINUX' } });
  });
  test('writable paths are task volumes mounted read-write', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', { Volumes: [{ Name: 'tmp' }, { Name: 'var-cache-app' }] });
    expect(c.MountPoints).toEqual([
      { ContainerPath: '/tmp', ReadOnly: false, SourceVolume: 'tmp' },
      { ContainerPath: '/var/cache/app', ReadOnly: false, SourceVolume: 'var-cache-app' },
    ]);
  });
  test('container health check in exec form through the built-in probe', () => {
    expect(c.HealthCheck).toEqual({ Command: ['CMD', PROBE, 'http', '8080', '/healthz', '--timeout', '5'], Interval: 15, Retries: 3, StartPeriod: 10, Timeout: 5 });
  });
  test('the workload\'s port, named for Service Connect', () => expect(c.PortMappings).toEqual([{ ContainerPort: 8080, Name: 'port-8080', Protocol: 'tcp' }]));
  test('logs to CloudWatch Logs with one year of retention, encrypted with a rotated KMS key', () => {
    expect(c.LogConfiguration.LogDriver).toBe('awslogs');
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365, KmsKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });
  test('ECS Exec off, no public IP, private subnets, LATEST platform', () => {
    template.hasResourceProperties('AWS::ECS::Service', {
      EnableExecuteCommand: false,
      PlatformVersion: 'LATEST',
      LaunchType: 'FARGATE',
      NetworkConfiguration: { AwsvpcConfiguration: { AssignPublicIp: 'DISABLED', Subnets: [{ Ref: Match.stringLikeRegexp('private') }, { Ref: Match.stringLikeRegexp('private') }] } },
    });
  });
  test('circuit breaker with rollback, 100-200 % healthy, two tasks', () => {
    template.hasResourceProperties('AWS::ECS::Service', {
      DesiredCount: 2,
      DeploymentConfiguration: Match.objectLike({
        DeploymentCircuitBreaker: { Enable: true, Rollback: true },
        MinimumHealthyPercent: 100,
        MaximumPercent: 200,
      }),
    });
  });
  test('a created cluster has Container Insights enabled (not enhanced: CT.ECS.PR.2) and Fargate capacity providers', () => {
    template.hasResourceProperties('AWS::ECS::Cluster', { ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }] });
    template.hasResourceProperties('AWS::ECS::ClusterCapacityProviderAssociations', { CapacityProviders: Match.arrayWith(['FARGATE', 'FARGATE_SPOT']) });
  });
  test('the created VPC launches nothing with a public IP and has flow logs', () => {
    template.hasResourceProperties('AWS::EC2::Subnet', { MapPublicIpOnLaunch: false });
    template.resourcePropertiesCountIs('AWS::EC2::Subnet', { MapPublicIpOnLaunch: true }, 0);
    template.resourceCountIs('AWS::EC2::FlowLog', 1);
  });
  test('no load balancer by default (Ingress.none())', () => {
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::LoadBalancer', 0);
  });
  test('no relaxation metadata when nothing is relaxed', () => {
    const def = Object.values(template.findResources('AWS::ECS::TaskDefinition'))[0] as any;
    expect(def.Metadata?.['cdk-distroless:relaxations']).toBeUndefined();
  });
  test('no plain environment and no secrets unless given', () => {
    expect(c.Environment).toBeUndefined();
    expect(c.Secrets).toBeUndefined();
  });
  test('services in one stack share the cluster, the VPC and the log key', () => {
    const stack = newStack();
    new ecs.DistrolessService(stack, 'A', { workload: workload() });
    new ecs.DistrolessService(stack, 'B', { workload: workload() });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::ECS::Cluster', 1);
    t.resourceCountIs('AWS::EC2::VPC', 1);
    t.resourceCountIs('AWS::KMS::Key', 1);
    t.resourceCountIs('AWS::ECS::Service', 2);
  });
});

describe('DistrolessService options', () => {
  test('a one-element exec health check stays CMD (aws-ecs would make it CMD-SHELL)', () => {
    const { template } = service({ workload: workload({ healthCheck: HealthCheck.exec(['/app/server']) }) });
    expect(container(template).HealthCheck.Command).toEqual(['CMD', '/app/server']);
  });

  test('without a built-in probe there is no container health check, and a warning says why', () => {
    const { stack, template } = service({ workload: workload({}, registryImage({ probe: false })) });
    expect(container(template).HealthCheck).toBeUndefined();
    Annotations.fromStack(stack).hasWarning('/Test/Svc', Match.stringLikeRegexp('no built-in probe.*cdk-distroless:ecs-no-container-health-check'));
  });

  test('workload args, environment, CPU and memory', () => {
    const { template } = service({ workload: workload({ args: ['--serve'], environment: { MODE: 'prod' }, resources: { cpuMillicores: 1000, memoryMiB: 3000 } }) });
    const c = container(template);
    expect(c.Command).toEqual(['--serve']);
    expect(c.Environment).toEqual([{ Name: 'MODE', Value: 'prod' }]);
    expect(c.Memory).toBe(3000);
    template.hasResourceProperties('AWS::ECS::TaskDefinition', { Cpu: '1024', Memory: '3072' });
  });

  test('ARM64 workloads run on ARM64 Fargate', () => {
    const { template } = service({ workload: workload({ architecture: CpuArchitecture.ARM64 }) });
    template.hasResourceProperties('AWS::ECS::TaskDefinition', { RuntimePlatform: { CpuArchitecture: 'ARM64' } });
  });

  test('secrets come from Secrets Manager and SSM and the execution role may read them', () => {
    const stack = newStack();
    const secret = sm.Secret.fromSecretNameV2(stack, 'Db', 'db');
    const param = ssm.StringParameter.fromSecureStringParameterAttributes(stack, 'Key', { parameterName: '/app/key' });
    const { template } = service({ secrets: { DB_PASSWORD: ecs.Secret.fromSecretsManager(secret, 'password'), API_KEY: ecs.Secret.fromSsmParameter(param) } }, stack);
    const c = container(template);
    expect(c.Secrets.map((s: any) => s.Name)).toEqual(['DB_PASSWORD', 'API_KEY']);
    template.hasResourceProperties('AWS::IAM::Policy', { PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'] })]) } });
  });

  test('log retention and desired count are configurable', () => {
    const { template } = service({ logRetention: logs.RetentionDays.TWO_YEARS, desiredCount: 3 });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 731 });
    template.hasResourceProperties('AWS::ECS::Service', { DesiredCount: 3 });
  });

  test('Fargate Spot through the capacity provider strategy', () => {
    const { template } = service({ spot: true });
    template.hasResourceProperties('AWS::ECS::Service', { CapacityProviderStrategy: [{ CapacityProvider: 'FARGATE_SPOT', Weight: 1 }], LaunchType: Match.absent() });
  });

  test('a given cluster is used and none is created', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
    const cluster = new awsecs.Cluster(stack, 'Mine', { vpc, containerInsightsV2: awsecs.ContainerInsights.ENABLED });
    const { template } = service({ cluster }, stack);
    template.resourceCountIs('AWS::ECS::Cluster', 1);
    template.hasResourceProperties('AWS::ECS::Service', { Cluster: { Ref: Match.stringLikeRegexp('^Mine') } });
  });

  test('a given VPC gets a cluster of ours', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
    const { template } = service({ vpc }, stack);
    template.resourceCountIs('AWS::EC2::VPC', 1);
    template.hasResourceProperties('AWS::ECS::Cluster', { ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }] });
  });

  test('a writable root takes a reason, recorded in the template metadata', () => {
    const { template } = service({ workload: workload({ relaxations: [Relaxation.writableRootFilesystem('legacy agent writes /var/run/agent.pid (OPS-1234)')] }) });
    expect(container(template).ReadonlyRootFilesystem).toBe(false);
    template.hasResource('AWS::ECS::TaskDefinition', {
      Metadata: { 'cdk-distroless:relaxations': [{ control: 'read-only-root', reason: 'legacy agent writes /var/run/agent.pid (OPS-1234)' }] },
    });
  });

  test('SYS_PTRACE may be added back with a reason', () => {
    const { template } = service({ workload: workload({ relaxations: [Relaxation.addCapability('SYS_PTRACE', 'profiler attaches to the app in staging')] }) });
    expect(container(template).LinuxParameters.Capabilities).toEqual({ Add: ['SYS_PTRACE'], Drop: ['ALL'] });
    template.hasResource('AWS::ECS::TaskDefinition', { Metadata: { 'cdk-distroless:relaxations': [Match.objectLike({ control: 'capabilities', capability: 'SYS_PTRACE' })] } });
  });

  test('escape hatches: task definition, container and service are public', () => {
    const { svc } = service();
    expect(svc.taskDefinition).toBeInstanceOf(awsecs.FargateTaskDefinition);
    expect(svc.container).toBeInstanceOf(awsecs.ContainerDefinition);
    expect(svc.service).toBeInstanceOf(awsecs.FargateService);
  });

  test('autoscaling on CPU, memory and requests', () => {
    const stack = newStack();
    const { template } = service({
      ingress: ecs.Ingress.httpsAlb({ certificate: certificate(stack) }),
      autoScaling: { minCapacity: 2, maxCapacity: 8, memoryTargetPercent: 80, requestsPerTarget: 300 },
    }, stack);
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: 2, MaxCapacity: 8 });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', { TargetTrackingScalingPolicyConfiguration: Match.objectLike({ TargetValue: 70, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' } }) });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', { TargetTrackingScalingPolicyConfiguration: Match.objectLike({ TargetValue: 80, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageMemoryUtilization' } }) });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', { TargetTrackingScalingPolicyConfiguration: Match.objectLike({ TargetValue: 300, PredefinedMetricSpecification: Match.objectLike({ PredefinedMetricType: 'ALBRequestCountPerTarget' }) }) });
  });

  test('image policy warnings become acknowledgeable construct warnings', () => {
    const stack = newStack();
    new ecs.DistrolessService(stack, 'Svc', { workload: sourceWorkload() });
    Annotations.fromStack(stack).hasWarning('/Test/Svc', Match.stringLikeRegexp('not pinned by digest.*cdk-distroless:CDL10[12]'));
  });
});

describe('DistrolessService images', () => {
  function assetManifest(stack: Stack): any {
    const assembly = (stack.node.root as App).synth();
    return JSON.parse(fs.readFileSync(path.join(assembly.directory, `${stack.artifactId}.assets.json`), 'utf8'));
  }

  test('a source image is a Docker image asset of the staged context, built for the workload\'s platform', () => {
    const stack = newStack();
    new ecs.DistrolessService(stack, 'Svc', { workload: sourceWorkload({ architecture: CpuArchitecture.ARM64 }) });
    const images = Object.values(assetManifest(stack).dockerImages) as any[];
    expect(images).toHaveLength(1);
    expect(images[0].source.platform).toBe('linux/arm64');
    expect(images[0].source.dockerFile).toBe('Dockerfile');
    expect(images[0].source.dockerOutputs).toBeUndefined();
    const c = container(Template.fromStack(stack));
    expect(JSON.stringify(c.Image)).toContain('cdk-hnb659fds-container-assets');
  });

  test('identical images in one stack are one asset', () => {
    const stack = newStack();
    new ecs.DistrolessService(stack, 'A', { workload: sourceWorkload() });
    new ecs.DistrolessService(stack, 'B', { workload: sourceWorkload() });
    expect(Object.keys(assetManifest(stack).dockerImages)).toHaveLength(1);
  });

  test('a registry image is used by its pinned reference', () => {
    const { template } = service();
    expect(container(template).Image).toBe(`registry.example.com/app@sha256:${'a'.repeat(64)}`);
  });
});

describe('DistrolessService ingress', () => {
  test('HTTPS ALB: internet-facing, TLS 1.3/1.2 listener with the certificate, HTTP redirects to HTTPS', () => {
    const stack = newStack();
    const { template } = service({ ingress: ecs.Ingress.httpsAlb({ certificate: certificate(stack) }) }, stack);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: 'internet-facing',
      Type: 'application',
      LoadBalancerAttributes: Match.arrayWith([
        { Key: 'deletion_protection.enabled', Value: 'true' },
        { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' },
        { Key: 'access_logs.s3.enabled', Value: 'true' },
      ]),
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 443,
      Protocol: 'HTTPS',
      SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      Certificates: [{ CertificateArn: Match.stringLikeRegexp('^arn:aws:acm') }],
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 80, Protocol: 'HTTP', DefaultActions: [Match.objectLike({ Type: 'redirect', RedirectConfig: Match.objectLike({ Port: '443', Protocol: 'HTTPS' }) })],
    });
  });

  test('the target group checks HealthCheck.http over HTTP with its timing', () => {
    const stack = newStack();
    const { template } = service({ ingress: ecs.Ingress.httpsAlb({ certificate: certificate(stack) }) }, stack);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      Port: 8080,
      Protocol: 'HTTP',
      TargetType: 'ip',
      HealthCheckPath: '/healthz',
      HealthCheckProtocol: 'HTTP',
      HealthCheckIntervalSeconds: 15,
      HealthCheckTimeoutSeconds: 5,
      HealthyThresholdCount: 2,
      UnhealthyThresholdCount: 3,
      Matcher: { HttpCode: '200-399' },
    });
  });

  test('the tasks accept traffic only from the load balancer', () => {
    const stack = newStack();
    const { template } = service({ ingress: ecs.Ingress.httpsAlb({ certificate: certificate(stack) }) }, stack);
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      FromPort: 8080,
      ToPort: 8080,
      GroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SvcSecurityGroup'), 'GroupId'] },
      SourceSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SvcLoadBalancerSecurityGroup'), 'GroupId'] },
    });
  });

  test('access logs go to one TLS-only, object-locked bucket per stack', () => {
    const stack = newStack();
    new ecs.DistrolessService(stack, 'A', { workload: workload(), ingress: ecs.Ingress.httpsAlb({ certificate: certificate(stack) }) });
    new ecs.DistrolessService(stack, 'B', { workload: workload(), ingress: ecs.Ingress.nlb() });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::S3::Bucket', 1);
    t.hasResourceProperties('AWS::S3::Bucket', { ObjectLockEnabled: true, VersioningConfiguration: { Status: 'Enabled' } });
  });

  test('internal HTTPS ALB in private subnets, open to the VPC only', () => {
    const stack = newStack();
    const { template } = service({ ingress: ecs.Ingress.httpsAlb({ certificate: certificate(stack), internal: true }) }, stack);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', { Scheme: 'internal' });
    template.hasResourceProperties('AWS::EC2::SecurityGroup', { SecurityGroupIngress: Match.arrayWith([Match.objectLike({ FromPort: 443, CidrIp: { 'Fn::GetAtt': [Match.anyValue(), 'CidrBlock'] } })]) });
  });

  test('plain HTTP ALB records its reason', () => {
    const { template } = service({ ingress: ecs.Ingress.httpAlb({ reason: 'internal admin UI; TLS ends at the corporate proxy' }) });
    template.hasResource('AWS::ElasticLoadBalancingV2::LoadBalancer', { Metadata: { 'cdk-distroless:plain-http': { reason: 'internal admin UI; TLS ends at the corporate proxy' } }, Properties: Match.objectLike({ Scheme: 'internal' }) });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 80, Protocol: 'HTTP', DefaultActions: [Match.objectLike({ Type: 'forward' })] });
  });

  test('NLB: internal, TCP listener on the workload port, HTTP target check', () => {
    const { template } = service({ ingress: ecs.Ingress.nlb() });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', { Type: 'network', Scheme: 'internal' });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 8080, Protocol: 'TCP' });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', { Protocol: 'TCP', HealthCheckProtocol: 'HTTP', HealthCheckPath: '/healthz' });
  });

  test('a TCP check on an ALB checks GET / and warns', () => {
    const stack = newStack();
    const { template } = service({
      workload: workload({ healthCheck: HealthCheck.tcp() }),
      ingress: ecs.Ingress.httpsAlb({ certificate: certificate(stack) }),
    }, stack);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', { HealthCheckPath: '/', Matcher: { HttpCode: '200-499' } });
    Annotations.fromStack(stack).hasWarning('/Test/Svc', Match.stringLikeRegexp('ALB checks over HTTP'));
  });

  test('Service Connect in the namespace of the created cluster', () => {
    const { template } = service({ ingress: ecs.Ingress.none({ serviceConnectNamespace: 'internal', discoveryName: 'api' }) });
    template.hasResourceProperties('AWS::ServiceDiscovery::HttpNamespace', { Name: 'internal' });
    template.hasResourceProperties('AWS::ECS::Service', {
      ServiceConnectConfiguration: Match.objectLike({ Enabled: true, Services: [Match.objectLike({ PortName: 'port-8080', DiscoveryName: 'api' })] }),
    });
  });

  test('without a concrete region there are no access logs, and a warning says why', () => {
    const stack = new Stack(new App({ context: CONTEXT }), 'Agnostic');
    new ecs.DistrolessService(stack, 'Svc', { workload: workload(), ingress: ecs.Ingress.nlb() });
    Annotations.fromStack(stack).hasWarning('/Agnostic/Svc', Match.stringLikeRegexp('no concrete region'));
  });
});

describe('DistrolessService rejections', () => {
  test('fails if workload is not a Workload', () => {
    expect(() => service({ workload: { image: registryImage() } as any })).toThrow(/DistrolessService Test\/Svc: workload must be a Workload.*got Object/);
  });
  test('fails if ingress is not an Ingress', () => {
    expect(() => service({ ingress: 'alb' as any })).toThrow(/ingress must be one of Ingress.httpsAlb\(\).*got "alb"/);
  });
  test('fails if a load balancer has no port to send to', () => {
    const image = DistrolessImage.fromRegistry(`r.example.com/x@sha256:${'b'.repeat(64)}`, { user: { uid: 1000, gid: 1000 } });
    expect(() => service({ workload: new Workload({ image }), ingress: ecs.Ingress.nlb() })).toThrow(/ingress nlb needs a port, but the workload has none/);
  });
  test('fails if requestsPerTarget is set without an ALB', () => {
    expect(() => service({ autoScaling: { minCapacity: 1, maxCapacity: 2, requestsPerTarget: 10 } })).toThrow(/requestsPerTarget needs an ALB ingress.*got none/);
  });
  test('fails if maxCapacity is below minCapacity', () => {
    expect(() => service({ autoScaling: { minCapacity: 3, maxCapacity: 2 } })).toThrow(/maxCapacity \(2\) is below minCapacity \(3\)/);
  });
  test('fails if desiredCount is not a whole number', () => {
    expect(() => service({ desiredCount: -1 })).toThrow(/desiredCount -1 must be a whole number of at least 0/);
  });
  test('fails if minHealthyPercent is out of range', () => {
    expect(() => service({ minHealthyPercent: 150 })).toThrow(/minHealthyPercent 150 must be a whole number from 0 to 100/);
  });
  test('fails if a capability other than SYS_PTRACE is added back', () => {
    expect(() => service({ workload: workload({ relaxations: [Relaxation.addCapability('NET_BIND_SERVICE', 'listens on port 80 in the container')] }) }))
      .toThrow(/Relaxation.addCapability\("NET_BIND_SERVICE"\) is not possible on Fargate, which lets a task add back only SYS_PTRACE/);
  });
  test('fails if the image is not available for the architecture', () => {
    const image = DistrolessImage.fromRegistry(`r.example.com/x@sha256:${'b'.repeat(64)}`, { user: { uid: 1000, gid: 1000 } });
    // The workload layer refuses it before the adapter sees it.
    expect(() => service({ workload: new Workload({ image, architecture: CpuArchitecture.ARM64 }) })).toThrow(/architecture arm64 is not one the image supports/);
  });
  test('fails if the image is built for another platform than the workload runs on', () => {
    const image = DistrolessImage.fromSource(goAppDir(), { runtime: Runtime.go(), platform: CpuArchitecture.AMD64 });
    expect(() => service({ workload: new Workload({ image, architecture: CpuArchitecture.ARM64 }) })).toThrow(/architecture arm64 differs from the image's build platform amd64/);
  });
  test('fails if a secret is not an ecs.Secret', () => {
    expect(() => service({ secrets: { DB: 'plain' as any } })).toThrow(/secrets.DB must be an ecs.Secret.*got "plain"/);
  });
  test('fails if a secret is also a plain environment variable', () => {
    const stack = newStack();
    const secret = ecs.Secret.fromSecretsManager(sm.Secret.fromSecretNameV2(stack, 'S', 's'));
    expect(() => service({ workload: workload({ environment: { MODE: 'x' } }), secrets: { MODE: secret } }, stack)).toThrow(/MODE is both a plain environment variable and a secret/);
  });
  test('fails if both cluster and vpc are given', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc');
    const cluster = new awsecs.Cluster(stack, 'C', { vpc });
    expect(() => service({ cluster, vpc }, stack)).toThrow(/give either cluster or vpc, not both/);
  });
  test('fails if no Fargate size has the resources (the workload layer stops it at the largest size, 120 GiB)', () => {
    expect(() => service({ workload: workload({ resources: { cpuMillicores: 250, memoryMiB: 200_000 } }) })).toThrow(/resources.memoryMiB/);
  });
  test('fails if the health check interval is shorter than ECS allows', () => {
    const check = HealthCheck.http('/healthz', { interval: TimeSpan.seconds(3), timeout: TimeSpan.seconds(2) });
    expect(() => service({ workload: workload({ healthCheck: check }) })).toThrow(/health check interval 3 seconds is outside what ECS accepts \(5 to 300 seconds\)/);
  });
  test('fails at synth if the health check became CMD-SHELL through an escape hatch', () => {
    const stack = newStack();
    const svc = new ecs.DistrolessService(stack, 'Svc', { workload: workload() });
    (svc.taskDefinition.node.defaultChild as awsecs.CfnTaskDefinition).containerDefinitions = [{ name: 'app', image: 'x', healthCheck: { command: ['CMD-SHELL', 'curl -f localhost'] } }];
    expect(() => Template.fromStack(stack)).toThrow(/container app has the health check \["CMD-SHELL","curl -f localhost"\], which needs a shell/);
  });
  test('fails if a health check would start a shell (refused by HealthCheck.exec)', () => {
    expect(() => HealthCheck.exec(['/bin/sh', '-c', 'curl localhost'])).toThrow(/starts the shell/);
  });
});

describe('Ingress rejections', () => {
  test('fails if httpsAlb has no certificate', () => {
    expect(() => ecs.Ingress.httpsAlb({} as any)).toThrow(/Ingress.httpsAlb: options.certificate is required/);
  });
  test('fails if httpAlb has no reason', () => {
    expect(() => ecs.Ingress.httpAlb({ reason: 'because' })).toThrow(/Ingress.httpAlb: a plain HTTP load balancer needs a reason of at least 10 characters, got "because"/);
  });
  test('fails if nlb port is not a port', () => {
    expect(() => ecs.Ingress.nlb({ port: 70000 })).toThrow(/Ingress.nlb: port 70000 is not a port/);
  });
  test('fails if the Service Connect namespace is not a name', () => {
    expect(() => ecs.Ingress.none({ serviceConnectNamespace: 'bad name' })).toThrow(/serviceConnectNamespace "bad name" is not a Cloud Map namespace name/);
  });
});


describe('DistrolessService with a user-written Dockerfile and acknowledged warnings', () => {
  test('a Dockerfile that passes the policy becomes an asset of its staged context', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdl-ecs-dockerfile-'));
    fs.writeFileSync(path.join(dir, 'Dockerfile'), [
      'FROM golang:1.25-trixie AS build',
      'WORKDIR /src',
      'COPY . .',
      'RUN CGO_ENABLED=0 go build -o /out/app .',
      'FROM gcr.io/distroless/static-debian13:nonroot',
      'COPY --from=build /out/app /app/app',
      'USER 65532:65532',
      'ENTRYPOINT ["/app/app"]',
      '',
    ].join('\n'));
    fs.writeFileSync(path.join(dir, 'main.go'), 'package main\n\nfunc main() {}\n');
    const stack = newStack();
    new ecs.DistrolessService(stack, 'Svc', { workload: new Workload({ image: DistrolessImage.fromDockerfile(dir) }) });
    const c = container(Template.fromStack(stack));
    expect(c.User).toBe('65532:65532');
    expect(JSON.stringify(c.Image)).toContain('container-assets');
  });

  test('policy warnings can be acknowledged by id', () => {
    const stack = newStack();
    new ecs.DistrolessService(stack, 'Svc', { workload: sourceWorkload() });
    CoreAnnotations.of(stack).acknowledgeWarning('cdk-distroless:CDL101', 'base pinned by the platform team\'s mirror');
    CoreAnnotations.of(stack).acknowledgeWarning('cdk-distroless:CDL102', 'builder pinned by the platform team\'s mirror');
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('not pinned by digest'));
  });
});

test('only lib/ecs imports aws-cdk-lib', () => {
  const libDir = path.join(__dirname, '..', '..', 'lib');
  const offenders: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) { walk(p); continue; }
      if (!entry.name.endsWith('.ts') || entry.name.endsWith('.d.ts')) { continue; }
      const rel = path.relative(libDir, p);
      if (/from 'aws-cdk-lib/.test(fs.readFileSync(p, 'utf8')) && !rel.startsWith(`ecs${path.sep}`)) { offenders.push(rel); }
    }
  };
  walk(libDir);
  expect(offenders).toEqual([]);
});
