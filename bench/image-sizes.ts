/**
 * Final image size and build times per runtime, against the same app built single-stage on its
 * builder image (bench/image-sizes/<runtime>.Dockerfile). Started by bench/image-sizes.sh, which
 * sets up podman and the stand-in base images; prints a table and the goals, asserts nothing.
 *
 * Cold build: `podman build --no-cache` with empty cache mounts (base images present, as after a
 * pull). Rebuild: after a source-only change, with the layer cache. Probe: the same context built
 * again with `healthProbe: true` (layer cache on): the probe binary's size and what it adds to the image.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CASES, dockerfileFor, ImageCase, prepareContext, touchSource, APPS_DIR } from '../test/integ/images/cases';
import { build, imageConfig, imageSize, podman, requirePrivatePodman, sh, tail, withMountedImage } from '../test/integ/images/podman';
import { prepareRuntimeContext, RUNTIME_CASES, touchRuntimeSource } from '../test/integ/images/runtime-cases';

requirePrivatePodman();

const WORK = process.env.IMAGES_WORK ?? fs.mkdtempSync('/tmp/cdl-bench-');
const SINGLE_STAGE = path.join(__dirname, 'image-sizes');
/** Which app and single-stage Dockerfile each case is compared with. */
const SINGLE: { [name: string]: string } = {
  'go': 'go', 'go-cgo': 'go', 'static-scratch': 'go', 'nodejs': 'nodejs', 'python': 'python', 'java': 'java', 'java-jlink': 'java', 'cpp': 'cpp', 'rust': 'rust',
};
const ONLY = (process.env.IMAGES_ONLY ?? '').split(',').filter(s => s);

interface Row {
  name: string;
  base: string;
  finalBytes?: number;
  binaryBytes?: number;
  singleBytes?: number;
  probeBytes?: number;
  probeAddedBytes?: number;
  coldSeconds?: number;
  rebuildSeconds?: number;
  error?: string;
}

function clearCacheMounts(): void {
  const tmp = process.env.TMPDIR;
  if (!tmp) { return; }
  for (const entry of fs.readdirSync(tmp)) {
    if (entry.startsWith('buildah-cache')) { fs.rmSync(path.join(tmp, entry), { recursive: true, force: true }); }
  }
}

function measure(c: ImageCase): Row {
  const tag = `localhost/cdl-bench/${c.name}:latest`;
  const singleTag = `localhost/cdl-bench/${c.name}-single:latest`;
  const context = path.join(WORK, 'bench', c.name);
  const logs = path.join(WORK, 'bench-logs');
  const dockerfile = prepareContext(c, context);
  const row: Row = { name: c.name, base: dockerfile.finalImage.reference };

  clearCacheMounts();
  const cold = build(tag, context, { noCache: true, logFile: path.join(logs, `${c.name}-cold.log`) });
  if (!cold.ok) { return { ...row, error: `build failed: ${tail(cold.log, 3).replace(/\n/g, ' ')}` }; }
  row.coldSeconds = cold.seconds;
  row.finalBytes = imageSize(tag);
  const entrypoint = imageConfig(tag).Entrypoint ?? [];
  if (['go', 'go-cgo', 'static-scratch', 'cpp', 'rust'].includes(c.name)) {
    row.binaryBytes = withMountedImage(tag, root => fs.statSync(path.join(root, entrypoint[0])).size);
  }
  if (c.sourceFile) {
    touchSource(c, context);
    const again = build(tag, context, { logFile: path.join(logs, `${c.name}-rebuild.log`) });
    if (again.ok) { row.rebuildSeconds = again.seconds; }
  }

  // The same context with the health probe: the binary's size and what the image gains.
  const probeTag = `localhost/cdl-bench/${c.name}-probe:latest`;
  const probeFile = path.join(WORK, 'bench', `${c.name}.probe.Dockerfile`);
  const probe = dockerfileFor(c, { healthProbe: true });
  for (const f of probe.files().filter(g => g.path !== 'Dockerfile')) {
    fs.mkdirSync(path.dirname(path.join(context, f.path)), { recursive: true });
    fs.writeFileSync(path.join(context, f.path), f.content);
  }
  fs.writeFileSync(probeFile, probe.render());
  const withProbe = build(probeTag, context, { file: probeFile, logFile: path.join(logs, `${c.name}-probe.log`) });
  const plainAgain = imageSize(tag);
  if (withProbe.ok) {
    row.probeAddedBytes = imageSize(probeTag) - plainAgain;
    row.probeBytes = withMountedImage(probeTag, root => fs.statSync(path.join(root, probe.healthProbePath!)).size);
  } else {
    row.error = `build with the probe failed: ${tail(withProbe.log, 3).replace(/\n/g, ' ')}`;
  }
  podman(['rmi', '-f', probeTag]);

  const app = SINGLE[c.name];
  const singleContext = path.join(WORK, 'bench', `${app}-single`);
  if (!fs.existsSync(singleContext)) { fs.cpSync(path.join(APPS_DIR, app), singleContext, { recursive: true }); }
  const single = build(singleTag, singleContext, {
    noCache: true, file: path.join(SINGLE_STAGE, `${app}.Dockerfile`), logFile: path.join(logs, `${c.name}-single.log`),
  });
  if (single.ok) { row.singleBytes = imageSize(singleTag); } else { row.error = `single-stage build failed: ${tail(single.log, 3)}`; }
  podman(['rmi', '-f', tag, singleTag]);
  return row;
}

const mb = (n?: number) => n === undefined ? '-' : (n / 1e6).toFixed(1);
const s = (n?: number) => n === undefined ? '-' : n.toFixed(1);
const mb2 = (n?: number) => n === undefined ? '-' : (n / 1e6).toFixed(2);

const rows: Row[] = [];
for (const c of CASES.filter(k => !k.skip && SINGLE[k.name] && (ONLY.length === 0 || ONLY.includes(k.name)))) {
  process.stderr.write(`[bench] ${c.name}\n`);
  rows.push(measure(c));
}
podman(['image', 'prune', '-f']);

const header = ['runtime', 'final base', 'final MB', 'binary MB', 'single-stage MB', 'ratio', 'cold build s', 'rebuild s', 'rebuild/cold', 'probe MB', '+probe MB'];
const table = rows.map(r => [
  r.name,
  r.base.replace(/^gcr\.io\/distroless\//, 'distroless/'),
  mb(r.finalBytes),
  mb(r.binaryBytes),
  mb(r.singleBytes),
  r.finalBytes && r.singleBytes ? `${(r.singleBytes / r.finalBytes).toFixed(1)}x` : '-',
  s(r.coldSeconds),
  s(r.rebuildSeconds),
  r.coldSeconds && r.rebuildSeconds ? `${Math.round(100 * r.rebuildSeconds / r.coldSeconds)}%` : '-',
  mb2(r.probeBytes),
  mb2(r.probeAddedBytes),
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map(t => t[i].length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((w, i) => (i < 2 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
for (const t of table) { console.log(line(t)); }
for (const r of rows.filter(k => k.error)) { console.log(`${r.name}: ${r.error}`); }

console.log('\nGoals');
for (const r of rows.filter(k => ['go', 'static-scratch'].includes(k.name) && k.finalBytes)) {
  const overhead = (r.finalBytes! - (r.binaryBytes ?? 0)) / 1e6;
  console.log(`  ${r.name}: final = binary + ${overhead.toFixed(1)} MB (goal <= 3 MB): ${overhead <= 3 ? 'met' : 'MISSED'}`);
  if (r.singleBytes) {
    const ratio = r.singleBytes / r.finalBytes!;
    console.log(`  ${r.name}: ${ratio.toFixed(1)}x smaller than single-stage (goal >= 50x): ${ratio >= 50 ? 'met' : 'MISSED'}`);
  }
}
for (const r of rows.filter(k => k.probeAddedBytes !== undefined)) {
  const added = r.probeAddedBytes! / 1e6;
  console.log(`  ${r.name}: the health probe adds ${added.toFixed(2)} MB (goal <= 1.5 MB): ${added <= 1.5 ? 'met' : 'MISSED'}`);
}
for (const r of rows.filter(k => k.coldSeconds && k.rebuildSeconds)) {
  const share = r.rebuildSeconds! / r.coldSeconds!;
  console.log(`  ${r.name}: rebuild ${Math.round(share * 100)}% of cold (goal <= 25%): ${share <= 0.25 ? 'met' : 'MISSED'}`);
}
fs.writeFileSync(path.join(WORK, 'image-sizes.json'), JSON.stringify(rows, undefined, 2));

// Project layouts (issue 11): a Rust workspace whose dependency graph (a vendored crate) is built from the
// manifests with stub targets, and a jar whose dependencies are their own layer. Spring Boot's jarmode
// needs Maven Central, so the layered jar is the offline imitation: javac with vendored lib/*.jar, the jars
// one COPY layer and app.jar another. "Shipped" is what a registry push sends after the change: the final
// image's layers that are new, against the whole image.
interface LayoutRow { name: string; cold?: number; rebuild?: number; shippedBytes?: number; totalBytes?: number; error?: string }
const LAYOUT_CASES = ['rt-rust-workspace', 'rt-java-layered'];
/** The image's layers as a registry would receive them (its manifest, read by skopeo): digest and size. */
const layersOf = (tag: string): Array<{ digest: string; size: number }> =>
  JSON.parse(sh('skopeo', ['inspect', '--raw', `containers-storage:${tag}`]).stdout || '{}').layers ?? [];
const layoutRows: LayoutRow[] = [];
for (const c of RUNTIME_CASES.filter(k => LAYOUT_CASES.includes(k.name) && (ONLY.length === 0 || ONLY.includes(k.name)))) {
  process.stderr.write(`[bench] ${c.name}\n`);
  const tag = `localhost/cdl-bench/${c.name}:latest`;
  const context = path.join(WORK, 'bench', c.name);
  const row: LayoutRow = { name: c.name };
  layoutRows.push(row);
  try {
    prepareRuntimeContext(c, context);
  } catch (e) {
    row.error = (e as Error).message.split('\n')[0];
    continue;
  }
  clearCacheMounts();
  const cold = build(tag, context, { noCache: true, logFile: path.join(WORK, 'bench-logs', `${c.name}-cold.log`) });
  if (!cold.ok) { row.error = `build failed: ${tail(cold.log, 3).replace(/\n/g, ' ')}`; continue; }
  row.cold = cold.seconds;
  const before = new Set(layersOf(tag).map(l => l.digest));
  touchRuntimeSource(c, context);
  const again = build(tag, context, { logFile: path.join(WORK, 'bench-logs', `${c.name}-rebuild.log`) });
  if (!again.ok) { row.error = `rebuild failed: ${tail(again.log, 3).replace(/\n/g, ' ')}`; continue; }
  row.rebuild = again.seconds;
  const after = layersOf(tag);
  row.totalBytes = after.reduce((n, l) => n + l.size, 0);
  row.shippedBytes = after.filter(l => !before.has(l.digest)).reduce((n, l) => n + l.size, 0);
  podman(['rmi', '-f', tag]);
}
if (layoutRows.length > 0) {
  console.log('\n| layout | cold build s | rebuild s | rebuild/cold | shipped after the change |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of layoutRows) {
    console.log(`| ${r.name} | ${s(r.cold)} | ${s(r.rebuild)} | ${r.cold && r.rebuild ? `${Math.round(100 * r.rebuild / r.cold)}%` : '-'} | `
      + `${r.totalBytes ? `${((r.shippedBytes ?? 0) / 1e3).toFixed(1)} kB of ${mb(r.totalBytes)} MB` : '-'} |`);
  }
  for (const r of layoutRows.filter(k => k.error)) { console.log(`${r.name}: ${r.error}`); }
  for (const r of layoutRows.filter(k => k.cold && k.rebuild)) {
    const share = r.rebuild! / r.cold!;
    console.log(`  ${r.name}: rebuild ${Math.round(share * 100)}% of cold (goal <= 25%): ${share <= 0.25 ? 'met' : 'MISSED'}`);
  }
  podman(['image', 'prune', '-f']);
}
