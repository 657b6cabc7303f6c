// Validation and escaping for every user-supplied string that reaches a Dockerfile.
// The Dockerfile parser splits instructions on line feeds, joins lines ending in the escape
// character, and expands `$` in ENV, LABEL, COPY, WORKDIR, USER, EXPOSE and VOLUME. So:
// - free text (ENV and LABEL values) is double-quoted with `"`, `\` and `$` escaped, and
//   control characters are rejected because a quoted word cannot hold a line break;
// - exec-form arrays (ENTRYPOINT, CMD) are JSON, which escapes everything itself;
// - paths, names and versions are restricted to a charset that needs no escaping at all.

/** Line breaks of any kind, other C0/C1 controls, DEL, and bidi overrides that make text read differently than it parses. */
const UNSAFE_TEXT = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/;

/** How a value is shown in an error: JSON makes newlines, NUL and quotes visible. */
export function show(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value).replace(/[\u007f-\uffff]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Throws unless the value is a string. */
export function requireString(value: unknown, what: string): string {
  if (typeof value !== 'string') {
    throw new Error(`${what} must be a string, got ${show(value)}.`);
  }
  return value;
}

/** Free text for ENV and LABEL values: any printable character, no line breaks or control characters. */
export function checkText(value: unknown, what: string): string {
  const text = requireString(value, what);
  const bad = UNSAFE_TEXT.exec(text);
  if (bad) {
    throw new Error(`${what} ${show(text)} contains the control or line-break character ${show(bad[0])} at position ${bad.index}. `
      + 'Dockerfile values must be a single line of printable text: remove line breaks (\\n, \\r, U+2028, U+2029), NUL, tabs and other control characters.');
  }
  return text;
}

/** A double-quoted Dockerfile word (ENV and LABEL values) with `"`, `\` and `$` escaped. */
export function quote(value: string): string {
  return `"${value.replace(/[\\"$]/g, c => `\\${c}`)}"`;
}

/**
 * A JSON array for exec-form ENTRYPOINT/CMD and VOLUME. Everything outside printable ASCII is
 * written as a \u escape, so the line holds no line separator of any kind and reads as it parses.
 */
export function jsonArray(values: string[]): string {
  return `[${values.map(v => JSON.stringify(v).replace(/[^\u0020-\u007e]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)).join(', ')}]`;
}

/** An exec-form argument: anything but NUL, which no process argument can hold. */
export function checkArgument(value: unknown, what: string): string {
  const arg = requireString(value, what);
  if (arg.includes('\u0000')) {
    throw new Error(`${what} ${show(arg)} contains a NUL character, which no program argument can hold. Remove it.`);
  }
  return arg;
}

const PATH_CHARS = /^[A-Za-z0-9._@+/-]+$/;
const GLOB_PATH_CHARS = /^[A-Za-z0-9._@+/*-]+$/;

export interface PathOptions {
  /** The path must start with `/`. */
  readonly absolute?: boolean;
  /** The path must not start with `/` (a path in the build context or source tree). */
  readonly relative?: boolean;
  /** `*` is allowed (shell or COPY glob). */
  readonly glob?: boolean;
  /** `/` alone is allowed. */
  readonly allowRoot?: boolean;
}

/** A path restricted to a charset that needs no quoting in COPY, WORKDIR, VOLUME or a shell. */
export function checkPath(value: unknown, what: string, options: PathOptions = {}): string {
  const path = requireString(value, what);
  const allowed = `letters, digits, ".", "_", "-", "+", "@"${options.glob ? ', "*"' : ''} and "/"`;
  const fail = (why: string): never => {
    throw new Error(`${what} ${show(path)} is not allowed: ${why}. Use ${options.absolute ? 'an absolute path' : options.relative ? 'a relative path' : 'a path'} of ${allowed}, `
      + `with no ".." segment${options.absolute ? ', e.g. "/app/data"' : ', e.g. "cmd/app"'}.`);
  };
  if (path.length === 0) { fail('it is empty'); }
  if (!(options.glob ? GLOB_PATH_CHARS : PATH_CHARS).test(path)) {
    const bad = [...path].find(c => !(options.glob ? GLOB_PATH_CHARS : PATH_CHARS).test(c));
    fail(`it contains ${show(bad)}`);
  }
  if (path.startsWith('-')) { fail('it starts with "-", which reads as a flag'); }
  if (path.split('/').includes('..')) { fail('it contains a ".." segment'); }
  if (options.absolute && !path.startsWith('/')) { fail('it is not absolute'); }
  if (options.relative && path.startsWith('/')) { fail('it is absolute; give it relative to the project root'); }
  if (options.absolute && !options.allowRoot && path.replace(/\/+$/, '') === '') { fail('it is the root directory'); }
  return path;
}

/** Normalizes an absolute path: no duplicate or trailing slashes, no "." segments. */
export function normalizeAbsolute(path: string): string {
  const parts = path.split('/').filter(p => p !== '' && p !== '.');
  return `/${parts.join('/')}`;
}

/** Normalizes a relative path: no leading "./", no duplicate or trailing slashes. */
export function normalizeRelative(path: string): string {
  const parts = path.split('/').filter(p => p !== '' && p !== '.');
  return parts.length === 0 ? '.' : parts.join('/');
}

/** A file or binary name: no slashes. */
export function checkName(value: unknown, what: string, example: string): string {
  const name = requireString(value, what);
  if (!/^[A-Za-z0-9][A-Za-z0-9._+-]{0,254}$/.test(name)) {
    throw new Error(`${what} ${show(name)} is not allowed. Use a file name of letters, digits, ".", "_", "+" and "-", `
      + `starting with a letter or digit and without "/", e.g. ${show(example)}.`);
  }
  return name;
}

/** An environment variable name as POSIX shells accept it. */
export function checkEnvName(value: unknown, what: string): string {
  const name = requireString(value, what);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new Error(`${what} ${show(name)} is not allowed. Use letters, digits and "_", starting with a letter or "_" ([A-Za-z_][A-Za-z0-9_]*), e.g. "APP_PORT".`);
  }
  return name;
}

/** A label key: reverse-DNS style, e.g. `org.opencontainers.image.title` or `com.example/team`. */
export function checkLabelKey(value: unknown, what: string): string {
  const key = requireString(value, what);
  if (!/^[A-Za-z0-9][A-Za-z0-9._/-]{0,254}$/.test(key)) {
    throw new Error(`${what} ${show(key)} is not allowed. Use letters, digits, ".", "_", "-" and "/", starting with a letter or digit, e.g. "com.example.team".`);
  }
  return key;
}

/** A version such as `1.25`, `3.13` or `10.0`. */
export function checkVersion(value: unknown, what: string, example: string): string {
  const version = typeof value === 'number' ? String(value) : requireString(value, what);
  if (!/^\d+(\.\d+){0,2}$/.test(version)) {
    throw new Error(`${what} ${show(value)} is not a version. Use digits separated by dots, e.g. ${show(example)}.`);
  }
  return version;
}

/** A positive whole number, e.g. a Java or Node.js feature release. */
export function checkMajor(value: unknown, what: string, example: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 999) {
    throw new Error(`${what} ${show(value)} is not a major version. Use a whole number, e.g. ${example}.`);
  }
  return value;
}

/** A Java module or class name: dot-separated identifiers. */
export function checkJavaName(value: unknown, what: string, example: string): string {
  const name = requireString(value, what);
  if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(name)) {
    throw new Error(`${what} ${show(name)} is not allowed. Use dot-separated Java identifiers of letters, digits and "_", e.g. ${show(example)}.`);
  }
  return name;
}

/** An image reference as it goes into FROM: a conservative charset, so a mirror prefix or custom reference cannot break the line. */
export function checkReference(value: string, what: string): string {
  if (value !== 'scratch' && !/^[A-Za-z0-9][A-Za-z0-9._:/@-]*$/.test(value)) {
    throw new Error(`${what} ${show(value)} cannot be written into FROM. Use a reference of letters, digits, ".", "_", "-", ":", "/" and "@", `
      + 'e.g. "registry.example.com/distroless/static-debian13:nonroot"; check the registry mirror prefixes.');
  }
  return value;
}

/** Whether a uid or gid is a whole number a Linux kernel accepts. */
export function isId(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n < 4294967295;
}
