// AWS's own controls on every variant and example: AWS Control Tower's proactive controls through
// cfn-guard (offline) and cdk-nag's AwsSolutions pack. No test stack acknowledges anything itself.
import * as fs from 'fs';
import * as path from 'path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, aws_certificatemanager as acm, aws_scheduler as scheduler, Duration, Stack } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { CONTEXT, ENV, workload } from './util';
import { ECS_EXAMPLES, EXAMPLE_CONTEXT } from '../../examples/ecs/app';
import { CONTROLS_NOT_COVERED } from '../../examples/ecs/controls';
import { CpuArchitecture, ecs, Relaxation } from '../../lib';

const RULES_DIR = path.join(path.dirname(require.resolve('@cdklabs/cdk-validator-cfnguard/package.json')), 'rules', 'control-tower', 'cfn-guard');

/** Top-level rule names of the CT.ECS.PR.1-12 guard files. */
const ECS_RULES = fs.readdirSync(path.join(RULES_DIR, 'ecs')).flatMap(f =>
  [...fs.readFileSync(path.join(RULES_DIR, 'ecs', f), 'utf8').matchAll(/^rule (\w+) when is_cfn_template/gm)].map(m => m[1]));

function certificate(stack: Stack) {
  return acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:eu-west-1:111111111111:certificate/00000000-0000-4000-8000-000000000000');
}

const VARIANTS: { [name: string]: (stack: Stack) => void } = {
  'default service': s => { new ecs.DistrolessService(s, 'Svc', { workload: workload() }); },
  'public HTTPS ALB': s => { new ecs.DistrolessService(s, 'Svc', { workload: workload({ environment: { MODE: 'prod' } }), ingress: ecs.Ingress.httpsAlb({ certificate: certificate(s) }) }); },
  'internal HTTPS ALB with autoscaling': s => {
    new ecs.DistrolessService(s, 'Svc', { workload: workload(), ingress: ecs.Ingress.httpsAlb({ certificate: certificate(s), internal: true }), autoScaling: { minCapacity: 2, maxCapacity: 4, requestsPerTarget: 100, memoryTargetPercent: 75 } });
  },
  'internal HTTP ALB': s => { new ecs.DistrolessService(s, 'Svc', { workload: workload(), ingress: ecs.Ingress.httpAlb({ reason: 'TLS ends at the corporate proxy in front of the VPC' }) }); },
  'public NLB': s => { new ecs.DistrolessService(s, 'Svc', { workload: workload(), ingress: ecs.Ingress.nlb({ internal: false }) }); },
  'Service Connect on ARM64 Spot': s => {
    new ecs.DistrolessService(s, 'Svc', { workload: workload({ architecture: CpuArchitecture.ARM64 }), spot: true, ingress: ecs.Ingress.none({ serviceConnectNamespace: 'internal' }) });
  },
  'one-off job': s => { new ecs.DistrolessJob(s, 'Job', { workload: workload() }); },
  'scheduled job': s => { new ecs.DistrolessJob(s, 'Job', { workload: workload(), schedule: scheduler.ScheduleExpression.rate(Duration.hours(1)) }); },
};

function synthesize(make: (app: App) => void): { app: App; templates: string[] } {
  const app = new App({ context: { ...CONTEXT, ...EXAMPLE_CONTEXT } });
  make(app);
  const assembly = app.synth();
  return { app, templates: assembly.stacks.map(s => path.join(assembly.directory, s.templateFile)) };
}

function guardViolations(templates: string[]): Array<{ rule: string; paths: string[] }> {
  const report = new CfnGuardValidator().validate({ templatePaths: templates });
  return report.violations.map(v => ({ rule: v.ruleName, paths: v.violatingResources.map(r => `${r.templatePath}:${r.resourceLogicalId}`) }));
}

const cases: Array<[string, (app: App) => void]> = [
  ...Object.entries(VARIANTS).map(([name, make]): [string, (app: App) => void] => [name, app => make(new Stack(app, 'Variant', { env: ENV }))]),
  ...Object.entries(ECS_EXAMPLES).map(([name, make]): [string, (app: App) => void] => [`example ${name}`, make]),
];

describe.each(cases)('%s', (_name, make) => {
  const { app, templates } = synthesize(make);
  // cfn-guard runs once per case; both control tests read its report.
  let violations: Array<{ rule: string; paths: string[] }> | undefined;
  const guardViolationsOnce = () => (violations ??= guardViolations(templates));

  test('every CT.ECS.PR.1-12 control passes', () => {
    expect(ECS_RULES.length).toBeGreaterThanOrEqual(12);
    const failed = guardViolationsOnce().filter(v => ECS_RULES.includes(v.rule));
    expect(failed).toEqual([]);
  });

  test('every other Control Tower control passes, or is listed in README as not covered', () => {
    const documented = CONTROLS_NOT_COVERED
      .filter(c => c.always || (_name === 'public NLB' && c.resource.startsWith('Ingress.nlb')) || (_name === 'internal HTTP ALB' && c.resource.startsWith('Ingress.httpAlb')))
      .map(c => c.rule);
    const failed = guardViolationsOnce().filter(v => !documented.includes(v.rule));
    expect(failed).toEqual([]);
  });

  test('cdk-nag AwsSolutions: zero unacknowledged findings, and the user acknowledged nothing', () => {
    const report = new AwsSolutionsChecks(app).validateScope(app);
    expect(report.violations.map(v => `${v.ruleName} ${v.violatingResources.map(r => r.constructPath).join(',')}`)).toEqual([]);
  });
});

test('the guard rules do run: a writable root fails the read-only control', () => {
  const { templates } = synthesize(app => {
    const stack = new Stack(app, 'Relaxed', { env: ENV });
    new ecs.DistrolessService(stack, 'Svc', { workload: workload({ relaxations: [Relaxation.writableRootFilesystem('legacy agent writes its pid file under /var/run')] }) });
  });
  expect(guardViolations(templates).map(v => v.rule)).toContain('ecs_containers_readonly_access_check');
});

test('every acknowledgement our constructs make names a rule and gives a specific reason', () => {
  const { app } = synthesize(a => {
    VARIANTS['public HTTPS ALB'](new Stack(a, 'A', { env: ENV }));
    VARIANTS['scheduled job'](new Stack(a, 'B', { env: ENV }));
  });
  const acknowledged: { [id: string]: string } = {};
  for (const c of app.node.findAll()) {
    for (const m of c.node.metadata.filter(e => e.type === 'aws:cdk:acknowledged-rules')) { Object.assign(acknowledged, m.data); }
  }
  // An id with '::' inside (cdk-nag's finding suffix) is stored without the 'annotation::' prefix.
  expect(Object.keys(acknowledged).sort()).toEqual([
    'AwsSolutions-IAM5[Resource::*]', 'annotation::AwsSolutions-EC23', 'annotation::AwsSolutions-ECS2',
    'annotation::AwsSolutions-S1', 'annotation::AwsSolutions-SQS3',
  ]);
  for (const reason of Object.values(acknowledged)) { expect(reason.length).toBeGreaterThan(60); }
});
