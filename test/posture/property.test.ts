/* eslint-disable @typescript-eslint/no-explicit-any */
import * as fc from 'fast-check';
import { stringify } from 'yaml';
import { compliantPodSpec, compliantTemplate, POD_KINDS } from './fixtures';
import { PostureCheck, PostureReport } from '../../lib/posture';

const RULE_IDS = new Set(PostureCheck.rules().map(r => r.id));

/** Checks twice with fresh checkers: never throws, same report, well-formed findings. */
function stable(run: (c: PostureCheck) => PostureReport): void {
  const first = run(new PostureCheck());
  const second = run(new PostureCheck());
  expect(second).toEqual(first);
  expect(PostureCheck.format(second)).toBe(PostureCheck.format(first));
  for (const f of first.findings) {
    expect(RULE_IDS.has(f.ruleId)).toBe(true);
    expect(f.message).not.toMatch(/internal error/);
    expect(f.line).toBeGreaterThanOrEqual(1);
    expect(f.column).toBeGreaterThanOrEqual(1);
    expect(f.message.length).toBeGreaterThan(0);
    expect(f.fix.length).toBeGreaterThan(0);
  }
  const active = first.findings.filter(f => !f.suppressed);
  expect(first.errorCount).toBe(active.filter(f => f.level === 'error').length);
  expect(first.warningCount).toBe(active.filter(f => f.level === 'warning').length);
}

/** Every path of a JSON value, to mutate one. */
function paths(value: any, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  out.push(prefix);
  if (Array.isArray(value)) {
    value.forEach((v, i) => paths(v, [...prefix, i], out));
  } else if (value && typeof value === 'object') {
    for (const k of Object.keys(value)) { paths(value[k], [...prefix, k], out); }
  }
  return out;
}

function mutate(root: any, path: Array<string | number>, op: 'set' | 'delete', value: unknown): any {
  if (path.length === 0) { return op === 'set' ? value : {}; }
  const copy = JSON.parse(JSON.stringify(root));
  let cur = copy;
  for (const k of path.slice(0, -1)) { cur = cur[k]; }
  const last = path[path.length - 1];
  if (op === 'delete') {
    if (Array.isArray(cur)) { cur.splice(Number(last), 1); } else { delete cur[last]; }
  } else {
    cur[last] = value;
  }
  return copy;
}

const SEEDS = [
  ...POD_KINDS.map(k => k.wrap(compliantPodSpec())),
  compliantTemplate(),
  { apiVersion: 'v1', kind: 'List', items: [POD_KINDS[0].wrap(compliantPodSpec())] },
];

const intrinsic = fc.oneof(
  fc.string().map(s => ({ Ref: s })),
  fc.tuple(fc.string(), fc.jsonValue(), fc.jsonValue()).map(([c, a, b]) => ({ 'Fn::If': [c, a, b] })),
  fc.string().map(s => ({ 'Fn::Sub': s })),
);
const value = fc.oneof(fc.jsonValue(), intrinsic, fc.constantFrom(true, false, 0, 'ALL', 'Unconfined', 'host', 'latest', null, [], {}));

describe('property: the posture check never throws and is deterministic', () => {
  test('mutated manifests and templates (one or more values replaced or removed)', () => {
    fc.assert(fc.property(
      fc.nat(SEEDS.length - 1),
      fc.array(fc.tuple(fc.nat(), fc.constantFrom<'set' | 'delete'>('set', 'delete'), value), { minLength: 1, maxLength: 4 }),
      (seed, edits) => {
        let doc: any = SEEDS[seed];
        for (const [pick, op, v] of edits) {
          const all = paths(doc);
          doc = mutate(doc, all[pick % all.length], op, v);
        }
        stable(c => c.checkObjects([doc]));
        stable(c => c.checkText(stringify(doc), 'm.yaml'));
        stable(c => c.checkText(JSON.stringify(doc), 'm.json'));
      },
    ), { numRuns: 300 });
  });

  test('random JSON values as objects and as documents', () => {
    fc.assert(fc.property(fc.jsonValue(), v => {
      stable(c => c.checkObjects([v]));
      stable(c => c.checkText(JSON.stringify(v) ?? '', 'r.json'));
    }), { numRuns: 300 });
  });

  test('random and corrupted YAML text', () => {
    const base = SEEDS.map(s => stringify(s)).join('---\n');
    fc.assert(fc.property(fc.string(), fc.nat(), fc.nat(), (junk, at, cut) => {
      stable(c => c.checkText(junk, 'junk.yaml'));
      const i = at % base.length;
      stable(c => c.checkText(base.slice(0, i) + junk + base.slice(i + (cut % 20)), 'corrupt.yaml'));
    }), { numRuns: 300 });
  });
});
