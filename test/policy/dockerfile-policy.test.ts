import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { COMPLIANT, df, DIGEST, GOOD_BASE, lint } from './util';
import { DockerfilePolicy, LintResult, Severity } from '../../lib/policy';

describe('DockerfilePolicy', () => {
  test('a compliant Dockerfile has no findings', () => {
    expect(lint(COMPLIANT)).toEqual({ file: 'Dockerfile', findings: [], errorCount: 0, warningCount: 0 });
  });

  test('file defaults to "Dockerfile" and is used in every finding', () => {
    expect(lint('').findings[0].file).toBe('Dockerfile');
    const result = new DockerfilePolicy().lint(df('FROM golang:1.25'), 'services/api/Dockerfile');
    expect(result.file).toBe('services/api/Dockerfile');
    expect(new Set(result.findings.map(f => f.file))).toEqual(new Set(['services/api/Dockerfile']));
  });

  test('default props: no suppressions, mirrors or extra images', () => {
    expect(new DockerfilePolicy().lint(df('FROM registry.example.com/x:1', 'USER 1')).findings.map(f => f.ruleId)).toEqual(['CDL002', 'CDL101']);
  });

  test('findings carry every field, with 1-based ranges', () => {
    const [f] = lint(df(`FROM ${GOOD_BASE}`, 'USER 65532', '  RUN echo \\', '    more')).findings;
    expect(f).toEqual({
      ruleId: 'CDL005',
      level: Severity.ERROR,
      file: 'Dockerfile',
      line: 3,
      column: 3,
      endLine: 4,
      endColumn: 9,
      message: 'RUN in the final stage: "echo more". Allowed in the final image: COPY, USER, ENV, WORKDIR, EXPOSE, LABEL, ENTRYPOINT and CMD.',
      fix: 'Move this RUN to a build stage (e.g. `FROM <builder> AS build`) and `COPY --from=build` only its output into the final stage.',
      suppressed: false,
    });
  });

  test('counts only unsuppressed findings', () => {
    const result = lint(df('FROM gcr.io/distroless/static-debian13:nonroot', 'USER 65532', 'RUN a', '# cdk-distroless-ignore CDL005: ok', 'RUN b'));
    expect(result.findings.map(f => [f.ruleId, f.suppressed])).toEqual([['CDL101', false], ['CDL005', false], ['CDL005', true]]);
    expect([result.errorCount, result.warningCount]).toEqual([1, 1]);
  });

  test('findings are sorted by line, column, then rule id', () => {
    const result = lint(df('FROM node:24', 'ENV API_TOKEN=x', 'RUN a', 'CMD node x'));
    const keys = result.findings.map(f => [f.line, f.column, f.ruleId]);
    const sorted = [...keys].sort((a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number)
      || String(a[2]).localeCompare(String(b[2])));
    expect(keys).toEqual(sorted);
    expect(result.findings.map(f => f.ruleId)).toEqual(['CDL003', 'CDL009', 'CDL101', 'CDL011', 'CDL005', 'CDL006']);
  });

  test('handles CRLF line endings and a BOM', () => {
    const result = lint(`\uFEFFFROM ${GOOD_BASE}\r\nUSER 65532\r\nRUN x\r\n`);
    expect(result.findings.map(f => [f.ruleId, f.line, f.column])).toEqual([['CDL005', 3, 1]]);
  });

  test('BuildKit heredoc bodies are content, not instructions, in any stage', () => {
    const content = df(
      '# syntax=docker/dockerfile:1',
      `FROM golang:1.25@${DIGEST} AS build`,
      'RUN <<EOF',
      'FROM ubuntu',
      'USER root',
      'EOF',
      `FROM ${GOOD_BASE}`,
      'COPY <<EOT /etc/app.conf',
      'RUN nothing',
      'EOT',
      'USER 65532:65532',
      'ENTRYPOINT ["/app"]',
    );
    expect(lint(content).findings).toEqual([]);
  });

  test('honours the escape parser directive', () => {
    const result = lint(df('# escape=`', `FROM ${GOOD_BASE}`, 'USER 65532', 'RUN echo a `', '  b'));
    expect(result.findings.map(f => [f.ruleId, f.line, f.endLine])).toEqual([['CDL005', 4, 5]]);
  });

  test('never throws on non-string input from JavaScript callers', () => {
    expect(new DockerfilePolicy().lint(undefined as unknown as string).findings.map(f => f.ruleId)).toEqual(['CDL001']);
    expect(new DockerfilePolicy(undefined).lint(42 as unknown as string).errorCount).toBe(1);
    expect(new DockerfilePolicy({ suppressions: [null, { ruleId: 5 }] as never, images: [null] as never, registryMirrors: ['x'] as never })
      .lint(COMPLIANT).findings.map(f => f.ruleId)).toEqual(['CDL012', 'CDL012']);
  });

  describe('lintFile', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdl-policy-'));
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    test('reads the file and names it in findings', () => {
      const file = path.join(dir, 'Dockerfile');
      fs.writeFileSync(file, df('FROM golang:1.25'));
      const result = new DockerfilePolicy().lintFile(file);
      expect(result.file).toBe(file);
      expect(result.findings[0].file).toBe(file);
      expect(result.errorCount).toBe(2);
    });

    test('fails if the file does not exist, naming the path', () => {
      const missing = path.join(dir, 'nope', 'Dockerfile');
      expect(() => new DockerfilePolicy().lintFile(missing)).toThrow(new RegExp('DockerfilePolicy.lintFile: cannot read ".*nope/Dockerfile": no such file'));
    });

    test('fails if the path is a directory', () => {
      expect(() => new DockerfilePolicy().lintFile(dir)).toThrow(/cannot read ".*": it is a directory\. Pass the path of a readable Dockerfile/);
    });
  });

  describe('format', () => {
    test('prints location, level, id, message and fix per finding, and a summary', () => {
      const text = DockerfilePolicy.format(lint(df(`FROM ${GOOD_BASE}`, 'USER 0')));
      expect(text).toBe([
        'Dockerfile:2:1  error  CDL009  USER 0 in the final stage runs the container as root. Allowed: a non-root user, numeric for Kubernetes (e.g. 65532:65532).',
        '    fix: Replace it with `USER 65532:65532`.',
        'Dockerfile: 1 error, 0 warnings',
      ].join('\n'));
    });

    test('shows suppressed findings with their reason', () => {
      const text = DockerfilePolicy.format(lint(df('# cdk-distroless-ignore CDL101: pinned in CI', 'FROM gcr.io/distroless/static-debian13:nonroot', 'USER 65532')));
      expect(text.split('\n')).toEqual([
        expect.stringMatching(/^Dockerfile:2:6 {2}warning \(suppressed\) {2}CDL101 {2}The final base/),
        '    reason: pinned in CI',
        'Dockerfile: 0 errors, 0 warnings, 1 suppressed',
      ]);
    });

    test('says so when there are no findings', () => {
      expect(DockerfilePolicy.format(lint(COMPLIANT))).toBe('Dockerfile: no findings');
    });

    test('formats a result built by hand', () => {
      const result: LintResult = { file: 'x', findings: [], errorCount: 0, warningCount: 0 };
      expect(DockerfilePolicy.format(result)).toBe('x: no findings');
    });
  });
});
