import { BaseImage, Libc } from '../../../lib/image';
import { df, DIGEST, findingsOf, GOOD_BASE } from '../util';

const ID = 'CDL108';
const FACTS = { libc: Libc.GLIBC, hasShell: false, hasPackageManager: false, defaultUser: { uid: 10001, gid: 10001 } };

describe('CDL108 final-base-deprecated', () => {
  test('passes if the final base is maintained (facts.deprecated defaults to maintained)', () => {
    expect(findingsOf(ID, df(`FROM ${GOOD_BASE}`, 'USER 65532'))).toEqual([]);
    const own = BaseImage.fromRegistry('registry.example.com/platform/base', FACTS);
    expect(own.facts.deprecated).toBeUndefined();
    expect(findingsOf(ID, df(`FROM registry.example.com/platform/base:1@${DIGEST}`, 'USER 10001'), { images: [own] })).toEqual([]);
  });

  test('passes if only a build stage uses an image no longer updated', () => {
    expect(findingsOf(ID, df(`FROM gcr.io/distroless/static-debian11:nonroot@${DIGEST} AS old`, `FROM ${GOOD_BASE}`, 'USER 65532'))).toEqual([]);
  });

  test('warns on the root FROM of the final chain, naming the successor of a catalog image', () => {
    const findings = findingsOf(ID, df(`FROM gcr.io/distroless/java17:nonroot@${DIGEST} AS base`, 'FROM base', 'USER 65532'));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ line: 1, level: 'warning' });
    expect(findings[0].message).toMatch(/^The final base "gcr\.io\/distroless\/java17:nonroot@sha256:[0-9a-f]{64}" is no longer maintained: /);
    expect(findings[0].fix).toBe('Use gcr.io/distroless/java17-debian13 (same tag variant), pinned by digest.');
  });

  test('warns on your own image whose facts say deprecated, with its reason', () => {
    const images = [BaseImage.fromRegistry('registry.example.com/platform/base', { ...FACTS, deprecated: 'the platform team replaced it with base-v3' })];
    const findings = findingsOf(ID, df(`FROM registry.example.com/platform/base:2@${DIGEST}`, 'USER 10001'), { images });
    expect(findings.map(f => f.message)).toEqual([
      `The final base "registry.example.com/platform/base:2@${DIGEST}" is no longer maintained: the platform team replaced it with base-v3`,
    ]);
    expect(findings[0].fix).toBe('Move to the maintained image that replaces it (see the reason above), pinned by digest.');
  });
});
