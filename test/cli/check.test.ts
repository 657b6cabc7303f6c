/* eslint-disable @typescript-eslint/no-explicit-any */
import * as fs from 'fs';
import * as path from 'path';
import { stringify } from 'yaml';
import { cleanupTempDirs, runCli, withFiles } from './harness';
import { sarifSchemaValidator } from './sarif-schema';
import { PostureCheck } from '../../lib/posture';
import { compliantPodSpec, compliantTemplate, container, deployment } from '../posture/fixtures';

afterAll(cleanupTempDirs);

const validate = sarifSchemaValidator();
const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));

function bad(): any {
  const spec = compliantPodSpec();
  spec.hostNetwork = true;
  spec.containers[0].image = 'registry.example.com/app:1.0.0';
  return deployment(spec);
}

const BAD_YAML = `${stringify(deployment())}---\n${stringify(bad())}`;

describe('cdk-distroless check', () => {
  test('text: findings with file:line:column, rule, resource, fix; exit 1 on errors', () => {
    const cwd = withFiles({ 'k8s/app.yaml': BAD_YAML });
    const { code, stdout, stderr } = runCli(['check', 'k8s/app.yaml'], { cwd });
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(stdout).toMatch(/^k8s\/app\.yaml:\d+:\d+ {2}error {2}CDP008 {2}Deployment\/x: the pod has hostNetwork true/m);
    expect(stdout).toMatch(/warning {2}CDP102/);
    expect(stdout).toMatch(/FAIL: 1 input checked, 1 error, 1 warning, 0 suppressed\.\n$/);
  });

  test('exit 0 when only warnings remain; --suppress with a reason acknowledges', () => {
    const cwd = withFiles({ 'app.yaml': BAD_YAML });
    const { code, stdout } = runCli(['check', '--suppress', 'CDP008=host network for the CNI agent', 'app.yaml'], { cwd });
    expect(code).toBe(0);
    expect(stdout).toMatch(/error \(suppressed\) {2}CDP008/);
    expect(stdout).toMatch(/ {4}reason: host network for the CNI agent/);
    expect(stdout).toMatch(/PASS: 1 input checked, 0 errors, 1 warning, 1 suppressed\./);
  });

  test('standard input, multi-document, named by --stdin-filename', () => {
    const { code, stdout } = runCli(['check', '--stdin-filename', 'helm-output.yaml', '-'], { stdin: BAD_YAML });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^helm-output\.yaml:\d+:\d+ {2}error {2}CDP008/m);
  });

  test('a CloudFormation template and a clean manifest: exit 0, no findings', () => {
    const cwd = withFiles({ 'Stack.template.json': JSON.stringify(compliantTemplate()), 'ok.yaml': stringify(deployment()) });
    const { code, stdout } = runCli(['check', 'Stack.template.json', 'ok.yaml'], { cwd });
    expect(code).toBe(0);
    expect(stdout).toBe('3 workloads checked: no findings\nPASS: 2 inputs checked, 0 errors, 0 warnings, 0 suppressed.\n');
  });

  test('json: one object per finding with stable keys', () => {
    const cwd = withFiles({ 'app.yaml': BAD_YAML });
    const { code, stdout } = runCli(['check', '--format', 'json', 'app.yaml'], { cwd });
    expect(code).toBe(1);
    const findings = JSON.parse(stdout);
    expect(findings).toHaveLength(2);
    for (const f of findings) {
      expect(Object.keys(f)).toEqual(['ruleId', 'level', 'platform', 'file', 'line', 'column', 'resource', 'constructPath', 'location', 'message', 'fix', 'unknown', 'suppressed', 'suppressionReason']);
    }
    expect(findings.find((f: any) => f.ruleId === 'CDP008')).toMatchObject({ ruleId: 'CDP008', level: 'error', platform: 'kubernetes', file: 'app.yaml', resource: 'Deployment/x', constructPath: null, location: 'spec.template.spec.hostNetwork', unknown: false, suppressed: false, suppressionReason: null });
  });

  describe('sarif', () => {
    function sarif(argv: string[], cwd?: string, stdin?: string) {
      const { code, stdout, stderr } = runCli(['check', '--format', 'sarif', ...argv], { cwd, stdin });
      expect(stderr).toBe('');
      const log = JSON.parse(stdout);
      expect(validate(log)).toEqual([]);
      return { code, log };
    }

    test('validates against the official SARIF 2.1.0 schema; every posture rule listed; results point at the rule', () => {
      const t = compliantTemplate();
      container(t).User = { Ref: 'User' };
      const cwd = withFiles({ 'app.yaml': BAD_YAML, 'cdk.out/manifest.json': JSON.stringify({ artifacts: { S: { type: 'aws:cloudformation:stack', properties: { templateFile: 'S.template.json' } } } }), 'cdk.out/S.template.json': JSON.stringify(t) });
      const { code, log } = sarif(['--suppress', 'CDP102=pinned at deploy', 'app.yaml', 'cdk.out'], cwd);
      expect(code).toBe(1);
      const run = log.runs[0];
      expect(run.tool.driver).toMatchObject({ name: 'cdk-distroless', version: pkg.version });
      expect(run.tool.driver.rules.map((r: any) => r.id)).toEqual(PostureCheck.rules().map(r => r.id));
      for (const r of run.results) {
        expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
        expect(Array.isArray(r.suppressions)).toBe(true);
      }
      const byRule = Object.fromEntries(run.results.map((r: any) => [r.ruleId, r]));
      expect(byRule.CDP008.locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'app.yaml', uriBaseId: 'SRCROOT' });
      expect(byRule.CDP008.locations[0].logicalLocations[0]).toMatchObject({ name: 'Deployment/x', kind: 'resource' });
      expect(byRule.CDP102.suppressions).toEqual([{ kind: 'external', justification: 'pinned at deploy' }]);
      expect(byRule.CDP003.properties).toMatchObject({ platform: 'ecs', unknown: true });
      expect(byRule.CDP003.locations[0].physicalLocation.artifactLocation.uri).toBe('cdk.out/S.template.json');
    });

    test('standard input and annotation suppressions (inSource) are valid too', () => {
      const d = bad();
      d.metadata.annotations = { 'cdk-distroless.io/suppress.CDP008': 'CNI agent' };
      const { code, log } = sarif(['-'], undefined, stringify(d));
      expect(code).toBe(0);
      const r = log.runs[0].results.find((x: any) => x.ruleId === 'CDP008');
      expect(r.suppressions).toEqual([{ kind: 'inSource', justification: 'CNI agent' }]);
      expect(r.locations[0].physicalLocation.artifactLocation).toEqual({ uri: '%3Cstdin%3E' });
    });

    test('no findings: an empty, valid result list', () => {
      const { code, log } = sarif(['ok.yaml'], withFiles({ 'ok.yaml': stringify(deployment()) }));
      expect(code).toBe(0);
      expect(log.runs[0].results).toEqual([]);
    });
  });

  describe('usage errors exit 2', () => {
    test.each<[string[], RegExp]>([
      [['check'], /no PATH given/],
      [['check', 'missing.yaml'], /cannot read "missing\.yaml".*no such file or folder/],
      [['check', '--format', 'xml', 'a'], /unknown format "xml"/],
      [['check', '--suppress', 'CDP008', 'a'], /has no reason/],
      [['check', '--suppress', 'CDL101=x', 'a'], /names no known rule "CDL101"/],
      [['check', '--max-size', 'big', 'a'], /not a positive number of MiB/],
      [['check', '--bogus'], /Unknown option '--bogus'/],
    ])('%j', (argv, message) => {
      const { code, stdout, stderr } = runCli(argv, { cwd: withFiles({}) });
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(message);
    });
  });

  test('--max-size: a larger input is a CDP001 finding', () => {
    const cwd = withFiles({ 'app.yaml': BAD_YAML });
    const { code, stdout } = runCli(['check', '--max-size', '0.001', 'app.yaml'], { cwd });
    expect(code).toBe(1);
    expect(stdout).toMatch(/CDP001 {2}app\.yaml is 0\.0 MiB, more than the 0 MiB/);
  });

  test('--list-rules and --help', () => {
    const rules = runCli(['check', '--list-rules']);
    expect(rules.stdout.trim().split('\n')).toHaveLength(PostureCheck.rules().length);
    expect(rules.stdout).toMatch(/^CDP002 {2}error {4}Containers must have a read-only root filesystem$/m);
    expect(runCli(['check', '--help']).stdout).toMatch(/^Usage: cdk-distroless check/);
    expect(runCli(['--help']).stdout).toMatch(/check PATH\.\.\./);
  });
});
