import { df, findingsOf, GOOD_BASE, lint } from '../util';

const ID = 'CDL012';

describe('CDL012 suppression-invalid', () => {
  test('a suppression with a known id and a reason passes', () => {
    expect(findingsOf(ID, df('# cdk-distroless-ignore CDL101: pinned by the release pipeline', `FROM ${GOOD_BASE}`))).toEqual([]);
    expect(findingsOf(ID, df(`FROM ${GOOD_BASE}`), { suppressions: [{ ruleId: 'CDL105', reason: 'base user is fine' }] })).toEqual([]);
  });

  test('fails on an inline suppression without a reason, and it suppresses nothing', () => {
    const result = lint(df(`FROM ${GOOD_BASE}`, '# cdk-distroless-ignore CDL005', 'RUN echo x', '# cdk-distroless-ignore CDL005:   ', 'RUN echo y'));
    const invalid = result.findings.filter(f => f.ruleId === ID);
    expect(invalid.map(f => f.line)).toEqual([2, 4]);
    expect(invalid[0].message).toBe('Suppression # cdk-distroless-ignore CDL005 is invalid: it gives no reason, so it suppresses nothing.');
    expect(result.findings.filter(f => f.ruleId === 'CDL005').map(f => f.suppressed)).toEqual([false, false]);
  });

  test('fails on a file suppression without a reason', () => {
    expect(findingsOf(ID, df(`FROM ${GOOD_BASE}`, '# cdk-distroless-ignore-file CDL105')).map(f => f.line)).toEqual([2]);
  });

  test('fails on a props suppression without a reason, at line 1', () => {
    const result = lint(df(`FROM ${GOOD_BASE}`), { suppressions: [{ ruleId: 'CDL105', reason: ' ' }] });
    const invalid = result.findings.filter(f => f.ruleId === ID);
    expect(invalid.map(f => [f.line, f.column])).toEqual([[1, 1]]);
    expect(invalid[0].message).toMatch(/^Suppression suppressions\[0\] \{"ruleId":"CDL105","reason":" "\} is invalid: it gives no reason/);
    expect(result.findings.find(f => f.ruleId === 'CDL105')!.suppressed).toBe(false);
  });

  test('fails on an unknown or missing rule id', () => {
    expect(findingsOf(ID, df('# cdk-distroless-ignore DL3002: hadolint id', `FROM ${GOOD_BASE}`))[0].message).toMatch(/unknown rule id DL3002/);
    expect(findingsOf(ID, df('# cdk-distroless-ignore: why', `FROM ${GOOD_BASE}`))[0].message).toMatch(/names no rule id/);
    expect(findingsOf(ID, df(`FROM ${GOOD_BASE}`), { suppressions: [{ ruleId: 'CDL999', reason: 'x' }] })[0].message).toMatch(/unknown rule id CDL999/);
  });

  test('fails on an inline suppression with no instruction after it', () => {
    expect(findingsOf(ID, df(`FROM ${GOOD_BASE}`, '# cdk-distroless-ignore CDL005: trailing')).map(f => f.message))
      .toEqual([expect.stringMatching(/no instruction follows it/)]);
  });

  test('cannot itself be suppressed', () => {
    const result = lint(df('# cdk-distroless-ignore-file CDL012: hide it', '# cdk-distroless-ignore CDL005', `FROM ${GOOD_BASE}`),
      { suppressions: [{ ruleId: 'CDL012', reason: 'hide it' }] });
    expect(result.findings.filter(f => f.ruleId === ID).map(f => f.suppressed)).toEqual([false]);
    expect(result.errorCount).toBe(1);
  });

  test('comments that only mention the marker are not suppressions', () => {
    expect(findingsOf(ID, df('# see cdk-distroless-ignore docs', '# cdk-distroless-ignored', `FROM ${GOOD_BASE}`))).toEqual([]);
  });
});
