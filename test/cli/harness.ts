import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../lib/cli/main';

/** What one in-process CLI run printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process, capturing its output. */
export function runCli(argv: string[], options: { cwd?: string; stdin?: string } = {}): CliRun {
  let stdout = '';
  let stderr = '';
  const code = main(argv, {
    stdout: s => { stdout += s; },
    stderr: s => { stderr += s; },
    cwd: options.cwd,
    readStdin: options.stdin === undefined ? undefined : () => options.stdin!,
  });
  return { code, stdout, stderr };
}

/** A fresh temporary folder; removed by `cleanupTempDirs`. */
const dirs: string[] = [];
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdl-cli-'));
  dirs.push(dir);
  return dir;
}

export function cleanupTempDirs(): void {
  for (const dir of dirs.splice(0)) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes files (name -> content) into a new temporary folder and returns it. */
export function withFiles(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** Whether jsii's in-place output exists and is at least as new as every source file under lib/. */
export function compiledIsFresh(dir = path.join(__dirname, '..', '..', 'lib')): boolean {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!compiledIsFresh(file)) { return false; }
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
      const js = file.replace(/\.ts$/, '.js');
      if (!fs.existsSync(js) || fs.statSync(js).mtimeMs < fs.statSync(file).mtimeMs) { return false; }
    }
  }
  return true;
}
