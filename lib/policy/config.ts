/**
 * The project configuration file (`.cdk-distroless.yaml`, `.yml` or `.json`), found from the working
 * directory upwards like `.hadolint.yaml`: images outside the catalog with their facts (what
 * `BaseImage.fromRegistry` takes, in file form), registry mirrors and suppressions with reasons.
 * Internal: not exported from lib/index.ts; the CLI reads it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseDocument } from 'yaml';
import { Suppression } from './finding';
import { RULES } from './rules';
import { isId, show } from '../dockerfile/private/escape';
import { BaseImage } from '../image/base-image';
import { BaseImageFacts, ImageFamily, ImageRole, ImageUser, Libc } from '../image/facts';
import { RegistryMirror } from '../image/registry-mirror';

/** File names looked for in each directory, in this order. */
export const CONFIG_FILE_NAMES = ['.cdk-distroless.yaml', '.cdk-distroless.yml', '.cdk-distroless.json'];

/** What a configuration file holds, ready for `DockerfilePolicyProps`. */
export interface PolicyConfig {
  /** The file it was read from. */
  readonly file: string;
  readonly images: BaseImage[];
  readonly registryMirrors: RegistryMirror[];
  readonly suppressions: Suppression[];
}

/** A configuration file that cannot be used: the message names the file, the key and the fix. */
export class PolicyConfigError extends Error {}

const TOP_KEYS = ['images', 'registryMirrors', 'suppressions'];
const USER_KEYS = ['uid', 'gid', 'name', 'home'];
const STRING_FACTS = ['runtime', 'runtimeVersion', 'description', 'deprecated'] as const;
const BOOLEAN_FACTS = ['hasShell', 'hasPackageManager', 'hasCaCertificates', 'hasTmp', 'hasPasswd', 'debug'] as const;
const LIST_FACTS = ['entrypoint', 'architectures'] as const;
const IMAGE_KEYS = ['reference', 'libc', 'family', 'role', 'defaultUser', 'nonRootUser', 'environment',
  ...STRING_FACTS, ...BOOLEAN_FACTS, ...LIST_FACTS];

/**
 * The configuration file that applies in `directory`: the first one found there or in a parent.
 * Throws when a directory holds more than one, since it would be unclear which one applies.
 * @internal
 */
export function _findPolicyConfig(directory: string): string | undefined {
  let dir = path.resolve(directory);
  for (;;) {
    const found = CONFIG_FILE_NAMES.map(name => path.join(dir, name)).filter(isFile);
    if (found.length > 1) {
      throw new PolicyConfigError(`${found.join(' and ')}: more than one cdk-distroless configuration file in ${dir}, so it is unclear which applies. `
        + 'Keep one of them.');
    }
    if (found.length === 1) { return found[0]; }
    const parent = path.dirname(dir);
    if (parent === dir) { return undefined; }
    dir = parent;
  }
}

/**
 * Reads and validates a configuration file. Every problem throws a `PolicyConfigError` naming the
 * file, the key and what is allowed.
 * @internal
 */
export function _loadPolicyConfig(file: string): PolicyConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new PolicyConfigError(`${file}: cannot read the configuration file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`);
  }
  const data = parse(file, text);
  if (data === undefined || data === null) {
    return { file, images: [], registryMirrors: [], suppressions: [] };
  }
  const at = (key: string) => new Where(file, key);
  const root = object(data, at('(top level)'), TOP_KEYS);
  return {
    file,
    images: list(root.images, at('images')).map((v, i) => image(v, at(`images[${i}]`))),
    registryMirrors: list(root.registryMirrors, at('registryMirrors')).map((v, i) => mirror(v, at(`registryMirrors[${i}]`))),
    suppressions: list(root.suppressions, at('suppressions')).map((v, i) => suppression(v, at(`suppressions[${i}]`))),
  };
}

/** A key in a file, for messages. */
class Where {
  constructor(readonly file: string, readonly key: string) {}
  child(key: string | number): Where {
    return new Where(this.file, typeof key === 'number' ? `${this.key}[${key}]` : `${this.key}.${key}`);
  }
  fail(problem: string): never {
    throw new PolicyConfigError(`${this.file}: ${this.key}: ${problem}`);
  }
}

function parse(file: string, text: string): unknown {
  if (file.endsWith('.json')) {
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new PolicyConfigError(`${file}: not valid JSON (${(e as Error).message}). Fix the syntax, or write the file as YAML (.cdk-distroless.yaml).`);
    }
  }
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    throw new PolicyConfigError(`${file}: not valid YAML: ${doc.errors[0].message.split('\n')[0]}`);
  }
  return doc.toJS();
}

function object(value: unknown, where: Where, keys: string[]): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    where.fail(`must be a mapping with the keys ${keys.join(', ')}, got ${describe(value)}.`);
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!keys.includes(key)) {
      where.child(key).fail(`unknown key. Allowed here: ${keys.join(', ')}.`);
    }
  }
  return record;
}

function list(value: unknown, where: Where): unknown[] {
  if (value === undefined || value === null) { return []; }
  if (!Array.isArray(value)) { where.fail(`must be a list, got ${describe(value)}. Write each entry on a line starting with "- ".`); }
  return value;
}

function string(value: unknown, where: Where, example: string): string {
  if (typeof value !== 'string' || !value.trim()) { where.fail(`must be a non-empty string, got ${describe(value)}, e.g. ${example}.`); }
  return value.trim();
}

function oneOf<T extends string>(value: unknown, where: Where, allowed: T[]): T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    where.fail(`must be one of ${allowed.map(a => JSON.stringify(a)).join(', ')}, got ${describe(value)}.`);
  }
  return value as T;
}

function image(value: unknown, where: Where): BaseImage {
  const v = object(value, where, IMAGE_KEYS);
  const reference = string(v.reference, where.child('reference'), '"registry.example.com/team/base:1.0"');
  for (const key of ['libc', 'hasShell', 'hasPackageManager', 'defaultUser']) {
    if (v[key] === undefined) {
      where.child(key).fail(`is required: the policy cannot check a base whose ${key} is unknown. `
        + 'State libc (none, glibc, musl), hasShell, hasPackageManager and defaultUser ({ uid, gid }).');
    }
  }
  const facts: { -readonly [K in keyof BaseImageFacts]: BaseImageFacts[K] } = {
    libc: oneOf(v.libc, where.child('libc'), Object.values(Libc)),
    hasShell: false,
    hasPackageManager: false,
    defaultUser: user(v.defaultUser, where.child('defaultUser')),
  };
  for (const key of BOOLEAN_FACTS) {
    if (v[key] === undefined) { continue; }
    if (typeof v[key] !== 'boolean') { where.child(key).fail(`must be true or false, got ${describe(v[key])}.`); }
    facts[key] = v[key] as boolean;
  }
  for (const key of STRING_FACTS) {
    if (v[key] !== undefined) { facts[key] = string(v[key], where.child(key), '"..."'); }
  }
  for (const key of LIST_FACTS) {
    if (v[key] === undefined) { continue; }
    const items = list(v[key], where.child(key));
    facts[key] = items.map((item, i) => string(item, where.child(key).child(i), key === 'entrypoint' ? '"/app"' : '"amd64"'));
  }
  if (v.family !== undefined) { facts.family = oneOf(v.family, where.child('family'), Object.values(ImageFamily)); }
  if (v.role !== undefined) { facts.role = oneOf(v.role, where.child('role'), Object.values(ImageRole)); }
  if (v.nonRootUser !== undefined) { facts.nonRootUser = user(v.nonRootUser, where.child('nonRootUser')); }
  if (v.environment !== undefined) { facts.environment = environment(v.environment, where.child('environment')); }
  try {
    return BaseImage.fromRegistry(reference, facts as BaseImageFacts);
  } catch (e) {
    return where.fail((e as Error).message);
  }
}

function user(value: unknown, where: Where): ImageUser {
  const v = object(value, where, USER_KEYS);
  const id = (key: 'uid' | 'gid') => {
    const n = v[key];
    if (!isId(n)) {
      return where.child(key).fail(`must be a whole number between 0 and 4294967294 (unquoted), got ${describe(n)}, e.g. 65532.`);
    }
    return n;
  };
  return {
    uid: id('uid'),
    gid: id('gid'),
    ...(v.name !== undefined ? { name: string(v.name, where.child('name'), '"nonroot"') } : {}),
    ...(v.home !== undefined ? { home: string(v.home, where.child('home'), '"/home/nonroot"') } : {}),
  };
}

/** ENV values are strings; YAML turns `APP_UID: 1654` into a number, which is what the user meant as text. */
function environment(value: unknown, where: Where): { [name: string]: string } {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    where.fail(`must be a mapping of variable names to values, got ${describe(value)}, e.g. { APP_UID: "1654" }.`);
  }
  const out: { [name: string]: string } = {};
  for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) { where.child(name).fail('is not a variable name: use letters, digits and "_", not starting with a digit.'); }
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
      where.child(name).fail(`must be a string, got ${describe(v)}, e.g. ${name}: "1654".`);
    }
    out[name] = String(v);
  }
  return out;
}

function mirror(value: unknown, where: Where): RegistryMirror {
  const v = object(value, where, ['upstream', 'mirror']);
  const upstream = string(v.upstream, where.child('upstream'), '"cgr.dev/chainguard"');
  const mirrorPrefix = string(v.mirror, where.child('mirror'), '"registry.example.com/chainguard"');
  try {
    return RegistryMirror.of(upstream, mirrorPrefix);
  } catch (e) {
    return where.fail((e as Error).message);
  }
}

function suppression(value: unknown, where: Where): Suppression {
  const v = object(value, where, ['ruleId', 'reason']);
  const ruleId = string(v.ruleId, where.child('ruleId'), '"CDL101"').toUpperCase();
  if (!RULES.some(r => r.info.id === ruleId)) {
    where.child('ruleId').fail(`names no known rule ${JSON.stringify(ruleId)}. Use a rule id from \`cdk-distroless lint --list-rules\`, e.g. "CDL101".`);
  }
  if (typeof v.reason !== 'string' || !v.reason.trim()) {
    where.child('reason').fail(`is required: a suppression must say why the finding is acceptable, got ${describe(v.reason)}.`);
  }
  return { ruleId, reason: (v.reason as string).trim() };
}

function describe(value: unknown): string {
  if (value === undefined) { return 'nothing'; }
  if (Array.isArray(value)) { return 'a list'; }
  if (value && typeof value === 'object') { return 'a mapping'; }
  return show(value);
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
