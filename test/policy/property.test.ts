import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import { COMPLIANT } from './util';
import { DockerfilePolicy, LintResult } from '../../lib/policy';

const RULE_IDS = new Set(DockerfilePolicy.rules().map(r => r.id));
const CORPUS = [
  COMPLIANT,
  ...fs.readdirSync(path.join(__dirname, 'fixtures')).sort().map(f => fs.readFileSync(path.join(__dirname, 'fixtures', f), 'utf8')),
];

/** Lints twice with fresh policies and checks the result is well-formed and identical. */
function check(content: string): void {
  const props = { suppressions: [{ ruleId: 'CDL101', reason: 'property test' }] };
  const first = new DockerfilePolicy(props).lint(content);
  const second = new DockerfilePolicy(props).lint(content);
  expect(second).toEqual(first);
  expect(DockerfilePolicy.format(second)).toBe(DockerfilePolicy.format(first));
  wellFormed(first, content);
}

function wellFormed(result: LintResult, content: string): void {
  const lineCount = content.split(/\r\n|\r|\n/).length;
  let previous: [number, number, string] = [0, 0, ''];
  for (const f of result.findings) {
    expect(RULE_IDS.has(f.ruleId)).toBe(true);
    expect(f.message).not.toMatch(/internal error/);
    expect(f.line).toBeGreaterThanOrEqual(1);
    expect(f.column).toBeGreaterThanOrEqual(1);
    expect(f.endLine).toBeGreaterThanOrEqual(f.line);
    expect(f.line).toBeLessThanOrEqual(lineCount);
    expect(f.message.length).toBeGreaterThan(0);
    expect(f.fix.length).toBeGreaterThan(0);
    const key: [number, number, string] = [f.line, f.column, f.ruleId];
    const ordered = key[0] > previous[0] || (key[0] === previous[0] && (key[1] > previous[1] || (key[1] === previous[1] && key[2] >= previous[2])));
    expect(ordered).toBe(true);
    previous = key;
  }
  const active = result.findings.filter(f => !f.suppressed);
  expect(result.errorCount).toBe(active.filter(f => f.level === 'error').length);
  expect(result.warningCount).toBe(active.filter(f => f.level === 'warning').length);
}

describe('property: lint never throws and is deterministic', () => {
  test('on random strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), s => check(s)), { numRuns: 300 });
    fc.assert(fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 300 }), s => check(s)), { numRuns: 300 });
  });

  test('on real Dockerfiles with lines dropped, duplicated and shuffled', () => {
    const mutation = fc.oneof(
      fc.record({ op: fc.constant('drop'), at: fc.nat() }),
      fc.record({ op: fc.constant('dup'), at: fc.nat() }),
      fc.record({ op: fc.constant('swap'), at: fc.nat(), to: fc.nat() }),
      fc.record({ op: fc.constant('cut'), at: fc.nat(), to: fc.nat() }),
    );
    fc.assert(fc.property(fc.constantFrom(...CORPUS), fc.array(mutation, { maxLength: 8 }), fc.boolean(), (doc, mutations, shuffle) => {
      let lines = doc.split('\n');
      for (const m of mutations) {
        if (lines.length === 0) { break; }
        const i = m.at % lines.length;
        if (m.op === 'drop') { lines.splice(i, 1); }
        if (m.op === 'dup') { lines.splice(i, 0, lines[i]); }
        if (m.op === 'swap') { const j = (m as { to: number }).to % lines.length; [lines[i], lines[j]] = [lines[j], lines[i]]; }
        if (m.op === 'cut') { lines[i] = lines[i].slice(0, (m as { to: number }).to % (lines[i].length + 1)); }
      }
      if (shuffle) { lines = [...lines].sort(); }
      check(lines.join('\n'));
    }), { numRuns: 300 });
  });

  test('on random instruction soup', () => {
    const keyword = fc.constantFrom('FROM', 'from', 'RUN', 'CMD', 'ENTRYPOINT', 'USER', 'ARG', 'ENV', 'ADD', 'COPY', 'SHELL', 'HEALTHCHECK',
      'ONBUILD', 'WORKDIR', 'LABEL', 'EXPOSE', 'VOLUME', 'STOPSIGNAL', 'MAINTAINER', 'BOGUS', '#', '# cdk-distroless-ignore', '# cdk-distroless-ignore-file',
      '# escape=`', '');
    const token = fc.oneof(
      fc.constantFrom('gcr.io/distroless/static-debian13:nonroot', 'golang:1.25', 'scratch', 'busybox', 'AS', 'as', 'build', '--from=build',
        '--platform=$BUILDPLATFORM', '--checksum=sha256:', '${BASE}', '$BASE', '${BASE:-scratch}', '${', '}', '$', '[', ']', '"', '\'', '\\',
        '`', '["/bin/sh", "-c", "x"]', '["/app"]', '[]', 'CMD', 'NONE', 'root', '0:0', '65532', 'nonroot', 'API_TOKEN=x', 'BASE=golang',
        'BASE', 'https://example.com/x', 'git@github.com:a/b.git', '<<EOF', 'EOF', 'CDL005:', 'CDL012', 'reason', '@sha256:', ':', '=', '\\\n'),
      fc.string({ unit: 'grapheme-ascii', maxLength: 12 }),
    );
    const line = fc.tuple(keyword, fc.array(token, { maxLength: 6 })).map(([k, args]) => [k, ...args].join(' '));
    fc.assert(fc.property(fc.array(line, { maxLength: 25 }), fc.constantFrom('\n', '\r\n', '\r'), (lines, eol) => check(lines.join(eol))), { numRuns: 400 });
  });
});
