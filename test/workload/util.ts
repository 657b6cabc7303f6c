import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** A digest for pinned references in fixtures. */
export const DIGEST = `sha256:${'b'.repeat(64)}`;
export const STATIC = `gcr.io/distroless/static-debian13:nonroot@${DIGEST}`;

const roots: string[] = [];

/** A fresh folder under the OS temp dir, removed after the test file. */
export function tmpdir(prefix = 'cdl-workload-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  roots.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of roots.splice(0)) { fs.rmSync(dir, { recursive: true, force: true }); }
});

/** A folder with the given files (path to content). */
export function folder(files: { [path: string]: string }): string {
  const dir = tmpdir();
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

/** A Go module folder (go.mod and main.go) plus the given files: what the generator needs to read a Go project. */
export function goApp(files: { [path: string]: string } = {}): string {
  return folder({ 'go.mod': 'module example.com/app\n\ngo 1.22\n', 'main.go': 'package main\n\nfunc main() {}\n', ...files });
}

/** A Node.js project folder (package.json, its lockfile and server.js) plus the given files. */
export function nodeApp(files: { [path: string]: string } = {}): string {
  return folder({
    'package.json': JSON.stringify({ name: 'app', version: '1.0.0', main: 'server.js' }),
    'package-lock.json': JSON.stringify({ name: 'app', version: '1.0.0', lockfileVersion: 3, requires: true, packages: { '': { name: 'app', version: '1.0.0' } } }),
    'server.js': 'require("http")\n',
    ...files,
  });
}

/** Dockerfile lines joined. */
export function df(...lines: string[]): string {
  return lines.join('\n') + '\n';
}

/** A hash of a folder: every path, kind, mode and content (links by target), for before/after checks. */
export function treeHash(dir: string): string {
  const h = crypto.createHash('sha256');
  const walk = (rel: string) => {
    for (const name of fs.readdirSync(path.join(dir, rel)).sort()) {
      const r = path.join(rel, name);
      const abs = path.join(dir, r);
      const st = fs.lstatSync(abs);
      h.update(`${r}\0${st.mode}\0${st.mtimeMs}\0`);
      if (st.isSymbolicLink()) {
        h.update(fs.readlinkSync(abs));
      } else if (st.isDirectory()) {
        walk(r);
      } else if (st.isFile()) {
        h.update(fs.readFileSync(abs));
      }
    }
  };
  walk('');
  return h.digest('hex');
}
