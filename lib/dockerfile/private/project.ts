// Read-only access to the application's files, for layout detection. Nothing here writes, and
// nothing reads outside the project folder: paths are relative, `..` is refused, symbolic links
// that lead out of the folder are not followed.
import * as fs from 'fs';
import * as nodePath from 'path';
import { XMLParser } from 'fast-xml-parser';
import { parse as parseYaml } from 'yaml';
import { show } from './escape';

// smol-toml ships CommonJS next to its ES module, but its type declarations are ES-only.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parse: parseToml } = require('smol-toml') as { parse(text: string): unknown };

/** Manifests and lockfiles are small; anything larger is not read. */
const MAX_BYTES = 8 * 1024 * 1024;

/** Folders never walked when looking for members or sources. */
const SKIPPED = new Set(['node_modules', '.git', 'target', 'build', 'dist', 'bin', 'obj', '.venv', 'venv', '__pycache__', '.gradle', '.idea', '.vscode', 'out']);

/** The project's files: the build context, seen through the app's folder inside it. */
export class ProjectFiles {
  /**
   * @param root absolute path of the build context
   * @param app the application's folder inside it ('.' for the root)
   */
  public static open(directory: unknown, what: string, app = '.'): ProjectFiles {
    if (typeof directory !== 'string' || directory.length === 0) {
      throw new Error(`${what} must be the path of the application's folder, got ${show(directory)}.`);
    }
    const root = nodePath.resolve(directory);
    if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
      throw new Error(`${what} ${show(directory)} is not a folder (resolved to ${root}). Give the folder that holds the application's sources and its manifest (package.json, go.mod, Cargo.toml, ...).`);
    }
    const project = new ProjectFiles(root, app);
    if (app !== '.' && !project.isDir('.')) {
      throw new Error(`${what}: appDirectory ${show(app)} is not a folder in ${root}. Give the application's folder relative to the build context, e.g. "services/api".`);
    }
    return project;
  }

  private constructor(public readonly root: string, public readonly app: string) {}

  /** The same build context, seen from another folder (relative to the app folder). */
  public sub(rel: string): ProjectFiles {
    return new ProjectFiles(this.root, this.join(rel));
  }

  /** A path relative to the build context, for the Dockerfile. */
  public contextPath(rel: string): string {
    return this.join(rel);
  }

  public exists(rel: string): boolean {
    return this.stat(rel) !== undefined;
  }

  public isFile(rel: string): boolean {
    return this.stat(rel)?.isFile() ?? false;
  }

  public isDir(rel: string): boolean {
    return this.stat(rel)?.isDirectory() ?? false;
  }

  /** A file's text, or undefined when it is missing (or too large to be a manifest). */
  public read(rel: string): string | undefined {
    const st = this.stat(rel);
    if (!st || !st.isFile() || st.size > MAX_BYTES) { return undefined; }
    return fs.readFileSync(this.abs(rel), 'utf8');
  }

  /** A JSON file, parsed; a file that does not parse is an error naming it. */
  public json(rel: string): any {
    return this.parsed(rel, 'JSON', text => JSON.parse(text));
  }

  public toml(rel: string): any {
    return this.parsed(rel, 'TOML', text => parseToml(text));
  }

  public yaml(rel: string): any {
    return this.parsed(rel, 'YAML', text => parseYaml(text));
  }

  public xml(rel: string): any {
    return this.parsed(rel, 'XML', text => new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, isArray: (name) => ARRAYS.has(name) }).parse(text));
  }

  /** Names in a folder of the build context (relative to its root, not the app's folder), sorted. */
  public listContext(rel: string): string[] {
    return new ProjectFiles(this.root, '.').list(rel);
  }

  /** Names in a folder, sorted; none when it is missing. */
  public list(rel: string): string[] {
    if (!this.isDir(rel)) { return []; }
    return fs.readdirSync(this.abs(rel)).sort();
  }

  /**
   * Folders matching a workspace pattern (`packages/*`, `crates/**`, `apps/web`), relative to the
   * app folder. `*` is one segment, `**` any depth; folders in SKIPPED are never entered.
   */
  public dirs(pattern: string): string[] {
    const parts = pattern.replace(/^\.\//, '').replace(/\/+$/, '').split('/').filter(p => p !== '' && p !== '.');
    const out: string[] = [];
    const walk = (dir: string, i: number) => {
      if (i === parts.length) { out.push(dir); return; }
      const part = parts[i];
      if (part === '..') { return; }
      if (part === '**') {
        walk(dir, i + 1);
        for (const name of this.list(dir)) {
          const next = dir === '.' ? name : `${dir}/${name}`;
          if (!SKIPPED.has(name) && !name.startsWith('.') && this.isDir(next)) { walk(next, i); }
        }
        return;
      }
      if (!part.includes('*')) {
        const next = dir === '.' ? part : `${dir}/${part}`;
        if (this.isDir(next)) { walk(next, i + 1); }
        return;
      }
      const re = new RegExp(`^${part.split('*').map(s => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
      for (const name of this.list(dir)) {
        const next = dir === '.' ? name : `${dir}/${name}`;
        if (re.test(name) && !SKIPPED.has(name) && this.isDir(next)) { walk(next, i + 1); }
      }
    };
    walk('.', 0);
    return [...new Set(out)].sort();
  }

  /** Files below a folder whose name passes the test, relative to the app folder (SKIPPED folders are not entered). */
  public find(rel: string, test: (name: string) => boolean, maxDepth = 6): string[] {
    const out: string[] = [];
    const walk = (dir: string, depth: number) => {
      for (const name of this.list(dir)) {
        const next = dir === '.' ? name : `${dir}/${name}`;
        if (this.isDir(next)) {
          if (depth < maxDepth && !SKIPPED.has(name) && !name.startsWith('.')) { walk(next, depth + 1); }
        } else if (test(name)) {
          out.push(next);
        }
      }
    };
    walk(rel, 0);
    return out.sort();
  }

  /** The path shown in messages. */
  public describe(rel = '.'): string {
    return nodePath.join(this.root, this.join(rel));
  }

  private parsed(rel: string, kind: string, parse: (text: string) => any): any {
    const text = this.read(rel);
    if (text === undefined) { return undefined; }
    try {
      return parse(text);
    } catch (e) {
      throw new Error(`The project file ${this.describe(rel)} is not valid ${kind} (${(e as Error).message.split('\n')[0]}). Fix the file, or set the runtime's options so it is not read.`);
    }
  }

  private join(rel: string): string {
    const parts = [...this.app.split('/'), ...rel.split('/')].filter(p => p !== '' && p !== '.');
    if (parts.includes('..')) {
      throw new Error(`The path ${show(rel)} leaves the build context ${this.root}. Paths must stay inside it.`);
    }
    return parts.length === 0 ? '.' : parts.join('/');
  }

  private abs(rel: string): string {
    return nodePath.join(this.root, this.join(rel));
  }

  private stat(rel: string): fs.Stats | undefined {
    const abs = this.abs(rel);
    try {
      const st = fs.statSync(abs);
      // A symbolic link may point anywhere: only follow it while it stays in the build context.
      const real = fs.realpathSync(abs);
      const root = fs.realpathSync(this.root);
      if (real !== root && !real.startsWith(root + nodePath.sep)) { return undefined; }
      return st;
    } catch {
      return undefined;
    }
  }
}

/** XML elements that may repeat, always parsed as lists. */
const ARRAYS = new Set(['module', 'plugin', 'dependency', 'PropertyGroup', 'ItemGroup', 'ProjectReference', 'PackageReference', 'Project', 'Folder']);

/** Node's own value of a key in a parsed object (TOML and YAML parse into plain objects). */
export function get(obj: any, ...keys: string[]): any {
  let cur = obj;
  for (const k of keys) {
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, k)) { return undefined; }
    cur = cur[k];
  }
  return cur;
}

/** A list of strings from a parsed value; anything else is an empty list. */
export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
