import { COMPLIANT, df, findingsOf, GOOD_BASE } from '../util';

const ID = 'CDL104';

describe('CDL104 user-not-numeric', () => {
  test('numeric users pass; root is left to CDL009', () => {
    expect(findingsOf(ID, COMPLIANT)).toEqual([]);
    expect(findingsOf(ID, df(`FROM ${GOOD_BASE}`, 'USER 65532'))).toEqual([]);
    expect(findingsOf(ID, df(`FROM ${GOOD_BASE}`, 'USER root'))).toEqual([]);
  });

  test('fails on a user name, mapping it to the base\'s numeric ids', () => {
    const findings = findingsOf(ID, df(`FROM ${GOOD_BASE}`, 'COPY app /app', 'USER nonroot'));
    expect(findings.map(f => [f.line, f.level])).toEqual([[3, 'warning']]);
    expect(findings[0].message).toBe('USER nonroot in the final stage is not numeric, so Kubernetes cannot verify runAsNonRoot. Allowed: uid[:gid] as numbers.');
    expect(findings[0].fix).toBe('Write `USER 65532:65532` ("nonroot" is 65532:65532 in this base).');
  });

  test('fails on a group name', () => {
    expect(findingsOf(ID, df(`FROM ${GOOD_BASE}`, 'USER 65532:nonroot')).map(f => f.line)).toEqual([2]);
  });

  test('maps .NET chiseled app to 1654', () => {
    expect(findingsOf(ID, df('FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled', 'USER app'))[0].fix).toMatch(/USER 1654:1654/);
  });

  test('maps Chainguard node\'s node user to 65532', () => {
    expect(findingsOf(ID, df('FROM cgr.dev/chainguard/node:latest', 'USER node'))[0].fix).toBe('Write `USER 65532:65532` ("node" is 65532:65532 in this base).');
  });

  test('an unknown name gets a generic hint', () => {
    expect(findingsOf(ID, df('FROM registry.example.com/x:1', 'USER appuser'))[0].fix).toMatch(/numeric ids of "appuser" .*USER <uid>:<gid>/);
  });

  test('on scratch, which has no /etc/passwd, says the container will not start', () => {
    const [f] = findingsOf(ID, df('FROM scratch', 'USER appuser'));
    expect(f.message).toMatch(/"scratch" has no \/etc\/passwd, so the name cannot be resolved and the container will not start/);
  });
});
