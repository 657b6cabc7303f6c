/**
 * Dockerfile variable expansion (`$NAME`, `${NAME}`, `${NAME:-word}`, `${NAME:+word}`, `${NAME-word}`,
 * `${NAME+word}`) as Docker applies it to the words of FROM, USER, COPY, ADD, ENV, WORKDIR and the
 * like, with quote removal (`_expandWord`). Internal: not exported from lib/index.ts.
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
    const [value, end] = variableAt(text, i, lookup, escapeChar, unresolved, depth);
    out += value;
    i = end;
    if (end < 0) { break; }
  }
  return out;
}

/**
 * The value of the `$` reference at `i` and the index after it; `$` not followed by a name is literal.
 * An unterminated `${` returns -1 as the end, with the rest of the text as the value.
 */
function variableAt(text: string, i: number, lookup: VariableLookup, escapeChar: string, unresolved: string[], depth: number): [string, number] {
  const next = text[i + 1];
  if (next === '{') {
    const close = matchingBrace(text, i + 1);
    if (close < 0) {
      // An unterminated ${ is a Dockerfile syntax error: keep it visible and report it.
      unresolved.push(text.slice(i));
      return [text.slice(i), -1];
    }
    return [expandBraced(text.slice(i + 2, close), lookup, escapeChar, unresolved, depth), close + 1];
  }
  if (next !== undefined && NAME_START.test(next)) {
    let j = i + 1;
    while (j < text.length && NAME_CHAR.test(text[j])) { j++; }
    const name = text.slice(i + 1, j);
    const v = lookup(name);
    if (v === undefined) { unresolved.push(name); }
    return [v ?? '', j];
  }
  return ['$', i + 1];
}

/**
 * Expands one word as Docker's shell lexer does for instruction arguments: variables are expanded
 * outside single quotes, quotes are removed, and the escape character makes the next character literal.
 * `USER "0"` is `0`; `'$HOME'` stays `$HOME`. Never throws.
 * @internal
 */
export function _expandWord(text: string, lookup: VariableLookup, escapeChar: string = '\\'): Expansion {
  const unresolved: string[] = [];
  const value = expandWordInto(text, lookup, escapeChar, unresolved, 0);
  return { value, unresolved: [...new Set(unresolved)] };
}

function expandWordInto(text: string, lookup: VariableLookup, escapeChar: string, unresolved: string[], depth: number): string {
  if (depth > 8) {
    unresolved.push(text);
    return '';
  }
  let out = '';
  let i = 0;
  let quote: '"' | undefined;
  while (i < text.length) {
    const c = text[i];
    if (c === escapeChar && i + 1 < text.length) {
      const n = text[i + 1];
      // Inside double quotes only the quote, $ and the escape character itself are escaped.
      if (quote && n !== '"' && n !== '$' && n !== escapeChar) {
        out += c;
        i++;
        continue;
      }
      out += n;
      i += 2;
      continue;
    }
    if (c === "'" && !quote) {
      const end = text.indexOf("'", i + 1);
      out += end < 0 ? text.slice(i + 1) : text.slice(i + 1, end);
      i = end < 0 ? text.length : end + 1;
      continue;
    }
    if (c === '"') {
      quote = quote ? undefined : '"';
      i++;
      continue;
    }
    if (c === '$') {
      const [value, end] = variableAt(text, i, lookup, escapeChar, unresolved, depth);
      out += value;
      if (end < 0) { break; }
      i = end;
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
  // The word after :- or :+ is read as Docker reads it: quotes removed (`${U:-"0"}` is 0).
  const alternative = () => expandWordInto(word, lookup, escapeChar, unresolved, depth + 1);
  switch (op) {
    case undefined:
      if (v === undefined) { unresolved.push(name); }
      return v ?? '';
    case ':-':
      return v !== undefined && v !== '' ? v : alternative();
    case '-':
      return v !== undefined ? v : alternative();
    case ':+':
      return v !== undefined && v !== '' ? alternative() : '';
    default: // '+'
      return v !== undefined ? alternative() : '';
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
