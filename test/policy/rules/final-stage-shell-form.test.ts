import { COMPLIANT, df, findingsOf, GOOD_BASE } from '../util';

const ID = 'CDL006';

describe('CDL006 final-stage-shell-form', () => {
  test('exec form passes', () => {
    expect(findingsOf(ID, COMPLIANT)).toEqual([]);
    expect(findingsOf(ID, df(`FROM ${GOOD_BASE}`, 'CMD ["--port", "8080"]', 'HEALTHCHECK --interval=30s CMD ["/app", "health"]', 'HEALTHCHECK NONE'))).toEqual([]);
  });

  test('shell form in a build stage is fine', () => {
    expect(findingsOf(ID, df('FROM golang:1.25 AS build', 'CMD go test ./...', `FROM ${GOOD_BASE}`))).toEqual([]);
  });

  test('fails on shell-form ENTRYPOINT, CMD and HEALTHCHECK CMD, with an exec-form fix', () => {
    const content = df(
      `FROM ${GOOD_BASE}`,
      'ENTRYPOINT /app --serve',
      'CMD node server.js',
      'HEALTHCHECK --interval=5s CMD /app health',
    );
    const findings = findingsOf(ID, content);
    expect(findings.map(f => f.line)).toEqual([2, 3, 4]);
    expect(findings[0].message).toMatch(/ENTRYPOINT in the final stage uses shell form \("\/app --serve"\), which runs \/bin\/sh -c/);
    expect(findings[0].fix).toMatch(/^Write `ENTRYPOINT \["\/app", "--serve"\]`/);
    expect(findings[1].fix).toMatch(/^Write `CMD \["node", "server.js"\]`/);
    expect(findings[2].message).toMatch(/^HEALTHCHECK CMD in the final stage/);
    expect(findings[2].fix).toMatch(/^Write `HEALTHCHECK CMD \["\/app", "health"\]`/);
  });

  test('fails on malformed JSON, which Docker runs as shell form', () => {
    expect(findingsOf(ID, df(`FROM ${GOOD_BASE}`, "CMD ['/app']")).map(f => f.line)).toEqual([2]);
    expect(findingsOf(ID, df(`FROM ${GOOD_BASE}`, 'CMD ["/app",]')).map(f => f.line)).toEqual([2]);
  });

  test('fails on shell form in a stage the final stage continues', () => {
    expect(findingsOf(ID, df(`FROM ${GOOD_BASE} AS base`, 'CMD /app', 'FROM base')).map(f => f.line)).toEqual([2]);
  });
});

describe('CDL006 never splits a command that needs a shell', () => {
  test.each([
    ['CMD /app 2>&1 | tee /tmp/app.log', /a pipe `\|`, a redirection/],
    ['CMD /app --migrate && /app --serve', /`&&`/],
    ['ENTRYPOINT /app || /app --recover', /`\|\|`/],
    ['CMD exec gunicorn --bind :$PORT app:app', /a variable.*Read settings such as a port from the environment/],
    ['CMD /app > /tmp/out', /a redirection/],
  ])('fails if %s is in shell form, saying it needs a shell instead of proposing a split', (line, features) => {
    const [finding] = findingsOf(ID, df(`FROM ${GOOD_BASE}`, 'USER 65532', line));
    expect(finding.fix).toMatch(/only a shell understands: it cannot be written as exec form/);
    expect(finding.fix).toMatch(features);
    expect(finding.fix).not.toMatch(/\["[^\]]*"(\||&&|\|\||>)"/);
  });

  test('a HEALTHCHECK ending in "|| exit 1" gets the exec form of the check without it', () => {
    const [finding] = findingsOf(ID, df(`FROM ${GOOD_BASE}`, 'HEALTHCHECK CMD /app healthcheck || exit 1'));
    expect(finding.fix).toBe('Write `HEALTHCHECK CMD ["/app", "healthcheck"]` (drop `|| exit 1`: in exec form any non-zero exit already marks the container unhealthy).');
  });

  test('quoted arguments and a leading exec are split as the shell would', () => {
    expect(findingsOf(ID, df(`FROM ${GOOD_BASE}`, 'CMD exec /app --name "a b" \'c|d\''))[0].fix).toBe('Write `CMD ["/app", "--name", "a b", "c|d"]`.');
    // Escaped quotes inside double quotes stay part of the word, as sh reads them.
    expect(findingsOf(ID, df(`FROM ${GOOD_BASE}`, 'CMD /app --greeting "say \\"hi\\" \\\\o/" next'))[0].fix)
      .toBe('Write `CMD ["/app", "--greeting", "say \\"hi\\" \\\\o/", "next"]`.');
  });
});
