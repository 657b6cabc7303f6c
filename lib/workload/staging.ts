/**
 * Build-context staging: the user's files as Docker would send them (after `.dockerignore`), plus the
 * generated files, copied once into a folder named by their content hash. Internal: used by
 * `DistrolessImage.stage()`.
 */
/* eslint-disable no-bitwise */ // permission bits and buffer sizes
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
// Docker's own .dockerignore semantics (Go filepath.Match, `!` exceptions, parent-directory matches).
import dockerignore from '@balena/dockerignore';

/** One entry of a build context. */
interface ContextEntry {
  /** Relative path with `/` separators. */
  readonly rel: string;
  readonly kind: 'file' | 'dir' | 'symlink';
  /** Permission bits (files and directories). */
  readonly mode: number;
  readonly size: number;
  /** sha256 of a file's content. */
  readonly hash?: string;
  /** A symlink's target, relative, as it is written in the staged folder. */
  readonly link?: string;
}

/** What a folder holds for a build, read once. */
export interface ContextListing {
  readonly root: string;
  readonly entries: ContextEntry[];
  /** Special files skipped, one sentence each. */
  readonly warnings: string[];
  /** sha256 over every entry's path, kind, executable bit and content. */
  readonly digest: string;
  readonly bytes: number;
}

/** A file the generator adds to the context (it wins over a user file of the same path). */
export interface ExtraFile {
  readonly path: string;
  readonly content: string;
}

/** The result of staging. */
export interface StageResult {
  readonly directory: string;
  readonly hash: string;
  readonly warnings: string[];
  readonly bytesWritten: number;
  readonly reused: boolean;
}

/** Listings by folder and options: a CDK app stages many workloads from one folder in one process. */
const listings = new Map<string, ContextListing>();

/**
 * Forgets every folder listing read so far (the files are read once per folder, ignore rules and
 * kept paths in a process).
 * @internal
 */
export function _clearContextCache(): void {
  listings.clear();
}

/**
 * Lists a build context: what `.dockerignore` keeps, special files skipped with a warning, and
 * symlinks that leave the context refused. Cached per folder, ignore rules and kept paths.
 *
 * @param keep paths always sent (the Dockerfile and its ignore file, as Docker does)
 * @param omit paths the generator writes itself
 * @internal
 */
export function _listContext(root: string, ignoreTexts: string[], keep: string[], omit: string[], what: string): ContextListing {
  const key = JSON.stringify([root, ignoreTexts, keep, omit]);
  const cached = listings.get(key);
  if (cached) { return cached; }

  const patterns = ignoreTexts.flatMap(t => t.split(/\r?\n/)).map(l => l.trim()).filter(l => l !== '' && !l.startsWith('#'));
  const ig = dockerignore().add(patterns);
  const hasExceptions = patterns.some(p => p.startsWith('!'));
  const realRoot = fs.realpathSync(root);
  const entries: ContextEntry[] = [];
  const warnings: string[] = [];
  const keepSet = new Set(keep);
  const omitSet = new Set(omit);
  let bytes = 0;

  const walk = (rel: string): void => {
    const names = fs.readdirSync(path.join(root, rel)).sort();
    for (const name of names) {
      const r = rel ? `${rel}/${name}` : name;
      if (omitSet.has(r)) { continue; }
      const abs = path.join(root, r);
      const st = fs.lstatSync(abs);
      const ignored = !keepSet.has(r) && ig.ignores(r);
      if (st.isDirectory()) {
        if (ignored && !hasExceptions) { continue; }
        const before = entries.length;
        walk(r);
        // An ignored folder is only sent for the exceptions inside it.
        if (!ignored || entries.length > before) {
          entries.splice(before, 0, { rel: r, kind: 'dir', mode: st.mode & 0o7777, size: 0 });
        }
        continue;
      }
      if (ignored) { continue; }
      if (st.isSymbolicLink()) {
        const target = fs.readlinkSync(abs);
        const resolved = path.resolve(path.dirname(abs), target);
        if (!isInside(resolved, root) && !isInside(resolved, realRoot)) {
          throw new Error(`${what}: ${r} in ${root} is a symbolic link to ${JSON.stringify(target)}, outside the build context. `
            + 'A build can only read files inside its context, and staging must not copy files from elsewhere. '
            + 'Copy the file into the folder, or exclude the link in .dockerignore.');
        }
        const inside = isInside(resolved, root) ? resolved : path.join(root, path.relative(realRoot, resolved));
        const link = path.relative(path.dirname(abs), inside) || '.';
        entries.push({ rel: r, kind: 'symlink', mode: 0, size: 0, link });
        continue;
      }
      if (!st.isFile()) {
        const kind = st.isSocket() ? 'a socket' : st.isFIFO() ? 'a named pipe (FIFO)' : st.isBlockDevice() ? 'a block device' : st.isCharacterDevice() ? 'a character device' : 'a special file';
        warnings.push(`${what}: ${r} is ${kind}; it is skipped (a build context holds only files, folders and links).`);
        continue;
      }
      entries.push({ rel: r, kind: 'file', mode: st.mode & 0o7777, size: st.size, hash: hashFile(abs) });
      bytes += st.size;
    }
  };
  walk('');

  const digest = crypto.createHash('sha256');
  for (const e of entries) {
    digest.update(`${e.kind}\0${e.rel}\0${e.mode & 0o111 ? 'x' : '-'}\0${e.hash ?? e.link ?? ''}\n`);
  }
  const listing = { root, entries, warnings, digest: digest.digest('hex'), bytes };
  listings.set(key, listing);
  return listing;
}

/** The folder name's hash: the listing plus the generated files. */
export function _contextHash(listing: ContextListing, extra: ExtraFile[]): string {
  const h = crypto.createHash('sha256').update(listing.digest);
  for (const f of [...extra].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    h.update(`extra\0${f.path}\0`).update(sha256(f.content)).update('\n');
  }
  return h.digest('hex').slice(0, 32);
}

/**
 * Copies a listing and the generated files into `<outdir>/context.<hash>`, unless that folder exists.
 * Written into a temporary folder and renamed, so concurrent stagers never see half a context.
 * @internal
 */
export function _stageContext(listing: ContextListing, extra: ExtraFile[], outdir: string): StageResult {
  const hash = _contextHash(listing, extra);
  const dir = path.join(outdir, `context.${hash}`);
  if (fs.existsSync(dir)) {
    return { directory: dir, hash, warnings: listing.warnings, bytesWritten: 0, reused: true };
  }
  fs.mkdirSync(outdir, { recursive: true });
  const tmp = `${dir}.tmp-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  let bytesWritten = 0;
  try {
    fs.mkdirSync(tmp);
    const extraPaths = new Set(extra.map(f => f.path));
    for (const e of listing.entries) {
      if (extraPaths.has(e.rel)) { continue; }
      const target = path.join(tmp, e.rel);
      if (e.kind === 'dir') {
        fs.mkdirSync(target, { recursive: true, mode: e.mode | 0o700 });
      } else if (e.kind === 'symlink') {
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.symlinkSync(e.link!, target);
      } else {
        fs.mkdirSync(path.dirname(target), { recursive: true });
        // copyFile keeps the mode (the executable bit matters to COPY) and clones where the filesystem can.
        fs.copyFileSync(path.join(listing.root, e.rel), target, fs.constants.COPYFILE_FICLONE);
        bytesWritten += e.size;
      }
    }
    for (const f of extra) {
      const target = path.join(tmp, f.path);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.rmSync(target, { recursive: true, force: true });
      fs.writeFileSync(target, f.content);
      bytesWritten += Buffer.byteLength(f.content);
    }
    fs.renameSync(tmp, dir);
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    const code = (e as NodeJS.ErrnoException).code;
    // Another stager renamed the same content first: its folder is complete, use it.
    if ((code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'EPERM') && fs.existsSync(dir)) {
      return { directory: dir, hash, warnings: listing.warnings, bytesWritten: 0, reused: true };
    }
    throw e;
  }
  return { directory: dir, hash, warnings: listing.warnings, bytesWritten, reused: false };
}

function hashFile(file: string): string {
  const h = crypto.createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (let n = fs.readSync(fd, buf, 0, buf.length, null); n > 0; n = fs.readSync(fd, buf, 0, buf.length, null)) {
      h.update(buf.subarray(0, n));
    }
  } finally {
    fs.closeSync(fd);
  }
  return h.digest('hex');
}

function sha256(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}

function isInside(p: string, root: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
