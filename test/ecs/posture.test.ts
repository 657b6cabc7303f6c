import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Aspects, NestedStack, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as patterns from 'aws-cdk-lib/aws-ecs-patterns';
import { PostureAspect, PostureSuppressions, PostureValidator, PostureValidatorBeta1 } from '../../lib/ecs';
import { Relaxation } from '../../lib/workload';

const dirs: string[] = [];
afterAll(() => dirs.forEach(d => fs.rmSync(d, { recursive: true, force: true })));
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'cdl-ecs-posture-'));
  dirs.push(d);
  return d;
}

const DIGEST = `sha256:${'ab'.repeat(32)}`;

function stockApp(image: ecs.ContainerImage = ecs.ContainerImage.fromRegistry('nginx')) {
  const app = new App({ outdir: tmp() });
  const stack = new Stack(app, 'Adopt');
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
  const service = new patterns.ApplicationLoadBalancedFargateService(stack, 'Web', { vpc, taskImageOptions: { image } });
  return { app, stack, service };
}

/** Runs the plugin on the synthesized templates without failing synth. */
function validate(app: App, plugin = new PostureValidator()) {
  const assembly = app.synth();
  return plugin.validate({ templatePaths: assembly.stacks.map(s => s.templateFullPath) });
}

describe('PostureValidator', () => {
  test('a stock ApplicationLoadBalancedFargateService: read-only root, user, capabilities and the latest image are reported', () => {
    const { app } = stockApp();
    const report = validate(app);
    expect(report.success).toBe(false);
    expect(report.violations.map(v => [v.ruleName, v.severity])).toEqual([
      ['CDP002', 'error'], ['CDP003', 'error'], ['CDP006', 'error'], ['CDP021', 'error'],
    ]);
    const ro = report.violations[0];
    expect(ro.violatingResources).toEqual([{ resourceLogicalId: expect.stringMatching(/^WebTaskDef/), templatePath: expect.stringMatching(/Adopt\.template\.json$/), locations: ['Properties/ContainerDefinitions/0/ReadonlyRootFilesystem'] }]);
    expect(ro.description).toMatch(/container "web" has ReadonlyRootFilesystem unset/);
    expect(ro.fix).toMatch(/readonlyRootFilesystem: true/);
    expect(report.metadata).toMatchObject({ workloads: '2', errors: '4', warnings: '0' });
  });

  /** Synthesizes; the CDK reports a failed validation on stderr and through the process exit code, which the test restores. */
  function synthFails(app: App): boolean {
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const before = process.exitCode;
    try {
      app.synth();
      return process.exitCode === 1 && errors.mock.calls.some(c => /Validation failed/.test(String(c[0])));
    } finally {
      process.exitCode = before;
      errors.mockRestore();
    }
  }

  test('fails synth through Validations.of(app).addPlugins, naming the construct path', () => {
    const { app } = stockApp();
    Validations.of(app).addPlugins(new PostureValidator());
    expect(synthFails(app)).toBe(true);
    const json = JSON.parse(fs.readFileSync(path.join(app.outdir, 'policy-validation-report.json'), 'utf8'));
    type Violation = { violatingConstructs: Array<{ constructPath: string }> };
    const constructs = json.pluginReports[0].violations.flatMap((v: Violation) => v.violatingConstructs.map(c => c.constructPath));
    expect(new Set(constructs)).toEqual(new Set(['Adopt/Web/TaskDef/Resource']));
  });

  test('the same app hardened by hand passes synth with the plugin', () => {
    const app = new App({ outdir: tmp() });
    const stack = new Stack(app, 'Fixed');
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const taskDefinition = new ecs.FargateTaskDefinition(stack, 'Task');
    const linuxParameters = new ecs.LinuxParameters(stack, 'Linux');
    linuxParameters.dropCapabilities(ecs.Capability.ALL);
    taskDefinition.addContainer('web', {
      image: ecs.ContainerImage.fromRegistry(`public.ecr.aws/nginx/nginx-unprivileged:1.27@${DIGEST}`),
      readonlyRootFilesystem: true,
      user: '101:101',
      linuxParameters,
      portMappings: [{ containerPort: 8080 }],
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'web' }),
    });
    new patterns.ApplicationLoadBalancedFargateService(stack, 'Web', { vpc, taskDefinition });
    Validations.of(app).addPlugins(new PostureValidator());
    expect(synthFails(app)).toBe(false);
  });

  test('Validations.acknowledge on the app acknowledges a rule as cdk-distroless-posture::<id>', () => {
    const { app } = stockApp();
    Validations.of(app).addPlugins(new PostureValidator());
    Validations.of(app).acknowledge(...['CDP002', 'CDP003', 'CDP006', 'CDP021'].map(id => ({ id: `cdk-distroless-posture::${id}`, reason: 'adopting one rule at a time' })));
    expect(synthFails(app)).toBe(false);
  });

  test('warnings do not fail unless failOnWarnings', () => {
    const { app } = stockApp(ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27'));
    PostureSuppressions.add(app.node.findChild('Adopt').node.findChild('Web'), [
      { ruleId: 'CDP002', reason: 'nginx writes its cache; migration tracked in WEB-12' },
      { ruleId: 'CDP003', reason: 'nginx master process needs root; WEB-13' },
      { ruleId: 'CDP006', reason: 'capabilities reviewed in WEB-14' },
    ]);
    expect(validate(app).success).toBe(true);
    expect(validate(app, new PostureValidator({ failOnWarnings: true })).success).toBe(false);
  });

  test('PostureValidatorBeta1 works with new App({ policyValidationBeta1 })', () => {
    jest.spyOn(console, 'warn').mockImplementationOnce(() => undefined); // the CDK's deprecation notice for policyValidationBeta1
    const app = new App({ outdir: tmp(), policyValidationBeta1: [new PostureValidatorBeta1()] });
    const stack = new Stack(app, 'Adopt');
    new patterns.ApplicationLoadBalancedFargateService(stack, 'Web', { vpc: new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 }), taskImageOptions: { image: ecs.ContainerImage.fromRegistry('nginx') } });
    expect(synthFails(app)).toBe(true);
  });

  test('a Docker image asset: its Dockerfile is linted (CDP022 with the CDL findings)', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM node:20\nCOPY . /app\nCMD ["node", "/app/index.js"]\n');
    const { app } = stockApp(ecs.ContainerImage.fromAsset(dir));
    const report = validate(app);
    const lint = report.violations.find(v => v.ruleName === 'CDP022')!;
    expect(lint.description).toMatch(/asset\.[0-9a-f]{64}\/Dockerfile, which fails the Dockerfile policy: CDL003 line 1/);
    expect(report.violations.some(v => v.ruleName === 'CDP021')).toBe(false);
  });

  test('fails if a global suppression has no reason', () => {
    expect(() => new PostureValidator({ suppressions: [{ ruleId: 'CDP002', reason: '' }] })).toThrow(/has no reason/);
  });
});

describe('PostureSuppressions', () => {
  test('add writes the suppressions as metadata on the task definition and service, and the validator honours them', () => {
    const { app, stack, service } = stockApp();
    PostureSuppressions.add(service, [{ ruleId: 'CDP021', reason: 'stock image during the migration (WEB-1)' }]);
    Template.fromStack(stack).hasResource('AWS::ECS::TaskDefinition', {
      Metadata: Match.objectLike({ 'cdk-distroless:suppressions': [{ id: 'CDP021', reason: 'stock image during the migration (WEB-1)' }] }),
    });
    Template.fromStack(stack).hasResource('AWS::ECS::Service', { Metadata: Match.objectLike({ 'cdk-distroless:suppressions': Match.anyValue() }) });
    expect(validate(app).violations.map(v => v.ruleName)).toEqual(['CDP002', 'CDP003', 'CDP006']);
  });

  test('recordRelaxation writes cdk-distroless:relaxations and the matching rule accepts it', () => {
    const { app, stack, service } = stockApp();
    PostureSuppressions.recordRelaxation(service.taskDefinition, Relaxation.writableRootFilesystem('nginx writes /var/cache/nginx (WEB-7)'), 'web');
    Template.fromStack(stack).hasResource('AWS::ECS::TaskDefinition', {
      Metadata: Match.objectLike({ 'cdk-distroless:relaxations': [{ control: 'read-only-root', reason: 'nginx writes /var/cache/nginx (WEB-7)', container: 'web' }] }),
    });
    expect(validate(app).violations.map(v => v.ruleName)).not.toContain('CDP002');
  });

  test('fails if a suppression has no reason or names an unknown rule', () => {
    const { service } = stockApp();
    expect(() => PostureSuppressions.add(service, [{ ruleId: 'CDP002', reason: ' ' }])).toThrow(/PostureSuppressions.add\(Adopt\/Web\): the suppression of CDP002 has no reason/);
    expect(() => PostureSuppressions.add(service, [{ ruleId: 'CDL101', reason: 'x' }])).toThrow(/"CDL101", which is not a rule that can be suppressed/);
  });

  test('fails if the construct holds no ECS task definition or service', () => {
    const { stack } = stockApp();
    expect(() => PostureSuppressions.add(stack.node.findChild('Vpc'), [{ ruleId: 'CDP002', reason: 'why not' }])).toThrow(/Adopt\/Vpc holds no ECS task definition or service/);
  });
});

describe('PostureAspect', () => {
  test('reports errors on the CfnTaskDefinition at synth', () => {
    const { app, stack } = stockApp();
    Aspects.of(app).add(new PostureAspect());
    app.synth();
    const errors = Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('CDP0'));
    expect(errors.map(e => e.id)).toEqual(['/Adopt/Web/TaskDef/Resource', '/Adopt/Web/TaskDef/Resource', '/Adopt/Web/TaskDef/Resource', '/Adopt/Web/TaskDef/Resource']);
    expect(errors.map(e => String(e.entry.data).slice(0, 8)).sort()).toEqual(['[CDP002]', '[CDP003]', '[CDP006]', '[CDP021]']);
  });

  test('warnOnly turns errors into acknowledgeable warnings', () => {
    const { app, stack } = stockApp();
    Aspects.of(app).add(new PostureAspect({ warnOnly: true }));
    app.synth();
    expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
    Annotations.fromStack(stack).hasWarning('/Adopt/Web/TaskDef/Resource', Match.stringLikeRegexp('\\[CDP002\\] container "web" has ReadonlyRootFilesystem unset'));
  });
});

describe('nested stacks', () => {
  test('the validator and the CLI check nested stack templates too', () => {
    const app = new App({ outdir: tmp() });
    const stack = new Stack(app, 'Parent');
    const nested = new NestedStack(stack, 'Services');
    const task = new ecs.FargateTaskDefinition(nested, 'Task');
    task.addContainer('app', { image: ecs.ContainerImage.fromRegistry('nginx'), logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'app' }) });
    const report = validate(app);
    expect(report.violations.map(v => v.ruleName)).toEqual(['CDP002', 'CDP003', 'CDP006', 'CDP021']);
    expect(report.violations[0].violatingResources[0].templatePath).toMatch(/\.nested\.template\.json$/);
  });
});
