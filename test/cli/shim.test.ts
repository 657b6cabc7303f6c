import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { cleanupTempDirs, compiledIsFresh, withFiles } from './harness';

afterAll(cleanupTempDirs);

const ROOT = path.join(__dirname, '..', '..');
const SHIM = path.join(ROOT, 'bin', 'cdk-distroless');

// A fresh clone runs `npm test` before any compile: then the shim runs from source through ts-node,
// preferring .ts over stale .js so the process sees the same code as the in-process tests.
const COMPILED = compiledIsFresh();
const NODE_ARGS = COMPILED ? [SHIM] : ['-r', require.resolve('ts-node/register/transpile-only'), SHIM];

function spawnCli(args: string[], options: { cwd?: string; input?: string } = {}) {
  const r = spawnSync(process.execPath, [...NODE_ARGS, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'test', 'tsconfig.json'), TS_NODE_PREFER_TS_EXTS: 'true' },
  });
  if (r.error) { throw r.error; }
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe(`bin/cdk-distroless as a process (${COMPILED ? 'compiled lib' : 'ts-node from source'})`, () => {
  test('the shim is an executable node script', () => {
    const text = fs.readFileSync(SHIM, 'utf8');
    expect(text.split('\n')[0]).toBe('#!/usr/bin/env node');
    expect(text).toMatch(/require\('\.\.\/lib\/cli\/main'\)\.run\(\)/);
    // eslint-disable-next-line no-bitwise
    expect(fs.statSync(SHIM).mode & 0o111).not.toBe(0);
  });

  test('lint of a bad Dockerfile prints findings and exits 1', () => {
    const dir = withFiles({ Dockerfile: 'FROM ubuntu:latest\nRUN apt-get update && apt-get install -y curl\nUSER root\nCMD ["/app"]\n' });
    const { code, stdout, stderr } = spawnCli(['lint', 'Dockerfile'], { cwd: dir });
    expect({ code, stderr }).toEqual({ code: 1, stderr: '' });
    expect(stdout).toMatch(/CDL\d{3}/);
    expect(stdout).toMatch(/^FAIL: 1 file checked, [1-9]\d* errors?, /m);
  }, 60_000);

  test('lint - reads standard input and --format json prints findings; exit codes 1 and 2 reach the shell', () => {
    const bad = spawnCli(['lint', '--format', 'json', '-'], { input: 'FROM ubuntu:latest\nUSER root\n' });
    expect(bad.code).toBe(1);
    const findings = JSON.parse(bad.stdout);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings[0]).toMatchObject({ file: '<stdin>', ruleId: expect.stringMatching(/^CDL\d{3}$/) });

    const usage = spawnCli(['lint', '--format', 'xml', '-']);
    expect(usage.code).toBe(2);
    expect(usage.stdout).toBe('');
    expect(usage.stderr).toMatch(/lint: unknown format "xml"/);
  }, 60_000);
});
