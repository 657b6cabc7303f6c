/**
 * Stages build contexts for 1, 50 and 200 workloads from one 10 MiB source, next to the naive
 * baseline of copying the context once per workload (what per-asset staging does when every
 * workload has its own build args).
 *
 *   npm run bench:staging [-- --mib 10 --files 200 --counts 1,50,200]
 *
 * Each workload is a `DistrolessImage.fromDockerfile` with its own `VERSION` build arg, defined
 * and staged into a fresh output folder; the context listing cache is cleared before every row,
 * so each row reads the source once, as a new `cdk synth` process would. The baseline copies the
 * same files (after .dockerignore) with fs.cpSync once per workload. "define+stage" includes each
 * image's definition (reading and linting its Dockerfile); "of it stage()" is staging alone. Bytes are what was written;
 * time is wall time of one run. The bench prints figures and asserts nothing about time.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { DistrolessImage } from '../lib/workload';
import { _clearContextCache } from '../lib/workload/staging';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const MIB = Number(option('mib', '10'));
const FILES = Number(option('files', '200'));
const COUNTS = option('counts', '1,50,200').split(',').map(Number);
if (!(MIB > 0) || !(FILES > 0) || COUNTS.some(c => !Number.isInteger(c) || c < 1)) {
  throw new Error('bench/staging: --mib and --files must be positive, --counts a comma-separated list of positive integers');
}

const DIGEST = `sha256:${'0'.repeat(64)}`;
const DOCKERFILE = [
  `FROM golang:1.25@${DIGEST} AS build`,
  'ARG VERSION=dev',
  'WORKDIR /src',
  'COPY . .',
  'RUN CGO_ENABLED=0 go build -ldflags "-X main.version=${VERSION}" -o /out/app .',
  `FROM gcr.io/distroless/static-debian13:nonroot@${DIGEST}`,
  'COPY --from=build /out/app /app/app',
  'USER 65532:65532',
  'ENTRYPOINT ["/app/app"]',
  '',
].join('\n');

/** A source folder of `FILES` files totalling `MIB` MiB (random bytes: nothing dedupes them), plus what .dockerignore drops. */
function makeSource(root: string): number {
  const per = Math.floor((MIB * 1024 * 1024) / FILES);
  let bytes = 0;
  for (let i = 0; i < FILES; i++) {
    const dir = path.join(root, `pkg${i % 10}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `file${i}.go`), crypto.randomBytes(per));
    bytes += per;
  }
  fs.writeFileSync(path.join(root, 'Dockerfile'), DOCKERFILE);
  fs.writeFileSync(path.join(root, '.dockerignore'), '.git\nnode_modules\n');
  fs.mkdirSync(path.join(root, '.git'));
  fs.writeFileSync(path.join(root, '.git', 'pack'), crypto.randomBytes(1024 * 1024));
  return bytes;
}

function du(dir: string): number {
  let total = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) { total += du(p); } else if (e.isFile()) { total += fs.statSync(p).size; }
  }
  return total;
}

function staged(source: string, count: number, out: string): { ms: number; stageMs: number; written: number; onDisk: number; folders: number } {
  _clearContextCache();
  const start = performance.now();
  let written = 0;
  let stageMs = 0;
  for (let i = 0; i < count; i++) {
    const image = DistrolessImage.fromDockerfile(source, { buildArgs: { VERSION: `1.0.${i}` } });
    const t = performance.now();
    written += image.stage(out).bytesWritten ?? 0;
    stageMs += performance.now() - t;
  }
  const ms = performance.now() - start;
  return { ms, stageMs, written, onDisk: du(out), folders: fs.readdirSync(out).length };
}

function naive(source: string, count: number, out: string): { ms: number; onDisk: number; folders: number } {
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    // Per-workload staging: the whole context again for each workload (the .dockerignored .git left out, to be fair).
    fs.cpSync(source, path.join(out, `asset.${i}`), { recursive: true, filter: src => path.basename(src) !== '.git' });
  }
  const ms = performance.now() - start;
  return { ms, onDisk: du(out), folders: fs.readdirSync(out).length };
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function main(): void {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cdl-bench-staging-'));
  try {
    const source = path.join(root, 'source');
    const bytes = makeSource(source);
    console.log(`source: ${FILES} files, ${mb(bytes)} (+1 MiB .git excluded by .dockerignore); each workload has its own VERSION build arg`);
    const rows: string[][] = [['workloads', 'define+stage', 'of it stage()', 'written', 'on disk', 'folders', 'naive copy', 'on disk', 'folders', 'disk ratio']];
    // Every staged row first: the naive rows write GBs whose write-back would slow whatever runs next.
    const stagedRows = COUNTS.map(count => staged(source, count, fs.mkdtempSync(path.join(root, 'staged-'))));
    COUNTS.forEach((count, i) => {
      const a = stagedRows[i];
      const out = fs.mkdtempSync(path.join(root, 'naive-'));
      const b = naive(source, count, out);
      fs.rmSync(out, { recursive: true, force: true });
      rows.push([String(count), `${a.ms.toFixed(0)} ms`, `${a.stageMs.toFixed(0)} ms`, mb(a.written), mb(a.onDisk), String(a.folders),
        `${b.ms.toFixed(0)} ms`, mb(b.onDisk), String(b.folders), `${(b.onDisk / a.onDisk).toFixed(0)}x`]);
    });
    const widths = rows[0].map((_, c) => Math.max(...rows.map(r => r[c].length)));
    for (const r of rows) { console.log(r.map((cell, c) => cell.padStart(widths[c])).join('  ')); }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

main();
