import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Validations } from 'aws-cdk-lib';
import { Yaml } from 'cdk8s';
import { EXAMPLES } from '../examples';
import { runCli } from './cli/harness';
import { fixedEcsApp, stockEcsApp } from '../examples/adoption/ecs-app';
import { fixedChart, stockChart } from '../examples/adoption/k8s-app';
import { PostureValidator } from '../lib/ecs';
import { KubernetesPosture } from '../lib/kubernetes';
import { PostureCheck } from '../lib/posture';

const dirs: string[] = [];
afterAll(() => dirs.forEach(d => fs.rmSync(d, { recursive: true, force: true })));
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'cdl-adoption-'));
  dirs.push(d);
  return d;
}

function ruleIds(report: { findings: Array<{ ruleId: string; suppressed: boolean }> }): string[] {
  return report.findings.filter(f => !f.suppressed).map(f => f.ruleId);
}

describe('adoption example: an app that uses none of our constructs', () => {
  describe('ECS: a stock ApplicationLoadBalancedFargateService', () => {
    test('gets four errors: read-only root, user, capabilities, latest image', () => {
      const outdir = tmp();
      stockEcsApp(outdir).synth();
      const report = new PostureCheck().checkPath(outdir);
      expect(ruleIds(report)).toEqual(['CDP002', 'CDP003', 'CDP006', 'CDP021']);
      expect(report.workloadCount).toBe(2);
      const cli = runCli(['check', outdir]);
      expect(cli.code).toBe(1);
      expect(cli.stdout).toMatch(/FAIL: 1 input checked, 4 errors, 0 warnings, 0 suppressed\./);
    });

    test('fixed by hand: zero findings, and synth passes with the validation plugin', () => {
      const outdir = tmp();
      const app = fixedEcsApp(outdir);
      Validations.of(app).addPlugins(new PostureValidator());
      const before = process.exitCode;
      const report = jest.spyOn(console, 'error').mockImplementation(() => undefined);
      app.synth();
      report.mockRestore();
      expect(process.exitCode).toBe(before);
      expect(new PostureCheck().checkPath(outdir).findings).toEqual([]);
      expect(runCli(['check', outdir]).code).toBe(0);
    });
  });

  describe('Kubernetes: a stock cdk8s-plus Deployment', () => {
    test('gets what cdk8s-plus defaults miss: capabilities, seccomp, latest image, and a warning for the implicit user', () => {
      expect(ruleIds(KubernetesPosture.check(stockChart()))).toEqual(['CDP006', 'CDP007', 'CDP021', 'CDP101']);
      const file = path.join(tmp(), 'shop.k8s.yaml');
      fs.writeFileSync(file, Yaml.stringify(...stockChart().toJson()));
      expect(runCli(['check', file]).stdout).toMatch(/FAIL: 1 input checked, 3 errors, 1 warning, 0 suppressed\./);
    });

    test('fixed by hand: zero findings, in the chart and in the synthesized manifest', () => {
      expect(KubernetesPosture.check(fixedChart()).findings).toEqual([]);
      const file = path.join(tmp(), 'shop.k8s.yaml');
      fs.writeFileSync(file, Yaml.stringify(...fixedChart().toJson()));
      const cli = runCli(['check', file]);
      expect(cli.stdout).toBe('1 workload checked: no findings\nPASS: 1 input checked, 0 errors, 0 warnings, 0 suppressed.\n');
    });
  });

  test('is kept out of `npm run examples`, which holds only apps meant to pass', () => {
    expect(EXAMPLES.map(e => e.name)).not.toContain('adoption');
  });
});

describe('every example of the project: zero posture findings', () => {
  test.each(EXAMPLES.map(e => [e.name, e] as const))('%s', (_name, example) => {
    const dir = tmp();
    const written = example.synth(dir);
    const deployable = written.filter(f => /\.(json|ya?ml)$/.test(f) && !f.endsWith('.assets.json'));
    const report = PostureCheck.merge(deployable.map(f => new PostureCheck().checkPath(f)));
    // The one thing an example cannot do offline is pin its bases by digest (no registry to read them from):
    // CDP104 restating the Dockerfile's CDL101/CDL102 digest warnings is the only finding allowed.
    const digestOnly = (f: { ruleId: string; message: string }) => f.ruleId === 'CDP104'
      && [...f.message.matchAll(/\b(CDL\d{3}) line/g)].every(m => m[1] === 'CDL101' || m[1] === 'CDL102');
    expect(report.findings.filter(f => !digestOnly(f))).toEqual([]);
  });
});
