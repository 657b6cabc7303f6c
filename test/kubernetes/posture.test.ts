import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Testing, Yaml } from 'cdk8s';
import * as kplus from 'cdk8s-plus-34';
import { IPostureValidationContext, KubernetesPosture, PostureValidation, PostureValidationViolation } from '../../lib/kubernetes';
import { Relaxation } from '../../lib/workload';
import { ids } from '../posture/fixtures';

const DIGEST = `sha256:${'ab'.repeat(32)}`;

function stockChart(): Chart {
  const chart = Testing.chart();
  new kplus.Deployment(chart, 'Web', { containers: [{ image: 'nginx', portNumber: 8080 }] });
  return chart;
}

function fixedChart(): Chart {
  const chart = Testing.chart();
  const dep = new kplus.Deployment(chart, 'Web', {
    securityContext: { user: 65532, group: 65532, ensureNonRoot: true },
    containers: [{
      image: `registry.example.com/web:1.0.0@${DIGEST}`,
      portNumber: 8080,
      securityContext: {
        user: 65532,
        group: 65532,
        capabilities: { drop: [kplus.Capability.ALL] },
        seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
      },
    }],
  });
  dep.containers[0].mount('/tmp', kplus.Volume.fromEmptyDir(chart, 'Tmp', 'tmp'));
  return chart;
}

describe('KubernetesPosture.check', () => {
  test('a stock cdk8s-plus Deployment: what its defaults miss (capabilities, seccomp, user, image) is reported with the construct path', () => {
    const report = KubernetesPosture.check(stockChart());
    expect(ids(report)).toEqual(['CDP006', 'CDP007', 'CDP021', 'CDP101']);
    for (const f of report.findings) {
      expect(f.constructPath).toBe('test/Web/Resource');
      expect(f.resource).toMatch(/^Deployment\/test-web-c8\w+$/);
    }
  });

  test('the same Deployment hardened by hand: zero findings', () => {
    const report = KubernetesPosture.check(fixedChart());
    expect(report.findings).toEqual([]);
    expect(report.workloadCount).toBe(1);
    expect(() => KubernetesPosture.assertCompliant(fixedChart())).not.toThrow();
  });

  test('assertCompliant throws with every finding and its fix', () => {
    expect(() => KubernetesPosture.assertCompliant(stockChart())).toThrow(/Posture check of test failed:\n[\s\S]*CDP006[\s\S]*fix: Set `securityContext.capabilities.drop: \['ALL'\]`/);
  });

  test('raw ApiObjects and a whole App are checked; suppression by annotation with a reason', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'raw');
    new ApiObject(chart, 'Pod', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'debug', annotations: { 'cdk-distroless.io/suppress.CDP008': 'debug pod for the network team (NET-3)' } },
      spec: { hostNetwork: true, containers: [{ name: 'c', image: 'busybox' }] },
    });
    const report = KubernetesPosture.check(app);
    const hostNet = report.findings.find(f => f.ruleId === 'CDP008')!;
    expect(hostNet).toMatchObject({ suppressed: true, suppressionReason: 'debug pod for the network team (NET-3)', constructPath: 'raw/Pod' });
  });

  test('global suppressions with a reason', () => {
    const report = KubernetesPosture.check(stockChart(), { suppressions: [{ ruleId: 'CDP021', reason: 'stock image during the migration' }] });
    expect(ids(report)).toEqual(['CDP006', 'CDP007', 'CDP101']);
  });
});

describe('PostureValidation (cdk8s CLI plugin)', () => {
  /** A stand-in for cdk8s-cli's ValidationContext, with the same shape. */
  function context(manifests: string[]) {
    const violations: PostureValidationViolation[] = [];
    let status: string | undefined;
    let metadata: Record<string, string> | undefined;
    const ctx: IPostureValidationContext = {
      manifests,
      report: {
        addViolation: v => { violations.push(v); },
        submit: (s, m) => { status = s; metadata = m; },
      },
    };
    return { ctx, violations, result: () => ({ status, metadata }) };
  }

  function synthTo(chart: Chart): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdl-k8s-'));
    const file = path.join(dir, 'app.k8s.yaml');
    fs.writeFileSync(file, Yaml.stringify(...chart.toJson()));
    return file;
  }

  test('reports each rule with the objects, locations and manifest; fails on errors', async () => {
    const file = synthTo(stockChart());
    const { ctx, violations, result } = context([file]);
    await new PostureValidation().validate(ctx);
    expect(result()).toEqual({ status: 'failure', metadata: { workloads: '1', errors: '3', warnings: '1' } });
    expect(violations.map(v => v.ruleName)).toEqual([
      'CDP006 Containers must drop all capabilities (error)',
      'CDP007 Containers must run with the RuntimeDefault or a Localhost seccomp profile (error)',
      'CDP021 Images must name a version: a tag other than latest, or a digest (error)',
      'CDP101 Set the user explicitly, as a numeric uid (warning)',
    ]);
    expect(violations[0].violatingResources).toEqual([{ resourceName: expect.stringMatching(/^Deployment\//), locations: ['spec.template.spec.containers[0].securityContext'], manifestPath: file }]);
    expect(violations[0].recommendation).toMatch(/does not drop ALL capabilities/);
  });

  test('succeeds on the hardened chart; properties from cdk8s.yaml are honoured', async () => {
    const ok = context([synthTo(fixedChart())]);
    await new PostureValidation().validate(ok.ctx);
    expect(ok.result().status).toBe('success');
    expect(ok.violations).toEqual([]);

    const warnOnly = context([synthTo(stockChart())]);
    await new PostureValidation({ suppressions: ['CDP006', 'CDP007', 'CDP021'].map(ruleId => ({ ruleId, reason: 'migration in progress' })) }).validate(warnOnly.ctx);
    expect(warnOnly.result().status).toBe('success');
    const strict = context([synthTo(stockChart())]);
    await new PostureValidation({ failOnWarnings: true, suppressions: ['CDP006', 'CDP007', 'CDP021'].map(ruleId => ({ ruleId, reason: 'migration in progress' })) }).validate(strict.ctx);
    expect(strict.result().status).toBe('failure');
  });

  test('a manifest that does not parse is a violation, not a crash', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdl-k8s-'));
    fs.writeFileSync(path.join(dir, 'bad.yaml'), 'kind: [\n');
    const { ctx, violations, result } = context([path.join(dir, 'bad.yaml')]);
    await new PostureValidation().validate(ctx);
    expect(result().status).toBe('failure');
    expect(violations[0].ruleName).toMatch(/^CDP001/);
  });

  test('is loadable the way cdk8s-cli loads plugins: a class export of the module file, constructed with the properties', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require('../../lib/kubernetes/posture-validation');
    const plugin = new mod.PostureValidation({ suppressions: [] });
    expect(typeof plugin.validate).toBe('function');
  });
});

test('App is importable for whole-app checks', () => {
  expect(KubernetesPosture.check(new App()).findings).toEqual([]);
});

describe('KubernetesPosture.suppress and recordRelaxation', () => {
  test('suppress annotates the object; the check honours it with the reason', () => {
    const chart = stockChart();
    KubernetesPosture.suppress(chart.node.findChild('Web'), [{ ruleId: 'CDP021', reason: 'stock image until the migration (WEB-1)' }]);
    const manifest = Testing.synth(chart)[0];
    expect(manifest.metadata.annotations).toEqual({ 'cdk-distroless.io/suppress.CDP021': 'stock image until the migration (WEB-1)' });
    const f = KubernetesPosture.check(chart).findings.find(x => x.ruleId === 'CDP021')!;
    expect(f).toMatchObject({ suppressed: true, suppressionReason: 'stock image until the migration (WEB-1)' });
  });

  test('recordRelaxation writes the relaxations annotation (appending) and the matching rule accepts it', () => {
    const chart = Testing.chart();
    const dep = new kplus.Deployment(chart, 'Web', {
      containers: [{ image: `registry.example.com/web:1.0.0@${DIGEST}`, securityContext: { readOnlyRootFilesystem: false, user: 65532, capabilities: { drop: [kplus.Capability.ALL], add: [kplus.Capability.SYS_TIME] }, seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT } } }],
    });
    KubernetesPosture.recordRelaxation(dep, Relaxation.writableRootFilesystem('legacy agent writes /var/run (OPS-1234)'), 'main');
    KubernetesPosture.recordRelaxation(dep, Relaxation.addCapability('SYS_TIME', 'NTP client sets the clock (OPS-9)'));
    const annotation = Testing.synth(chart)[0].metadata.annotations['cdk-distroless.io/relaxations'];
    expect(JSON.parse(annotation)).toEqual([
      { control: 'read-only-root', reason: 'legacy agent writes /var/run (OPS-1234)', container: 'main' },
      { control: 'capabilities', reason: 'NTP client sets the clock (OPS-9)', capability: 'SYS_TIME' },
    ]);
    const report = KubernetesPosture.check(chart);
    expect(report.errorCount).toBe(0);
    expect(report.findings.filter(f => f.suppressed).map(f => f.suppressionReason)).toEqual([
      'relaxation read-only-root: legacy agent writes /var/run (OPS-1234)',
      'relaxation capabilities (SYS_TIME): NTP client sets the clock (OPS-9)',
    ]);
  });

  test('fails if the suppression has no reason, or the construct is no API object', () => {
    const chart = stockChart();
    expect(() => KubernetesPosture.suppress(chart.node.findChild('Web'), [{ ruleId: 'CDP021', reason: '' }])).toThrow(/KubernetesPosture.suppress\(test\/Web\): the suppression of CDP021 has no reason/);
    expect(() => KubernetesPosture.suppress(chart, [{ ruleId: 'CDP021', reason: 'x' }])).toThrow(/test is not an API object/);
  });
});
