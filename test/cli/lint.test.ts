import * as path from 'path';
import { CLEAN, DEBUG_INLINE, ROOT_USER, UBUNTU, WARNING_ONLY } from './fixtures';
import { cleanupTempDirs, runCli, withFiles } from './harness';
import { main } from '../../lib/cli/main';
import { DockerfilePolicy } from '../../lib/policy';

afterAll(cleanupTempDirs);

const JSON_KEYS = ['ruleId', 'level', 'file', 'line', 'column', 'endLine', 'endColumn', 'message', 'fix', 'suppressed', 'suppressionReason'];

describe('cdk-distroless lint: exit codes', () => {
  test('exits 0 when there is no finding', () => {
    const cwd = withFiles({ Dockerfile: CLEAN });
    expect(runCli(['lint', 'Dockerfile'], { cwd }).code).toBe(0);
  });

  test('exits 0 when there are only warnings', () => {
    const cwd = withFiles({ Dockerfile: WARNING_ONLY });
    const { code, stdout } = runCli(['lint', 'Dockerfile'], { cwd });
    expect(code).toBe(0);
    expect(stdout).toMatch(/warning {2}CDL101/);
  });

  test('exits 1 when any file has an unsuppressed error', () => {
    const cwd = withFiles({ 'a/Dockerfile': CLEAN, 'b/Dockerfile': ROOT_USER });
    expect(runCli(['lint', 'a/Dockerfile', 'b/Dockerfile'], { cwd }).code).toBe(1);
  });

  test('exits 0 when every error is suppressed with --suppress', () => {
    const cwd = withFiles({ Dockerfile: ROOT_USER });
    expect(runCli(['lint', '--suppress', 'CDL009=migrating the legacy image in JIRA-123', 'Dockerfile'], { cwd }).code).toBe(0);
  });

  test('--list-rules prints every rule with its level and title', () => {
    const { code, stdout } = runCli(['lint', '--list-rules']);
    expect(code).toBe(0);
    const rules = DockerfilePolicy.rules();
    expect(stdout.trimEnd().split('\n')).toHaveLength(rules.length);
    for (const rule of rules) {
      expect(stdout).toContain(`${rule.id}  ${rule.level.padEnd(7)}  ${rule.title}\n`);
    }
  });
});

describe('cdk-distroless lint --format text (the default)', () => {
  test('prints each finding with file:line:column, level, rule id, message and fix, then a summary', () => {
    const cwd = withFiles({ 'svc/Dockerfile': UBUNTU });
    const { code, stdout, stderr } = runCli(['lint', 'svc/Dockerfile'], { cwd });
    expect(code).toBe(1);
    expect(stderr).toBe('');
    const result = new DockerfilePolicy().lint(UBUNTU, 'svc/Dockerfile');
    expect(stdout).toBe(`${DockerfilePolicy.format(result)}\n\nFAIL: 1 file checked, ${result.errorCount} errors, ${result.warningCount} warnings, 0 suppressed.\n`);
    expect(stdout).toMatch(/^svc\/Dockerfile:2:1 {2}error {2}CDL005 {2}RUN in the final stage/m);
    expect(stdout).toMatch(/^svc\/Dockerfile:4:1 {2}error {2}CDL006 /m);
    expect(stdout).toMatch(/^ {4}fix: /m);
  });

  test('a clean file says so and the summary passes', () => {
    const cwd = withFiles({ Dockerfile: CLEAN });
    expect(runCli(['lint', 'Dockerfile'], { cwd }).stdout).toBe('Dockerfile: no findings\n\nPASS: 1 file checked, 0 errors, 0 warnings, 0 suppressed.\n');
  });

  test('the summary adds up every file', () => {
    const cwd = withFiles({ 'a/Dockerfile': UBUNTU, 'b/Dockerfile': ROOT_USER, 'c/Dockerfile': CLEAN });
    const { stdout } = runCli(['lint', 'a/Dockerfile', 'b/Dockerfile', 'c/Dockerfile'], { cwd });
    const policy = new DockerfilePolicy();
    const results = [policy.lint(UBUNTU), policy.lint(ROOT_USER), policy.lint(CLEAN)];
    const errors = results.reduce((n, r) => n + r.errorCount, 0);
    const warnings = results.reduce((n, r) => n + r.warningCount, 0);
    expect(stdout).toMatch(new RegExp(`\\nFAIL: 3 files checked, ${errors} errors, ${warnings} warnings, 0 suppressed\\.\\n$`));
    expect(stdout).toContain('c/Dockerfile: no findings\n');
  });

  test('suppressed findings show their reason and count as suppressed', () => {
    const cwd = withFiles({ Dockerfile: ROOT_USER });
    const { stdout } = runCli(['lint', '--suppress', 'cdl009 = migrating the legacy image in JIRA-123', 'Dockerfile'], { cwd });
    expect(stdout).toMatch(/^Dockerfile:3:1 {2}error \(suppressed\) {2}CDL009 /m);
    expect(stdout).toContain('    reason: migrating the legacy image in JIRA-123\n');
    expect(stdout).toMatch(/PASS: 1 file checked, 0 errors, 1 warning, 1 suppressed\.\n$/);
  });
});

describe('cdk-distroless lint --format json', () => {
  test('prints one flat array of findings from every file with stable keys', () => {
    const cwd = withFiles({ 'a/Dockerfile': ROOT_USER, 'b/Dockerfile': UBUNTU });
    const { code, stdout } = runCli(['lint', '--format', 'json', 'a/Dockerfile', 'b/Dockerfile'], { cwd });
    expect(code).toBe(1);
    const findings = JSON.parse(stdout);
    const policy = new DockerfilePolicy();
    const expected = [...policy.lint(ROOT_USER, 'a/Dockerfile').findings, ...policy.lint(UBUNTU, 'b/Dockerfile').findings];
    expect(findings).toHaveLength(expected.length);
    for (const f of findings) {
      expect(Object.keys(f)).toEqual(JSON_KEYS);
    }
    expect(findings).toContainEqual({
      ruleId: 'CDL009',
      level: 'error',
      file: 'a/Dockerfile',
      line: 3,
      column: 1,
      endLine: 3,
      endColumn: expect.any(Number),
      message: expect.stringMatching(/USER root/),
      fix: expect.stringMatching(/USER 65532:65532/),
      suppressed: false,
      suppressionReason: null,
    });
    expect(findings.map((f: { file: string }) => f.file)).toEqual(expected.map(f => f.file));
  });

  test('prints an empty array for a clean file', () => {
    const cwd = withFiles({ Dockerfile: CLEAN });
    const { code, stdout } = runCli(['lint', '--format', 'json', 'Dockerfile'], { cwd });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([]);
  });

  test('suppressed findings carry suppressed: true and the reason, from --suppress and from comments', () => {
    const cwd = withFiles({ 'a/Dockerfile': ROOT_USER, 'b/Dockerfile': DEBUG_INLINE });
    const { stdout } = runCli(['lint', '--format', 'json', '--suppress', 'CDL009=legacy image, JIRA-123', 'a/Dockerfile', 'b/Dockerfile'], { cwd });
    const findings = JSON.parse(stdout);
    expect(findings).toContainEqual(expect.objectContaining({ ruleId: 'CDL009', file: 'a/Dockerfile', suppressed: true, suppressionReason: 'legacy image, JIRA-123' }));
    expect(findings).toContainEqual(expect.objectContaining({
      ruleId: 'CDL004', file: 'b/Dockerfile', suppressed: true, suppressionReason: 'break-glass image for the on-call runbook',
    }));
  });
});

describe('cdk-distroless lint inputs', () => {
  test('- reads standard input, named <stdin>', () => {
    const { code, stdout } = runCli(['lint', '--format', 'json', '-'], { stdin: ROOT_USER });
    expect(code).toBe(1);
    expect(JSON.parse(stdout)[0].file).toBe('<stdin>');
  });

  test('--stdin-filename names standard input in reports', () => {
    const { stdout } = runCli(['lint', '--stdin-filename', 'services/api/Dockerfile', '-'], { stdin: ROOT_USER });
    expect(stdout).toMatch(/^services\/api\/Dockerfile:3:1 {2}error {2}CDL009/m);
  });

  test('a directory means the Dockerfile in it', () => {
    const cwd = withFiles({ 'svc/Dockerfile': ROOT_USER });
    const { code, stdout } = runCli(['lint', '--format', 'json', 'svc'], { cwd });
    expect(code).toBe(1);
    expect(JSON.parse(stdout)[0].file).toBe(path.join('svc', 'Dockerfile'));
  });

  test('absolute paths are reported as given', () => {
    const dir = withFiles({ Dockerfile: ROOT_USER });
    const file = path.join(dir, 'Dockerfile');
    expect(JSON.parse(runCli(['lint', '--format', 'json', file]).stdout)[0].file).toBe(file);
  });

  test('options may follow the files', () => {
    const cwd = withFiles({ Dockerfile: ROOT_USER });
    const findings = JSON.parse(runCli(['lint', 'Dockerfile', '--format', 'json'], { cwd }).stdout);
    expect(findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['CDL101', 'CDL009']);
  });
});

describe('cdk-distroless lint --mirror', () => {
  const MIRRORED = ROOT_USER.replace('gcr.io/distroless/', 'registry.example.com/gcr/distroless/');

  test('checks a mirrored base as its upstream catalog image', () => {
    const cwd = withFiles({ Dockerfile: MIRRORED });
    const without = JSON.parse(runCli(['lint', '--format', 'json', 'Dockerfile'], { cwd }).stdout).map((f: { ruleId: string }) => f.ruleId);
    expect(without).toContain('CDL002');
    const { stdout } = runCli(['lint', '--format', 'json', '--mirror', 'gcr.io/distroless=registry.example.com/gcr/distroless', 'Dockerfile'], { cwd });
    const ids = JSON.parse(stdout).map((f: { ruleId: string }) => f.ruleId);
    expect(ids).not.toContain('CDL002');
    expect(ids).toEqual(new DockerfilePolicy().lint(ROOT_USER).findings.map(f => f.ruleId));
  });
});

describe('cdk-distroless lint usage errors: exit 2, message on stderr, nothing on stdout', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['no FILE is given', ['lint'], /lint: no FILE given\. Name one or more Dockerfiles/],
    ['the format is unknown', ['lint', '--format', 'xml', 'Dockerfile'], /lint: unknown format "xml"\. Use one of: text, json, sarif\./],
    ['--format has no value', ['lint', 'Dockerfile', '--format'], /lint: Option '--format <value>' argument missing/],
    ['an option is unknown', ['lint', '--fix', 'Dockerfile'], /lint: Unknown option '--fix'\.\nRun `cdk-distroless lint --help` for the options\./],
    ['the file does not exist', ['lint', 'Dockerfile', 'missing/Dockerfile'], /lint: cannot read "missing\/Dockerfile" \(.*\): no such file\./],
    ['a directory holds no Dockerfile', ['lint', 'empty'], /lint: cannot read "empty\/Dockerfile" \(.*\): no such file\./],
    ['--suppress names an unknown rule', ['lint', '--suppress', 'CDL999=because', 'Dockerfile'], /--suppress "CDL999=because" names no known rule "CDL999"\. Use RULE_ID=reason/],
    ['--suppress has no reason', ['lint', '--suppress', 'CDL009', 'Dockerfile'], /--suppress "CDL009" has no reason\. Suppressions must say why/],
    ['--mirror has no =', ['lint', '--mirror', 'gcr.io/distroless', 'Dockerfile'], /lint: --mirror "gcr\.io\/distroless" is not UPSTREAM=MIRROR\. Use UPSTREAM_PREFIX=MIRROR_PREFIX/],
    ['--mirror has a bad prefix', ['lint', '--mirror', 'gcr.io/distroless=bad mirror', 'Dockerfile'], /lint: --mirror "gcr\.io\/distroless=bad mirror": RegistryMirror: mirrorPrefix "bad mirror" is not a registry prefix/],
    ['--suppress has an empty reason', ['lint', '--suppress', 'CDL009=  ', 'Dockerfile'], /--suppress "CDL009= {2}" has no reason/],
  ];
  test.each(cases)('fails if %s', (_, argv, message) => {
    const cwd = withFiles({ 'Dockerfile': ROOT_USER, 'empty/.keep': '' });
    const { code, stdout, stderr } = runCli(argv, { cwd });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^cdk-distroless: /);
    expect(stderr).toMatch(message);
  });

  test('fails if the path cannot be read for another reason, naming the reason', () => {
    const cwd = withFiles({ Dockerfile: ROOT_USER });
    const { code, stdout, stderr } = runCli(['lint', 'Dockerfile/inner'], { cwd });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/lint: cannot read "Dockerfile\/inner" \(.*\): ENOTDIR: not a directory/);
  });

  test('fails if standard input cannot be read', () => {
    let stdout = '';
    let stderr = '';
    const code = main(['lint', '-'], {
      stdout: s => { stdout += s; },
      stderr: s => { stderr += s; },
      readStdin: () => { throw new Error('EAGAIN: resource temporarily unavailable, read'); },
    });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/lint: cannot read standard input: EAGAIN/);
  });
});
