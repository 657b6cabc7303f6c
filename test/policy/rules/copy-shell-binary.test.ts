import { shellBinaryIn } from '../../../lib/policy/rules/copy-shell-binary';
import { COMPLIANT, df, DIGEST, findingsOf, GOOD_BASE } from '../util';

const ID = 'CDL013';

describe('CDL013 copy-shell-binary', () => {
  test('copying application files passes; a shell copied in a build stage is fine', () => {
    expect(findingsOf(ID, COMPLIANT)).toEqual([]);
    expect(findingsOf(ID, df(`FROM busybox:1.37-musl@${DIGEST} AS tools`, 'COPY /bin/sh /sh', `FROM ${GOOD_BASE}`, 'COPY --from=tools /etc/passwd /etc/passwd'))).toEqual([]);
  });

  test.each([['/bin/sh', 'sh'], ['/bin/bash', 'bash'], ['/busybox/', 'busybox'], ['busybox', 'busybox'], ['/usr/bin/dash', 'dash']])('%s is a shell (%s)', (p, name) => {
    expect(shellBinaryIn(p)).toBe(name);
  });

  test.each(['/bin/', '/app/shell.js', '/etc/bash.bashrc', '/usr/bin/shasum', ''])('%s is not a shell', p => {
    expect(shellBinaryIn(p)).toBeUndefined();
  });

  test('fails on a shell copied into the final stage, by source or destination, in plain or JSON form', () => {
    const content = df(
      `FROM ${GOOD_BASE}`,
      'COPY --from=busybox:1.37-musl /bin/busybox /busybox/busybox',
      'COPY tools/static-sh /bin/sh',
      'ADD ["bash", "/usr/local/bin/"]',
      'USER 65532',
    );
    const findings = findingsOf(ID, content);
    expect(findings.map(f => [f.line, f.level])).toEqual([[2, 'error'], [3, 'error'], [4, 'error']]);
    expect(findings[0].message).toMatch(/copies a shell binary \("busybox"\) into the final image/);
    expect(findings[1].message).toMatch(/\("sh"\)/);
  });

  test('fails on a shell copied into a stage the final stage continues', () => {
    expect(findingsOf(ID, df(`FROM ${GOOD_BASE} AS base`, 'COPY sh /bin/sh', 'FROM base')).map(f => f.line)).toEqual([2]);
  });
});
