import { df, GOOD_BASE, lint } from './util';

const flagged = (content: string, props = {}) => lint(content, props).findings.map(f => `${f.ruleId}@${f.line}${f.suppressed ? ` suppressed: ${f.suppressionReason}` : ''}`);

describe('suppressions', () => {
  const RUNS = [`FROM ${GOOD_BASE}`, 'USER 65532:65532', 'RUN a', 'RUN b'];

  test('an inline suppression covers the next instruction only, and keeps the finding with its reason', () => {
    const content = df(RUNS[0], RUNS[1], '# cdk-distroless-ignore CDL005: migrating step, tracked in JIRA-1', RUNS[2], RUNS[3]);
    const result = lint(content);
    expect(flagged(content)).toEqual(['CDL005@4 suppressed: migrating step, tracked in JIRA-1', 'CDL005@5']);
    expect(result.errorCount).toBe(1);
  });

  test('an inline suppression skips blank lines and other comments to reach the instruction', () => {
    const content = df(RUNS[0], RUNS[1], '# cdk-distroless-ignore CDL005: reason', '', '# other comment', RUNS[2]);
    expect(flagged(content)).toEqual(['CDL005@6 suppressed: reason']);
  });

  test('an inline suppression covers every line of a multi-line instruction', () => {
    const content = df(RUNS[0], RUNS[1], '# cdk-distroless-ignore CDL011: public test key', 'ENV A=1 \\', '    API_KEY=test');
    expect(flagged(content)).toEqual(['CDL011@5 suppressed: public test key']);
  });

  test('an inline suppression before FROM covers base findings', () => {
    const content = df('# cdk-distroless-ignore CDL101: pinned by the release pipeline', 'FROM gcr.io/distroless/static-debian13:nonroot', 'USER 65532');
    expect(flagged(content)).toEqual(['CDL101@2 suppressed: pinned by the release pipeline']);
  });

  test('several ids in one comment, comma or space separated; ids are case-insensitive', () => {
    const content = df('# cdk-distroless-ignore cdl101, CDL103 CDL105: base chosen by platform team', 'FROM gcr.io/distroless/static-debian13');
    const result = lint(content);
    expect(result.findings.filter(f => !f.suppressed).map(f => f.ruleId)).toEqual(['CDL009']);
    expect(result.findings.filter(f => f.suppressed).map(f => f.ruleId)).toEqual(['CDL101', 'CDL103']);
  });

  test('the reason may follow the ids without a colon', () => {
    expect(flagged(df(RUNS[0], RUNS[1], '# cdk-distroless-ignore CDL005 needed until v2', RUNS[2]))).toEqual(['CDL005@4 suppressed: needed until v2']);
  });

  test('a file suppression covers the whole file, wherever it is written', () => {
    const content = df(...RUNS, '# cdk-distroless-ignore-file CDL005: legacy image, see ADR-7');
    expect(flagged(content)).toEqual(['CDL005@3 suppressed: legacy image, see ADR-7', 'CDL005@4 suppressed: legacy image, see ADR-7']);
    expect(lint(content).errorCount).toBe(0);
  });

  test('a props suppression covers the whole file', () => {
    const result = lint(df(...RUNS), { suppressions: [{ ruleId: 'cdl005', reason: 'approved exception' }] });
    expect(result.findings.map(f => [f.suppressed, f.suppressionReason])).toEqual([[true, 'approved exception'], [true, 'approved exception']]);
    expect(result.errorCount).toBe(0);
  });

  test('the most specific reason wins: inline, then file comment, then props', () => {
    const content = df(RUNS[0], RUNS[1], '# cdk-distroless-ignore CDL005: inline', RUNS[2], RUNS[3], '# cdk-distroless-ignore-file CDL005: file');
    expect(flagged(content, { suppressions: [{ ruleId: 'CDL005', reason: 'props' }] }))
      .toEqual(['CDL005@4 suppressed: inline', 'CDL005@5 suppressed: file']);
    expect(flagged(df(...RUNS), { suppressions: [{ ruleId: 'CDL005', reason: 'props' }] }))
      .toEqual(['CDL005@3 suppressed: props', 'CDL005@4 suppressed: props']);
  });

  test('a suppression for another rule does not apply', () => {
    expect(flagged(df(RUNS[0], RUNS[1], '# cdk-distroless-ignore CDL006: wrong id', RUNS[2]))).toEqual(['CDL005@4']);
  });

  test('suppressed warnings do not count either', () => {
    const result = lint(df('FROM gcr.io/distroless/static-debian13:nonroot', 'USER 65532'), { suppressions: [{ ruleId: 'CDL101', reason: 'dev image' }] });
    expect(result.warningCount).toBe(0);
    expect(result.findings).toHaveLength(1);
  });

  test('a suppression on the first lines that contains "=" is a comment, not a parser directive', () => {
    const content = df('# cdk-distroless-ignore-file CDL101: pinned by digest=sha in CI', '# cdk-distroless-ignore CDL103: a=b', 'FROM gcr.io/distroless/static-debian13', 'USER 65532');
    expect(flagged(content)).toEqual(['CDL101@3 suppressed: pinned by digest=sha in CI', 'CDL103@3 suppressed: a=b']);
    const invalid = df('# cdk-distroless-ignore CDL101 x=y', '# syntax=docker/dockerfile:1', 'FROM gcr.io/distroless/static-debian13:nonroot', 'USER 65532');
    expect(flagged(invalid)).toEqual(['CDL101@3 suppressed: x=y']);
  });

  test('a heredoc line starting with # is not a suppression', () => {
    const content = df('FROM golang:1.25 AS build', 'RUN <<EOF', '# cdk-distroless-ignore-file CDL102: not a comment', 'EOF', `FROM ${GOOD_BASE}`, 'USER 65532');
    expect(lint(content).findings.map(f => [f.ruleId, f.suppressed])).toEqual([['CDL102', false]]);
  });
});
