import { COMPLIANT, df, DIGEST, findingsOf } from '../util';

const ID = 'CDL101';

describe('CDL101 final-base-not-pinned', () => {
  test('a digest-pinned final base passes, and so does scratch', () => {
    expect(findingsOf(ID, COMPLIANT)).toEqual([]);
    expect(findingsOf(ID, df('FROM scratch', 'USER 65532'))).toEqual([]);
  });

  test('fails on an unpinned final base with a warning at the FROM image', () => {
    const findings = findingsOf(ID, df('FROM golang:1.25 AS build', 'FROM gcr.io/distroless/static-debian13:nonroot', 'USER 65532'));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ line: 2, column: 6, level: 'warning' });
    expect(findings[0].message).toMatch(/"gcr.io\/distroless\/static-debian13:nonroot" is not pinned by digest/);
    expect(findings[0].fix).toMatch(/^Write `FROM gcr.io\/distroless\/static-debian13:nonroot@sha256:<digest>`; get the digest with `crane digest/);
  });

  test('an unpinned build-stage base is not this rule (CDL102)', () => {
    expect(findingsOf(ID, df('FROM golang:1.25 AS build', `FROM gcr.io/distroless/static-debian13:nonroot@${DIGEST}`))).toEqual([]);
  });

  test('points at the FROM of the real base when the final stage continues another stage', () => {
    expect(findingsOf(ID, df('FROM gcr.io/distroless/cc-debian13:nonroot AS base', 'FROM base')).map(f => f.line)).toEqual([1]);
  });
});
