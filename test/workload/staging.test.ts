import { execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { df, folder, goApp, STATIC, tmpdir, treeHash } from './util';
import { Runtime } from '../../lib/dockerfile';
import { DistrolessImage } from '../../lib/workload';
import { _clearContextCache } from '../../lib/workload/staging';

const GOLANG = `golang:1.25@sha256:${'c'.repeat(64)}`;
const DOCKERFILE = df(`FROM ${GOLANG} AS build`, 'ARG VERSION=dev', 'RUN go build', `FROM ${STATIC}`, 'COPY --from=build /out/app /app/app', 'USER 65532:65532');

function files(dir: string, rel = ''): string[] {
  return fs.readdirSync(path.join(dir, rel)).sort().flatMap(name => {
    const r = rel ? `${rel}/${name}` : name;
    const st = fs.lstatSync(path.join(dir, r));
    return st.isDirectory() && !st.isSymbolicLink() ? [`${r}/`, ...files(dir, r)] : [r];
  });
}

beforeEach(() => _clearContextCache());

describe('DistrolessImage.stage', () => {
  test('fromSource: the user\'s files without what .dockerignore excludes, plus the generated files; the folder is unchanged', () => {
    const dir = folder({
      'main.go': 'package main',
      'go.mod': 'module example.com/x\n\ngo 1.22\n',
      '.git/HEAD': 'ref',
      'node_modules/x/index.js': '',
      '.env': 'SECRET=1',
      'internal/a.go': 'package internal',
      '.dockerignore': 'internal/skip.txt\n!.env\n',
      'internal/skip.txt': 'x',
    });
    fs.chmodSync(path.join(dir, 'main.go'), 0o755);
    const before = treeHash(dir);
    const img = DistrolessImage.fromSource(dir, { runtime: Runtime.go() });
    const out = tmpdir();
    const staged = img.stage(out);
    expect(treeHash(dir)).toBe(before);
    expect(path.dirname(staged.directory)).toBe(out);
    expect(path.basename(staged.directory)).toBe(`context.${staged.hash}`);
    expect(staged.dockerfile).toBe('Dockerfile');
    expect(staged.warnings).toEqual([]);
    const names = files(staged.directory);
    expect(names).toEqual(expect.arrayContaining(['Dockerfile', '.dockerignore', 'main.go', 'go.mod', 'internal/', 'internal/a.go']));
    // The generated .dockerignore keeps VCS data and secrets out (the user's `!.env` cannot bring it back); their exclusions count too.
    expect(names).not.toEqual(expect.arrayContaining(['.git/HEAD']));
    expect(names.filter(n => n.startsWith('.git/') || n === '.env' || n === 'internal/skip.txt')).toEqual([]);
    expect(fs.readFileSync(path.join(staged.directory, '.dockerignore'), 'utf8')).toBe(img.generator!.renderDockerignore());
    // The executable bit survives (COPY keeps it).
    // eslint-disable-next-line no-bitwise
    expect(fs.statSync(path.join(staged.directory, 'main.go')).mode & 0o111).not.toBe(0);
    expect(staged.bytesWritten).toBeGreaterThan(0);
  });

  test('50 workloads from one source with different build args stage one context, written once', () => {
    const dir = folder({ 'Dockerfile': DOCKERFILE, 'main.go': 'package main', 'data.bin': 'x'.repeat(100_000) });
    const out = tmpdir();
    const staged = Array.from({ length: 50 }, (_, i) => DistrolessImage.fromDockerfile(dir, { buildArgs: { VERSION: `1.0.${i}` } }).stage(out));
    expect(new Set(staged.map(s => s.directory)).size).toBe(1);
    expect(fs.readdirSync(out)).toEqual([path.basename(staged[0].directory)]);
    expect(staged[0].bytesWritten).toBeGreaterThan(100_000);
    expect(staged.slice(1).every(s => s.bytesWritten === 0)).toBe(true);
  });

  test('fromSource: identical options share a context, different generated files do not', () => {
    const dir = goApp();
    const out = tmpdir();
    const a = DistrolessImage.fromSource(dir, { runtime: Runtime.go() }).stage(out);
    const b = DistrolessImage.fromSource(dir, { runtime: Runtime.go() }).stage(out);
    const c = DistrolessImage.fromSource(dir, { runtime: Runtime.go(), exposedPorts: [8080] }).stage(out);
    expect(b.directory).toBe(a.directory);
    expect(c.directory).not.toBe(a.directory);
  });

  test('a changed file changes the hash (in a new process: listings are read once per process)', () => {
    const dir = folder({ 'Dockerfile': DOCKERFILE, 'main.go': 'v1' });
    const out = tmpdir();
    const first = DistrolessImage.fromDockerfile(dir).stage(out);
    fs.writeFileSync(path.join(dir, 'main.go'), 'v2');
    expect(DistrolessImage.fromDockerfile(dir).stage(out).hash).toBe(first.hash);
    _clearContextCache();
    expect(DistrolessImage.fromDockerfile(dir).stage(out).hash).not.toBe(first.hash);
  });

  test('fromDockerfile: its .dockerignore applies, yet the Dockerfile and the ignore file are always staged', () => {
    const dir = folder({ 'Dockerfile': DOCKERFILE, '.dockerignore': 'Dockerfile\n.dockerignore\n*.log\nlogs\n!logs/keep.log\n', 'a.log': '', 'logs/x.log': '', 'logs/keep.log': 'k', 'main.go': '' });
    const staged = DistrolessImage.fromDockerfile(dir).stage(tmpdir());
    expect(files(staged.directory)).toEqual(['.dockerignore', 'Dockerfile', 'logs/', 'logs/keep.log', 'main.go']);
  });

  test('fromDockerfile: <Dockerfile>.dockerignore wins over .dockerignore, as in BuildKit', () => {
    const dir = folder({ 'build/Dockerfile': DOCKERFILE, 'build/Dockerfile.dockerignore': 'secret.txt\n', '.dockerignore': 'main.go\n', 'main.go': '', 'secret.txt': '' });
    const staged = DistrolessImage.fromDockerfile(dir, { file: 'build/Dockerfile' }).stage(tmpdir());
    expect(staged.dockerfile).toBe('build/Dockerfile');
    expect(files(staged.directory)).toEqual(['.dockerignore', 'build/', 'build/Dockerfile', 'build/Dockerfile.dockerignore', 'main.go']);
  });

  test('a symlink inside the context stays a link; an absolute one into the context is made relative', () => {
    const dir = folder({ 'Dockerfile': DOCKERFILE, 'config/app.yaml': 'a: 1' });
    fs.symlinkSync('config/app.yaml', path.join(dir, 'app.yaml'));
    fs.symlinkSync(path.join(dir, 'config'), path.join(dir, 'conf'));
    const staged = DistrolessImage.fromDockerfile(dir).stage(tmpdir());
    expect(fs.readlinkSync(path.join(staged.directory, 'app.yaml'))).toBe('config/app.yaml');
    expect(fs.readlinkSync(path.join(staged.directory, 'conf'))).toBe('config');
    expect(fs.readFileSync(path.join(staged.directory, 'conf/app.yaml'), 'utf8')).toBe('a: 1');
  });

  test('fails if a symlink points outside the context, and stages nothing', () => {
    const dir = folder({ Dockerfile: DOCKERFILE });
    fs.symlinkSync('../../../etc/passwd', path.join(dir, 'passwd'));
    const out = tmpdir();
    expect(() => DistrolessImage.fromDockerfile(dir).stage(out))
      .toThrow(/DistrolessImage.stage\(.*\): passwd in .* is a symbolic link to "..\/..\/..\/etc\/passwd", outside the build context\. .*exclude the link in .dockerignore/);
    expect(fs.readdirSync(out)).toEqual([]);
    fs.symlinkSync('/etc', path.join(dir, 'etc'));
    fs.writeFileSync(path.join(dir, '.dockerignore'), 'passwd\n');
    _clearContextCache();
    expect(() => DistrolessImage.fromDockerfile(dir).stage(out)).toThrow(/etc in .* is a symbolic link to "\/etc", outside the build context/);
    // Excluded links are never followed.
    fs.writeFileSync(path.join(dir, '.dockerignore'), 'passwd\netc\n');
    _clearContextCache();
    expect(DistrolessImage.fromDockerfile(dir).stage(out).warnings).toEqual([]);
  });

  test('special files are skipped with a warning', async () => {
    const dir = folder({ 'Dockerfile': DOCKERFILE, 'main.go': '' });
    execFileSync('mkfifo', [path.join(dir, 'pipe')]);
    const server = net.createServer();
    await new Promise<void>(resolve => server.listen(path.join(dir, 'app.sock'), resolve));
    try {
      const staged = DistrolessImage.fromDockerfile(dir).stage(tmpdir());
      expect(staged.warnings).toEqual([
        expect.stringMatching(/app.sock is a socket; it is skipped/),
        expect.stringMatching(/pipe is a named pipe \(FIFO\); it is skipped/),
      ]);
      expect(files(staged.directory)).toEqual(['Dockerfile', 'main.go']);
    } finally {
      server.close();
    }
  });

  test('a leftover temporary folder of an interrupted stager does not matter; the rename is atomic', () => {
    const dir = folder({ Dockerfile: DOCKERFILE });
    const out = tmpdir();
    const img = DistrolessImage.fromDockerfile(dir);
    const first = img.stage(out);
    fs.rmSync(first.directory, { recursive: true });
    fs.mkdirSync(`${first.directory}.tmp-1-deadbeef`);
    const again = img.stage(out);
    expect(again.directory).toBe(first.directory);
    expect(files(again.directory)).toEqual(['Dockerfile']);
    expect(fs.readdirSync(out).filter(n => n.includes('.tmp-') && n !== path.basename(`${first.directory}.tmp-1-deadbeef`))).toEqual([]);
  });

  test('fails if outdir is inside the context or not a path', () => {
    const dir = folder({ Dockerfile: DOCKERFILE });
    expect(() => DistrolessImage.fromDockerfile(dir).stage(path.join(dir, 'out'))).toThrow(/outdir ".*out" is inside the build context .*: the user's folder is never written to/);
    expect(() => DistrolessImage.fromDockerfile(dir).stage('')).toThrow(/outdir must be the folder to stage into/);
  });
});

describe('concurrent stagers', () => {
  test('four processes staging the same context at once leave one complete folder and no temporary ones', async () => {
    const dir = folder({ 'Dockerfile': DOCKERFILE, 'main.go': 'package main', 'data.bin': 'x'.repeat(2_000_000) });
    const out = tmpdir();
    const lib = path.join(__dirname, '..', '..', 'lib', 'workload');
    const script = `const { DistrolessImage } = require(${JSON.stringify(lib)});
      const s = DistrolessImage.fromDockerfile(${JSON.stringify(dir)}).stage(${JSON.stringify(out)});
      process.stdout.write(s.directory);`;
    const run = () => new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
        cwd: path.join(__dirname, '..', '..'), env: { ...process.env, TS_NODE_PROJECT: 'test/tsconfig.json', TS_NODE_PREFER_TS_EXTS: 'true' },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', d => { stdout += d; });
      child.stderr.on('data', d => { stderr += d; });
      child.on('close', code => (code === 0 ? resolve(stdout) : reject(new Error(stderr))));
    });
    const dirs = await Promise.all([run(), run(), run(), run()]);
    expect(new Set(dirs).size).toBe(1);
    expect(fs.readdirSync(out)).toEqual([path.basename(dirs[0])]);
    expect(fs.readFileSync(path.join(dirs[0], 'data.bin'), 'utf8')).toHaveLength(2_000_000);
    expect(files(dirs[0])).toEqual(['Dockerfile', 'data.bin', 'main.go']);
  }, 60_000);
});
