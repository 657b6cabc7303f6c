import { COMPLIANT, df, DIGEST, findingsOf, GOOD_BASE } from '../util';

const ID = 'CDL107';

describe('CDL107 copy-from-image-not-pinned', () => {
  test('COPY --from a stage (by name in any case, or by number) and a pinned image pass', () => {
    expect(findingsOf(ID, COMPLIANT)).toEqual([]);
    const content = df(`FROM golang:1.25@${DIGEST} AS Build`, `FROM ${GOOD_BASE}`, 'COPY --from=build /a /a', 'COPY --from=BUILD /b /b',
      'COPY --from=0 /c /c', `COPY --from=ghcr.io/example/tools:1.4@${DIGEST} /t /t`, 'COPY --from=${TOOLS} /v /v');
    expect(findingsOf(ID, content)).toEqual([]);
  });

  test('fails on COPY --from an unpinned image in any stage', () => {
    const content = df('FROM golang:1.25 AS build', 'COPY --from=ghcr.io/example/tools:1.4 /t /t', `FROM ${GOOD_BASE}`,
      'COPY --from=busybox /bin/true /true', 'USER 65532');
    const findings = findingsOf(ID, content);
    expect(findings.map(f => [f.line, f.level])).toEqual([[2, 'warning'], [4, 'warning']]);
    expect(findings[0].message).toBe('COPY --from=ghcr.io/example/tools:1.4 copies from an image, not a stage, and the image is not pinned by digest. '
      + 'Allowed: a stage name, or an image with @sha256:<digest>.');
    expect(findings[0].fix).toMatch(/^Write `COPY --from=ghcr.io\/example\/tools:1.4@sha256:<digest> \.\.\.`/);
  });
});
