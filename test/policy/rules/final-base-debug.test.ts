import { df, DIGEST, findingsOf, GOOD_BASE } from '../util';

const ID = 'CDL004';

describe('CDL004 final-base-debug', () => {
  test('the nonroot variant passes', () => {
    expect(findingsOf(ID, df(`FROM ${GOOD_BASE}`))).toEqual([]);
  });

  test('a debug image in a build stage is fine', () => {
    expect(findingsOf(ID, df('FROM gcr.io/distroless/static-debian13:debug AS tools', `FROM ${GOOD_BASE}`))).toEqual([]);
  });

  test.each([
    ['debug', 'nonroot'],
    ['debug-nonroot', 'nonroot'],
    ['debug-nonroot-amd64', 'nonroot-amd64'],
    ['debug-arm64', 'nonroot-arm64'],
  ])('fails if the final base is the %s variant, suggesting %s', (tag, plain) => {
    const findings = findingsOf(ID, df('# runtime', `FROM gcr.io/distroless/base-debian12:${tag}@${DIGEST}`));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ line: 2, column: 6, level: 'error' });
    expect(findings[0].message).toMatch(/is a debug variant with a BusyBox shell/);
    expect(findings[0].fix).toBe(`Use \`FROM gcr.io/distroless/base-debian12:${plain}@sha256:<digest>\`.`);
  });
});
