import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import * as ts from 'typescript';
import { podTemplates, restrictedViolations, validateAll } from './manifests';
import { ORDERS_SOURCE } from '../../examples/kubernetes/orders';
import * as lib from '../../lib';

// The README's Kubernetes snippet runs as written (only the app folder points at the example's).
test('the README\'s Kubernetes example synthesizes schema-valid, restricted manifests', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  const section = readme.split('\n## Kubernetes (cdk8s)\n')[1].split('\n## ')[0];
  const code = /```ts\n([\s\S]*?)```/.exec(section)![1].replace('\'./orders\'', JSON.stringify(ORDERS_SOURCE));
  const js = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdl-readme-'));
  const saved = process.env.CDK8S_OUTDIR;
  process.env.CDK8S_OUTDIR = outdir;
  try {
    const load = (m: string) => (m === 'cdk-distroless' ? lib : require(m)); // eslint-disable-line @typescript-eslint/no-require-imports
    new Function('require', 'exports', js)(load, {});
  } finally {
    process.env.CDK8S_OUTDIR = saved;
  }
  const objects = Yaml.load(path.join(outdir, 'web-service.k8s.yaml')).filter((o: any) => o);
  validateAll(objects);
  expect(objects.map((o: any) => o.kind)).toEqual(expect.arrayContaining(['Namespace', 'Deployment', 'Service', 'CronJob']));
  for (const { template } of podTemplates(objects)) { expect(restrictedViolations(template)).toEqual([]); }
  fs.rmSync(outdir, { recursive: true, force: true });
});
