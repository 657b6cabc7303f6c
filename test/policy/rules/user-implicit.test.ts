import { COMPLIANT, df, DIGEST, findingsOf, GOOD_BASE } from '../util';

const ID = 'CDL105';

describe('CDL105 user-implicit', () => {
  test('an explicit USER passes', () => {
    expect(findingsOf(ID, COMPLIANT)).toEqual([]);
  });

  test('a root base without USER is CDL009, not this rule', () => {
    expect(findingsOf(ID, df(`FROM gcr.io/distroless/static-debian13:latest@${DIGEST}`))).toEqual([]);
  });

  test.each([
    [GOOD_BASE, 'nonroot (65532)', '65532:65532'],
    [`cgr.dev/chainguard/static:latest@${DIGEST}`, 'nonroot (65532)', '65532:65532'],
    ['mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled', 'app (1654)', '1654:1654'],
  ])('warns when %s is relied on to run as non-root', (ref, who, user) => {
    const findings = findingsOf(ID, df('FROM golang:1.25 AS build', `FROM ${ref}`, 'ENTRYPOINT ["/app"]'));
    expect(findings.map(f => [f.line, f.column, f.level])).toEqual([[2, 6, 'warning']]);
    expect(findings[0].message).toContain(`it runs as ${who} only because its base`);
    expect(findings[0].fix).toBe(`Add \`USER ${user}\` at the end of the final stage.`);
  });
});
