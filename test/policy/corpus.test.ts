/**
 * The realistic corpus: Dockerfiles modelled on patterns public repositories use, each with its
 * expected verdict and rule ids in a header comment:
 *
 *   # expect: pass|fail [RULE_ID ...]    every unsuppressed rule id expected (errors and warnings)
 *   # target: STAGE                      lint with `target` (docker build --target)
 *   # mirror: UPSTREAM=MIRROR            lint with a registry mirror
 *   # pattern: ...                       what public pattern the file follows
 *
 * The test prints false positives (reported but not expected) and false negatives (expected but
 * not reported), per file verdict and per rule id. Goal: zero of each.
 */
import * as fs from 'fs';
import * as path from 'path';
import { RegistryMirror } from '../../lib/image';
import { DockerfilePolicy, DockerfilePolicyProps, Severity } from '../../lib/policy';

const DIR = path.join(__dirname, 'corpus');

interface Case {
  readonly name: string;
  readonly content: string;
  readonly verdict: 'pass' | 'fail';
  readonly ids: string[];
  readonly props: DockerfilePolicyProps;
}

function readCase(name: string): Case {
  const content = fs.readFileSync(path.join(DIR, name), 'utf8');
  const header = (key: string) => [...content.matchAll(new RegExp(`^# ${key}: *(.*)$`, 'gm'))].map(m => m[1].trim());
  const [expect] = header('expect');
  if (!expect) { throw new Error(`${name}: no "# expect: pass|fail [IDS]" header`); }
  const [verdict, ...ids] = expect.split(/\s+/);
  if (verdict !== 'pass' && verdict !== 'fail') { throw new Error(`${name}: verdict must be pass or fail, got ${verdict}`); }
  const [target] = header('target');
  const registryMirrors = header('mirror').map(m => RegistryMirror.of(m.split('=')[0], m.split('=')[1]));
  return { name, content, verdict, ids: ids.sort(), props: { target, registryMirrors } as DockerfilePolicyProps };
}

const cases = fs.readdirSync(DIR).filter(f => f.endsWith('.Dockerfile')).sort().map(readCase);

describe('realistic corpus', () => {
  test('has at least 40 Dockerfiles, each with a consistent header', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    for (const c of cases) {
      // A file fails exactly when an error-level (CDL0xx) rule is expected.
      expect([c.name, c.ids.some(id => id.startsWith('CDL0'))]).toEqual([c.name, c.verdict === 'fail']);
    }
  });

  test('false positives and false negatives are zero', () => {
    const rows: string[] = [];
    let verdictFp = 0;
    let verdictFn = 0;
    let idFp = 0;
    let idFn = 0;
    for (const c of cases) {
      const result = new DockerfilePolicy(c.props).lint(c.content, c.name);
      const active = result.findings.filter(f => !f.suppressed);
      const got = [...new Set(active.map(f => f.ruleId))].sort();
      const failed = active.some(f => f.level === Severity.ERROR);
      const extra = got.filter(id => !c.ids.includes(id));
      const missing = c.ids.filter(id => !got.includes(id));
      if (c.verdict === 'pass' && failed) { verdictFp++; }
      if (c.verdict === 'fail' && !failed) { verdictFn++; }
      idFp += extra.length;
      idFn += missing.length;
      if (extra.length > 0 || missing.length > 0) {
        rows.push(`${c.name}: expected ${c.verdict} [${c.ids.join(' ')}], got ${failed ? 'fail' : 'pass'} [${got.join(' ')}]`
          + `${extra.length ? ` +${extra.join(' +')}` : ''}${missing.length ? ` -${missing.join(' -')}` : ''}`);
      }
    }
    const summary = `corpus: ${cases.length} Dockerfiles; verdicts: ${verdictFp} false positive(s), ${verdictFn} false negative(s); `
      + `rule ids: ${idFp} false positive(s), ${idFn} false negative(s)`;
    // eslint-disable-next-line no-console
    console.log([summary, ...rows].join('\n'));
    expect(rows).toEqual([]);
    expect([verdictFp, verdictFn, idFp, idFn]).toEqual([0, 0, 0, 0]);
  });
});
