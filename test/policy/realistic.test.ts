import * as path from 'path';
import { DockerfilePolicy } from '../../lib/policy';

const fixture = (name: string) => path.join(__dirname, 'fixtures', name);

/** `id@line`, with `~` for suppressed findings. */
function summary(name: string): string[] {
  return new DockerfilePolicy().lintFile(fixture(name)).findings.map(f => `${f.ruleId}@${f.line}${f.suppressed ? '~' : ''}`);
}

describe('realistic hand-written Dockerfiles', () => {
  test('Go on distroless static, bases chosen by ARG defaults: clean', () => {
    expect(summary('go-distroless.Dockerfile')).toEqual([]);
  });

  test('Java with a jlink runtime on distroless java-base: clean', () => {
    expect(summary('java-jlink.Dockerfile')).toEqual([]);
  });

  test('.NET on chiseled aspnet relies on the base user', () => {
    expect(summary('dotnet-chiseled.Dockerfile')).toEqual(['CDL105@6']);
  });

  test('Node.js on distroless: unpinned final base and a named user', () => {
    expect(summary('node-distroless.Dockerfile')).toEqual(['CDL101@6', 'CDL104@11']);
  });

  test('the naive single-stage Node.js Dockerfile fails on base, RUN, secrets and shell form', () => {
    expect(summary('node-naive.Dockerfile')).toEqual(['CDL003@1', 'CDL101@1', 'CDL011@3', 'CDL005@5', 'CDL011@9', 'CDL104@11', 'CDL006@12']);
    const result = new DockerfilePolicy().lintFile(fixture('node-naive.Dockerfile'));
    expect([result.errorCount, result.warningCount]).toEqual([5, 2]);
    expect(result.findings.find(f => f.ruleId === 'CDL011' && f.line === 9)!.message).toMatch(/^ENV SESSION_SECRET looks like a secret/);
  });

  test('Python with a venv: remote ADD, untagged root base and a shell entrypoint', () => {
    expect(summary('python-venv.Dockerfile')).toEqual(['CDL102@1', 'CDL010@5', 'CDL009@7', 'CDL101@7', 'CDL103@7', 'CDL008@13']);
  });

  test('Rust on scratch without USER runs as root', () => {
    expect(summary('rust-scratch.Dockerfile')).toEqual(['CDL102@1', 'CDL009@7']);
  });

  test('a legacy BusyBox image with suppressions: only the reasoned ones hold', () => {
    expect(summary('legacy-busybox.Dockerfile')).toEqual(['CDL106@6~', 'CDL005@9~', 'CDL012@10', 'CDL005@11']);
    const text = DockerfilePolicy.format(new DockerfilePolicy().lintFile(fixture('legacy-busybox.Dockerfile')));
    expect(text).toContain('reason: the vendor agent needs /bin/sh; replacement tracked in PLAT-481');
    expect(text.split('\n').pop()).toMatch(/: 2 errors, 0 warnings, 2 suppressed$/);
  });
});
