import { BaseImage, Libc } from '../../../lib/image';
import { startedShell } from '../../../lib/policy/rules/final-stage-starts-shell';
import { COMPLIANT, df, findingsOf, GOOD_BASE } from '../util';

const ID = 'CDL008';

describe('CDL008 final-stage-starts-shell', () => {
  test('commands that run the program directly pass', () => {
    expect(findingsOf(ID, COMPLIANT)).toEqual([]);
    expect(findingsOf(ID, df('FROM gcr.io/distroless/python3-debian13:nonroot', 'CMD ["-c", "print(1)"]'))).toEqual([]);
    expect(findingsOf(ID, df(`FROM ${GOOD_BASE}`, 'ENTRYPOINT ["/usr/bin/python3"]', 'CMD ["-c", "print(1)"]'))).toEqual([]);
  });

  test('fails on a CMD starting with -c when there is no entrypoint', () => {
    expect(findingsOf(ID, df(`FROM ${GOOD_BASE}`, 'CMD ["-c", "/app"]')).map(f => f.line)).toEqual([2]);
  });

  test.each([
    [['/bin/sh', '-c', 'x'], '/bin/sh'],
    [['sh', '-c', 'x'], 'sh'],
    [['bash', 'start.sh'], 'bash'],
    [['/bin/bash'], '/bin/bash'],
    [['/bin/ash', '-c', 'x'], '/bin/ash'],
    [['/busybox/sh'], '/busybox/sh'],
    [['/usr/bin/env', 'FOO=1', 'sh', '-c', 'x'], 'sh'],
    [['busybox', 'sh', '-c', 'x'], 'busybox sh'],
    [['-c', 'echo hi'], '-c (arguments for a shell)'],
  ])('detects a shell in %j', (argv, shell) => {
    expect(startedShell(argv)).toBe(shell);
  });

  test.each([[['/app']], [['/usr/bin/python3', '-c', 'print()']], [['/usr/bin/env', 'node']], [[]], [['shell-tool']]])('no shell in %j', argv => {
    expect(startedShell(argv)).toBeUndefined();
  });

  test('fails on exec-form ENTRYPOINT, CMD and HEALTHCHECK CMD that start a shell on distroless', () => {
    const content = df(
      `FROM ${GOOD_BASE}`,
      'ENTRYPOINT ["/bin/sh", "-c"]',
      'CMD ["-c", "/app --serve"]',
      'HEALTHCHECK CMD ["sh", "-c", "/app health"]',
    );
    const findings = findingsOf(ID, content);
    expect(findings.map(f => f.line)).toEqual([2, 3, 4]);
    expect(findings[0].message).toMatch(/starts a shell \(\/bin\/sh\), but "gcr.io\/distroless\/static-debian13:nonroot@sha256:[0-9a-f]+" has no shell/);
    expect(findings[2].fix).toBe('Call the program directly, e.g. `HEALTHCHECK CMD ["/app","health"]`.');
  });

  test('is reported for an unknown base, which is not known to have a shell', () => {
    expect(findingsOf(ID, df('FROM registry.example.com/x:1', 'CMD ["sh", "-c", "x"]'))[0].message).toMatch(/is not known to have one/);
  });

  test('is not reported when the base has a shell (BusyBox, debug: their own rules apply)', () => {
    expect(findingsOf(ID, df('FROM busybox:stable-musl', 'CMD ["sh", "-c", "x"]'))).toEqual([]);
    expect(findingsOf(ID, df('FROM gcr.io/distroless/static-debian13:debug-nonroot', 'ENTRYPOINT ["/busybox/sh"]'))).toEqual([]);
    const images = [BaseImage.fromRegistry('registry.example.com/shell-base', {
      libc: Libc.GLIBC, hasShell: true, hasPackageManager: false, defaultUser: { uid: 1000, gid: 1000 },
    })];
    expect(findingsOf(ID, df('FROM registry.example.com/shell-base:1', 'CMD ["sh"]'), { images })).toEqual([]);
  });
});
