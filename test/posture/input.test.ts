/* eslint-disable @typescript-eslint/no-explicit-any */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { check, compliantPodSpec, compliantTemplate, container, deployment, ids } from './fixtures';
import { PostureCheck } from '../../lib/posture';

const dirs: string[] = [];
afterAll(() => dirs.forEach(d => fs.rmSync(d, { recursive: true, force: true })));
function tmp(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdl-posture-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

function badDeployment(): any {
  const spec = compliantPodSpec();
  spec.hostPID = true;
  return deployment(spec);
}

describe('input formats', () => {
  test('Kubernetes YAML, multi-document, with line and column of the offending property', () => {
    const text = `${stringify(deployment())}---\n${stringify(badDeployment())}`;
    const report = new PostureCheck().checkText(text, 'app.yaml');
    expect(ids(report)).toEqual(['CDP008']);
    const [f] = report.findings;
    expect(f.file).toBe('app.yaml');
    expect(text.split('\n')[f.line - 1]).toMatch(/hostPID: true/);
    expect(report.workloadCount).toBe(2);
  });

  test('Kubernetes JSON (kubectl -o json), a single object and a List', () => {
    const c = new PostureCheck();
    expect(ids(c.checkText(JSON.stringify(badDeployment(), undefined, 2), 'd.json'))).toEqual(['CDP008']);
    const list = c.checkText(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [badDeployment()] }, undefined, 2), 'l.json');
    expect(ids(list)).toEqual(['CDP008']);
    expect(list.findings[0].line).toBeGreaterThan(1);
  });

  test('CloudFormation JSON template with positions', () => {
    const t = compliantTemplate();
    container(t).Privileged = true;
    const text = JSON.stringify(t, undefined, 1);
    const [f] = new PostureCheck().checkText(text, 'Stack.template.json').findings;
    expect(f.ruleId).toBe('CDP004');
    expect(text.split('\n')[f.line - 1]).toMatch(/"Privileged": true/);
  });

  test('CloudFormation YAML with short-form tags (!Ref, !Sub, !GetAtt, !If, !Join) parses; intrinsics are unknown', () => {
    const text = `AWSTemplateFormatVersion: '2010-09-09'
Conditions:
  Prod: !Equals [!Ref Env, prod]
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      NetworkMode: awsvpc
      RequiresCompatibilities: [FARGATE]
      ExecutionRoleArn: !GetAtt Role.Arn
      ContainerDefinitions:
        - Name: app
          Image: !Sub '\${AWS::AccountId}.dkr.ecr.\${AWS::Region}.amazonaws.com/app:1.2.3@sha256:${'ab'.repeat(32)}'
          ReadonlyRootFilesystem: !If [Prod, true, false]
          User: '65532'
          LinuxParameters: { Capabilities: { Drop: [ALL] } }
          LogConfiguration: { LogDriver: awslogs, Options: { awslogs-group: !Ref Logs, awslogs-stream-prefix: !Join ['-', [a, b]] } }
`;
    const report = new PostureCheck().checkText(text, 'template.yaml');
    expect(report.findings.map(f => [f.ruleId, f.unknown, f.line])).toEqual([['CDP002', true, 14]]);
  });

  test('a cdk.out folder: every stack template, nested stages, and the Dockerfile of each Docker asset', () => {
    const hash = 'd'.repeat(64);
    const t = compliantTemplate();
    container(t).Image = { 'Fn::Sub': `\${AWS::AccountId}.dkr.ecr.\${AWS::Region}.\${AWS::URLSuffix}/cdk-hnb659fds-container-assets-\${AWS::AccountId}-\${AWS::Region}:${hash}` };
    const nested = compliantTemplate();
    container(nested).Privileged = true;
    const dir = tmp({
      'manifest.json': JSON.stringify({
        version: '48.0.0',
        artifacts: {
          App: { type: 'aws:cloudformation:stack', properties: { templateFile: 'App.template.json' } },
          Stage: { type: 'cdk:cloud-assembly', properties: { directoryName: 'assembly-Stage' } },
        },
      }),
      'App.template.json': JSON.stringify(t),
      'App.assets.json': JSON.stringify({ version: '48.0.0', files: {}, dockerImages: { [hash]: { source: { directory: `asset.${hash}` }, destinations: { d: { repositoryName: 'r', imageTag: hash } } } } }),
      [`asset.${hash}/Dockerfile`]: 'FROM ubuntu:22.04\nRUN apt-get update\nCMD ["/app"]\n',
      'assembly-Stage/manifest.json': JSON.stringify({ version: '48.0.0', artifacts: { S: { type: 'aws:cloudformation:stack', properties: { templateFile: 'S.template.json' } } } }),
      'assembly-Stage/S.template.json': JSON.stringify(nested),
    });
    const report = new PostureCheck().checkPath(dir);
    expect(ids(report)).toEqual(['CDP004', 'CDP022', 'CDP104']);
    const lint = report.findings.find(f => f.ruleId === 'CDP022')!;
    expect(lint.message).toMatch(/Dockerfile.*fails the Dockerfile policy: CDL002 line 1/);
    expect(report.workloadCount).toBe(4);
  });

  test('a Docker asset whose Dockerfile is missing is unknown, a clean one passes', () => {
    const hash = 'e'.repeat(64);
    const t = compliantTemplate();
    container(t).Image = `123456789012.dkr.ecr.eu-west-1.amazonaws.com/assets:${hash}`;
    const assets = JSON.stringify({ dockerImages: { [hash]: { source: { directory: `asset.${hash}` }, destinations: { d: { imageTag: hash } } } } });
    const missing = tmp({ 'manifest.json': JSON.stringify({ artifacts: { A: { type: 'aws:cloudformation:stack', properties: { templateFile: 'A.template.json' } } } }), 'A.template.json': JSON.stringify(t), 'A.assets.json': assets });
    const f = new PostureCheck().checkPath(missing).findings;
    expect(f.map(x => [x.ruleId, x.unknown])).toEqual([['CDP022', true]]);
    const clean = tmp({
      'manifest.json': JSON.stringify({ artifacts: { A: { type: 'aws:cloudformation:stack', properties: { templateFile: 'A.template.json' } } } }),
      'A.template.json': JSON.stringify(t),
      'A.assets.json': assets,
      [`asset.${hash}/Dockerfile`]: `FROM gcr.io/distroless/static-debian12:nonroot@sha256:${'ab'.repeat(32)}\nCOPY app /app\nUSER 65532:65532\nENTRYPOINT ["/app"]\n`,
    });
    expect(new PostureCheck().checkPath(clean).findings).toEqual([]);
  });

  test('a folder without a cloud assembly: every .json/.yaml file in it', () => {
    const dir = tmp({ 'a.yaml': stringify(badDeployment()), 'b.json': JSON.stringify(compliantTemplate()), 'notes.txt': 'ignored' });
    const report = new PostureCheck().checkPath(dir);
    expect(ids(report)).toEqual(['CDP008']);
    expect(report.workloadCount).toBe(3);
  });
});

describe('bad input gives findings, never a crash', () => {
  const c = new PostureCheck();
  test.each<[string, string, RegExp]>([
    ['unparseable YAML', 'apiVersion: v1\nkind: Pod\nmetadata: {name: [\n', /not valid YAML/],
    ['an empty file', '', /holds no document/],
    ['a scalar document', 'just text\n', /neither a Kubernetes object/],
    ['an object without kind', 'apiVersion: v1\nmetadata: {}\n', /without a kind/],
    ['a Deployment without a pod spec', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {}\n', /no pod spec at spec\.template\.spec/],
    ['containers that are not a list', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: yes}\n', /not a list of containers/],
    ['a container that is not an object', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [3]}\n', /not a container object/],
    ['a template whose Resources is a list', '{"Resources": [1]}', /not a map of resources/],
    ['an alias bomb', 'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n', /cannot be read|neither/],
  ])('%s', (_name, text, message) => {
    const report = c.checkText(text, 'in.yaml');
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings[0].ruleId).toBe('CDP001');
    expect(report.findings.map(f => f.message).join('\n')).toMatch(message);
    expect(report.errorCount).toBeGreaterThan(0);
  });

  test('a 50 MB manifest is reported as too large, with the size, in well under a second', () => {
    const big = 'x'.repeat(50 * 1024 * 1024);
    const started = Date.now();
    const report = c.checkText(big, 'big.yaml');
    expect(report.findings.map(f => f.ruleId)).toEqual(['CDP001']);
    expect(report.findings[0].message).toMatch(/50\.0 MiB, more than the 32 MiB/);
    expect(report.findings[0].fix).toMatch(/maxInputBytes|--max-size/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test('a 50 MB manifest file on disk is reported without reading it', () => {
    const dir = tmp({});
    const file = path.join(dir, 'big.yaml');
    fs.writeFileSync(file, Buffer.alloc(50 * 1024 * 1024, 'a'));
    expect(c.checkPath(file).findings.map(f => f.ruleId)).toEqual(['CDP001']);
  });

  test('non-string and odd values never throw', () => {
    for (const value of [null, undefined, 42, 'x', [], {}, { kind: 'Pod', apiVersion: 'v1', spec: null }, { Resources: { T: { Type: 'AWS::ECS::TaskDefinition', Properties: 'x' } } }]) {
      expect(() => c.checkObjects([value])).not.toThrow();
    }
    expect(() => c.checkText(undefined as any)).not.toThrow();
  });

  test('a missing path throws a clear error', () => {
    expect(() => c.checkPath('/nonexistent/cdk.out')).toThrow(/cannot read "\/nonexistent\/cdk.out": no such file or folder\. Pass a template, a manifest, or a cdk\.out folder/);
  });
});

describe('suppressions and relaxations', () => {
  test('Kubernetes: an annotation with a reason suppresses, and the finding stays flagged with the reason', () => {
    const d = badDeployment();
    d.metadata.annotations = { 'cdk-distroless.io/suppress.CDP008': 'node exporter needs the host PID namespace (OPS-12)' };
    const report = check([d]);
    expect(report.errorCount).toBe(0);
    expect(report.findings).toEqual([expect.objectContaining({ ruleId: 'CDP008', suppressed: true, suppressionReason: 'node exporter needs the host PID namespace (OPS-12)' })]);
  });

  test('Kubernetes: an annotation without a reason or with an unknown id is CDP023 and suppresses nothing', () => {
    const d = badDeployment();
    d.spec.template.metadata.annotations = { 'cdk-distroless.io/suppress.CDP008': ' ', 'cdk-distroless.io/suppress.CDP999': 'why' };
    expect(ids(check([d]))).toEqual(['CDP008', 'CDP023']);
    expect(check([d]).findings.filter(f => f.ruleId === 'CDP023')).toHaveLength(2);
  });

  test('Kubernetes: a recorded relaxation read-only-root is honoured with its reason, for its container only', () => {
    const spec = compliantPodSpec();
    spec.containers.push({ ...JSON.parse(JSON.stringify(spec.containers[0])), name: 'sidecar' });
    spec.containers.forEach((c: any) => c.securityContext.readOnlyRootFilesystem = false);
    const d = deployment(spec);
    d.metadata.annotations = { 'cdk-distroless.io/relaxations': JSON.stringify([{ control: 'read-only-root', reason: 'legacy agent writes /var/run (OPS-1234)', container: 'app' }]) };
    const findings = check([d]).findings;
    expect(findings.map(f => [f.ruleId, f.location.includes('[0]'), f.suppressed])).toEqual([['CDP002', true, true], ['CDP002', false, false]]);
    expect(findings[0].suppressionReason).toBe('relaxation read-only-root: legacy agent writes /var/run (OPS-1234)');
  });

  test('Kubernetes: a capabilities relaxation covers only the capability it names', () => {
    const spec = compliantPodSpec();
    spec.containers[0].securityContext.capabilities.add = ['SYS_TIME', 'NET_ADMIN'];
    const d = deployment(spec);
    d.metadata.annotations = { 'cdk-distroless.io/relaxations': '[{"control":"capabilities","capability":"SYS_TIME","reason":"NTP daemon sets the clock"}]' };
    expect(check([d]).findings.map(f => [f.message.match(/capability "(\w+)"/)![1], f.suppressed])).toEqual([['SYS_TIME', true], ['NET_ADMIN', false]]);
  });

  test('Kubernetes: a malformed relaxations annotation is CDP023', () => {
    const d = deployment();
    d.metadata.annotations = { 'cdk-distroless.io/relaxations': '[{"control":"everything","reason":"because"}' };
    expect(ids(check([d]))).toEqual(['CDP023']);
    d.metadata.annotations = { 'cdk-distroless.io/relaxations': '[{"control":"everything","reason":"because"}]' };
    expect(check([d]).findings[0].message).toMatch(/allowed: read-only-root, capabilities/);
  });

  test('CloudFormation: metadata suppressions and relaxations on the resource', () => {
    const t = compliantTemplate();
    delete container(t).ReadonlyRootFilesystem;
    container(t).Image = 'public.ecr.aws/nginx/nginx:1.27';
    t.Resources.TaskDef.Metadata = {
      'cdk-distroless:suppressions': [{ id: 'CDP102', reason: 'digest pinned by the deploy pipeline' }],
      'cdk-distroless:relaxations': [{ control: 'read-only-root', reason: 'nginx writes its cache under /var/cache' }],
    };
    const report = check([t]);
    expect(report.errorCount + report.warningCount).toBe(0);
    expect(report.findings.map(f => [f.ruleId, f.suppressionReason])).toEqual([
      ['CDP002', 'relaxation read-only-root: nginx writes its cache under /var/cache'], ['CDP102', 'digest pinned by the deploy pipeline'],
    ]);
  });

  test('CloudFormation: a suppression without a reason is CDP023', () => {
    const t = compliantTemplate();
    t.Resources.TaskDef.Metadata = { 'cdk-distroless:suppressions': [{ id: 'CDP102' }] };
    expect(ids(check([t]))).toEqual(['CDP023']);
  });

  test('global suppressions need a known id and a reason', () => {
    expect(() => new PostureCheck({ suppressions: [{ ruleId: 'CDP102', reason: '' }] })).toThrow(/has no reason/);
    expect(() => new PostureCheck({ suppressions: [{ ruleId: 'CDL101', reason: 'x' }] })).toThrow(/unknown rule "CDL101"/);
    const r = new PostureCheck({ suppressions: [{ ruleId: 'cdp008', reason: 'monitoring agents' }] }).checkObjects([badDeployment()]);
    expect(r.errorCount).toBe(0);
  });
});

describe('format', () => {
  test('one line per finding with its fix, and a summary', () => {
    const text = PostureCheck.format(check([badDeployment()]));
    expect(text).toMatch(/^<memory>:1:1 {2}error {2}CDP008 {2}Deployment\/x: the pod has hostPID true; allowed: false or unset\.\n {4}fix: /);
    expect(text).toMatch(/1 workload checked: 1 error, 0 warnings$/);
    expect(PostureCheck.format(check([deployment()]))).toBe('1 workload checked: no findings');
  });
});

describe('relaxations in map form', () => {
  test('{ control: reason } and { control: { reason, capability } } are read like the list form', () => {
    const t = compliantTemplate();
    delete container(t).ReadonlyRootFilesystem;
    container(t).LinuxParameters.Capabilities.Add = ['NET_ADMIN'];
    t.Resources.TaskDef.Metadata = { 'cdk-distroless:relaxations': { 'read-only-root': 'nginx cache (WEB-7)', 'capabilities': { reason: 'VPN sidecar (NET-2)', capability: 'NET_ADMIN' } } };
    const report = check([t]);
    expect(report.errorCount).toBe(0);
    expect(report.findings.map(f => f.suppressionReason)).toEqual(['relaxation read-only-root: nginx cache (WEB-7)', 'relaxation capabilities (NET_ADMIN): VPN sidecar (NET-2)']);
  });
});
