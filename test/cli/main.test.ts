import * as fs from 'fs';
import * as path from 'path';
import { runCli } from './harness';

const version = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version;

describe('cdk-distroless', () => {
  test.each(['--help', '-h', 'help'])('%s prints the usage with every command and exits 0', flag => {
    const { code, stdout, stderr } = runCli([flag]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^Usage: cdk-distroless <command>/);
    for (const command of ['lint', 'init', 'images', 'help']) {
      expect(stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
  });

  test.each(['--version', '-v'])('%s prints the package version', flag => {
    const { code, stdout } = runCli([flag]);
    expect(code).toBe(0);
    expect(stdout).toBe(`${version}\n`);
  });

  test.each(['lint', 'init', 'images'])('help %s prints that command\'s help, as %s --help does', command => {
    const viaHelp = runCli(['help', command]);
    const viaFlag = runCli([command, '--help']);
    expect(viaHelp.code).toBe(0);
    expect(viaFlag.code).toBe(0);
    expect(viaHelp.stdout).toMatch(new RegExp(`^Usage: cdk-distroless ${command} `));
    expect(viaFlag.stdout).toBe(viaHelp.stdout);
  });

  test('fails if no command is given: usage on stderr, exit 2', () => {
    const { code, stdout, stderr } = runCli([]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^Usage: cdk-distroless <command>/);
  });

  test('fails if the command is unknown', () => {
    const { code, stdout, stderr } = runCli(['scan', 'Dockerfile']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^cdk-distroless: unknown command "scan"\. Commands: lint, check, init, images\.\nRun `cdk-distroless --help` for usage\.\n$/);
  });

  test('fails if a global option is unknown', () => {
    const { code, stderr } = runCli(['--verbose']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown option "--verbose"/);
  });

  test('fails if help is asked for an unknown command', () => {
    const { code, stderr } = runCli(['help', 'scan']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/help: unknown command "scan"/);
  });
});
