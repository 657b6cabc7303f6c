import * as fs from 'fs';
import * as path from 'path';

const LIB = path.join(__dirname, '..', '..', 'lib');

/** Every .ts source under lib/ (not the jsii output), relative to lib/. */
function sources(dir = LIB): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) { return sources(abs); }
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path.relative(LIB, abs).split(path.sep).join('/')] : [];
  });
}

/** Module names a file imports or requires. */
function imports(file: string): string[] {
  const text = fs.readFileSync(path.join(LIB, file), 'utf8');
  return [...text.matchAll(/(?:from\s+|import\s+|require\()\s*['"]([^'"]+)['"]/g)].map(m => m[1]);
}

/** The platform frameworks a file pulls in: aws-cdk-lib, cdk8s, cdk8s-plus-*, or the other adapter's folder. */
function frameworks(file: string): string[] {
  return imports(file).filter(m => /^(aws-cdk-lib|cdk8s|cdk8s-plus(-\d+)?)(\/|$)/.test(m) || /(^|\/)(ecs|kubernetes)(\/|$)/.test(m));
}

describe('the core stays framework-neutral', () => {
  const files = sources();

  test('lib/ has sources to check', () => {
    expect(files).toEqual(expect.arrayContaining(['workload/workload.ts', 'policy/profile.ts']));
  });

  test('no import of aws-cdk-lib or cdk8s outside lib/ecs and lib/kubernetes', () => {
    // lib/index.ts is the package root: it re-exports the ecs and kubernetes submodules by name.
    const offenders = files
      .filter(f => !f.startsWith('ecs/') && !f.startsWith('kubernetes/') && f !== 'index.ts')
      .flatMap(f => frameworks(f).map(m => `${f} imports ${m}`));
    expect(offenders).toEqual([]);
  });

  test('lib/ecs and lib/kubernetes never import each other', () => {
    const offenders = [
      ...files.filter(f => f.startsWith('ecs/')).flatMap(f => imports(f).filter(m => /cdk8s|(^|\/)kubernetes(\/|$)/.test(m)).map(m => `${f} imports ${m}`)),
      ...files.filter(f => f.startsWith('kubernetes/')).flatMap(f => imports(f).filter(m => /aws-cdk-lib|(^|\/)ecs(\/|$)/.test(m)).map(m => `${f} imports ${m}`)),
    ];
    expect(offenders).toEqual([]);
  });

  test('the package root imports no framework itself, only the submodules', () => {
    expect(frameworks('index.ts').filter(m => !/^\.\/(ecs|kubernetes)$/.test(m))).toEqual([]);
  });

  test('the check sees imports in all their forms', () => {
    expect('import { App } from \'aws-cdk-lib\';'.match(/(?:from\s+|import\s+|require\()\s*['"]([^'"]+)['"]/)?.[1]).toBe('aws-cdk-lib');
    expect('const k = require("cdk8s-plus-34")'.match(/(?:from\s+|import\s+|require\()\s*['"]([^'"]+)['"]/)?.[1]).toBe('cdk8s-plus-34');
  });
});
