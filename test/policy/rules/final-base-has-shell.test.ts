import { BaseImage, Libc } from '../../../lib/image';
import { COMPLIANT, df, findingsOf } from '../util';

const ID = 'CDL106';

describe('CDL106 final-base-has-shell', () => {
  test('shell-less bases pass', () => {
    expect(findingsOf(ID, COMPLIANT)).toEqual([]);
  });

  test('debug variants and build images have their own errors', () => {
    expect(findingsOf(ID, df('FROM gcr.io/distroless/static-debian13:debug-nonroot'))).toEqual([]);
    expect(findingsOf(ID, df('FROM golang:1.25'))).toEqual([]);
  });

  test.each([
    ['busybox:stable-musl', /static-debian13/],
    ['busybox:stable-glibc', /cc-debian13/],
  ])('warns on %s', (ref, suggestion) => {
    const findings = findingsOf(ID, df(`FROM ${ref}`, 'USER 65534:65534'));
    expect(findings.map(f => [f.line, f.column, f.level])).toEqual([[1, 6, 'warning']]);
    expect(findings[0].message).toMatch(/has a shell \(\/bin\/sh\)/);
    expect(findings[0].fix).toMatch(suggestion);
  });

  test('warns on a custom image with a shell and no package manager', () => {
    const images = [BaseImage.fromRegistry('registry.example.com/tiny', {
      libc: Libc.MUSL, hasShell: true, hasPackageManager: false, defaultUser: { uid: 1000, gid: 1000 },
    })];
    expect(findingsOf(ID, df('FROM registry.example.com/tiny:1'), { images })).toHaveLength(1);
  });
});
