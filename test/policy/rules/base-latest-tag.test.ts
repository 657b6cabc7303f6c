import { COMPLIANT, df, DIGEST, findingsOf, GOOD_BASE } from '../util';

const ID = 'CDL103';

describe('CDL103 base-latest-tag', () => {
  test('version tags, digests and scratch pass', () => {
    expect(findingsOf(ID, COMPLIANT)).toEqual([]);
    expect(findingsOf(ID, df(`FROM cgr.dev/chainguard/static:latest@${DIGEST}`, `FROM golang@${DIGEST}`, 'FROM scratch'))).toEqual([]);
  });

  test('fails on no tag and on latest, in every stage', () => {
    const content = df('FROM golang AS build', 'FROM alpine:latest AS tools', `FROM ${GOOD_BASE} AS ok`, 'FROM gcr.io/distroless/static-debian13');
    const findings = findingsOf(ID, content);
    expect(findings.map(f => [f.line, f.level])).toEqual([[1, 'warning'], [2, 'warning'], [4, 'warning']]);
    expect(findings[0].message).toMatch(/"golang" has no tag \(so it means "latest"\)/);
    expect(findings[1].message).toMatch(/"alpine:latest" uses the tag "latest"/);
    expect(findings[2].fix).toMatch(/^Write `FROM gcr.io\/distroless\/static-debian13:nonroot`/);
  });
});
