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

/** The folder under lib/ a relative import of `file` lands in ('' for packages), e.g. 'ecs' for '../ecs/x'. */
function libFolder(file: string, specifier: string): string {
  if (!specifier.startsWith('.')) { return ''; }
  const target = path.relative(LIB, path.resolve(LIB, path.dirname(file), specifier)).split(path.sep);
  return target.length > 1 ? target[0] : target[0].replace(/\.ts$/, '');
}

/** The platform frameworks a file pulls in: aws-cdk-lib, cdk8s, cdk8s-plus-*, or lib/ecs and lib/kubernetes. */
function frameworks(file: string): string[] {
  return imports(file).filter(m => /^(aws-cdk-lib|cdk8s|cdk8s-plus(-\d+)?)(\/|$)/.test(m) || ['ecs', 'kubernetes'].includes(libFolder(file, m)));
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
      ...files.filter(f => f.startsWith('ecs/')).flatMap(f => imports(f).filter(m => /^cdk8s/.test(m) || libFolder(f, m) === 'kubernetes').map(m => `${f} imports ${m}`)),
      ...files.filter(f => f.startsWith('kubernetes/')).flatMap(f => imports(f).filter(m => /^aws-cdk-lib/.test(m) || libFolder(f, m) === 'ecs').map(m => `${f} imports ${m}`)),
    ];
    expect(offenders).toEqual([]);
  });

  test('the package root imports no framework itself, only the submodules', () => {
    expect(frameworks('index.ts').filter(m => !/^\.\/(ecs|kubernetes)$/.test(m))).toEqual([]);
  });

  test('relative imports are resolved: lib/posture/kubernetes.ts is not lib/kubernetes', () => {
    expect(libFolder('posture/posture-check.ts', './kubernetes')).toBe('posture');
    expect(libFolder('workload/workload.ts', '../kubernetes')).toBe('kubernetes');
    expect(libFolder('workload/workload.ts', '../ecs/private/x')).toBe('ecs');
    expect(libFolder('index.ts', './ecs')).toBe('ecs');
  });

  test('the check sees imports in all their forms', () => {
    expect('import { App } from \'aws-cdk-lib\';'.match(/(?:from\s+|import\s+|require\()\s*['"]([^'"]+)['"]/)?.[1]).toBe('aws-cdk-lib');
    expect('const k = require("cdk8s-plus-34")'.match(/(?:from\s+|import\s+|require\()\s*['"]([^'"]+)['"]/)?.[1]).toBe('cdk8s-plus-34');
  });
});
