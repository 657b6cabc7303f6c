/**
 * Dockerfile variable expansion (`$NAME`, `${NAME}`, `${NAME:-word}`, `${NAME:+word}`, `${NAME-word}`,
 * `${NAME+word}`) as Docker applies it to FROM and USER. Internal: not exported from lib/index.ts.
 */

/** Result of expanding a string. */
export interface Expansion {
  /** The text with every variable replaced (unresolvable ones by ''). */
  readonly value: string;
  /** Variables that had no value and no default, or used a modifier we do not evaluate. */
  readonly unresolved: string[];
}

/**
 * Looks up a variable: a string when it has a value, `undefined` when it is unset
 * (never declared, or declared without a default).
 */
export type VariableLookup = (name: string) => string | undefined;

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

/**
 * Expands the variables in `text`. Never throws.
 * @internal
 */
export function _expand(text: string, lookup: VariableLookup, escapeChar: string = '\\'): Expansion {
  const unresolved: string[] = [];
  const value = expandInto(text, lookup, escapeChar, unresolved, 0);
  return { value, unresolved: [...new Set(unresolved)] };
}

function expandInto(text: string, lookup: VariableLookup, escapeChar: string, unresolved: string[], depth: number): string {
  if (depth > 8) {
    unresolved.push(text);
    return '';
  }
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === escapeChar && text[i + 1] === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '{') {
      const close = matchingBrace(text, i + 1);
      if (close < 0) {
        // An unterminated ${ is a Dockerfile syntax error: keep it visible and report it.
        unresolved.push(text.slice(i));
        out += text.slice(i);
        break;
      }
      out += expandBraced(text.slice(i + 2, close), lookup, escapeChar, unresolved, depth);
      i = close + 1;
      continue;
    }
    if (next !== undefined && NAME_START.test(next)) {
      let j = i + 1;
      while (j < text.length && NAME_CHAR.test(text[j])) { j++; }
      const name = text.slice(i + 1, j);
      const v = lookup(name);
      if (v === undefined) { unresolved.push(name); }
      out += v ?? '';
      i = j;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

function expandBraced(inner: string, lookup: VariableLookup, escapeChar: string, unresolved: string[], depth: number): string {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([\s\S]*))?$/.exec(inner);
  if (!m) {
    // ${#x}, ${x%y}, ${x/y/z} and the like depend on values we do not evaluate.
    unresolved.push(inner);
    return '';
  }
  const [, name, op, word] = m;
  const v = lookup(name);
  switch (op) {
    case undefined:
      if (v === undefined) { unresolved.push(name); }
      return v ?? '';
    case ':-':
      return v !== undefined && v !== '' ? v : expandInto(word, lookup, escapeChar, unresolved, depth + 1);
    case '-':
      return v !== undefined ? v : expandInto(word, lookup, escapeChar, unresolved, depth + 1);
    case ':+':
      return v !== undefined && v !== '' ? expandInto(word, lookup, escapeChar, unresolved, depth + 1) : '';
    default: // '+'
      return v !== undefined ? expandInto(word, lookup, escapeChar, unresolved, depth + 1) : '';
  }
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') { depth++; }
    if (text[i] === '}') {
      depth--;
      if (depth === 0) { return i; }
    }
  }
  return -1;
}
