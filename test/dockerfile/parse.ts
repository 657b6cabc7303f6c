// Test helpers that read a generated Dockerfile twice: once as the Docker/BuildKit parser splits
// it (line continuations, comments, quoting), once with dockerfile-ast as the policy engine does.
import { DockerfileParser } from 'dockerfile-ast';

export interface DockerInstruction {
  readonly keyword: string;
  /** Arguments, with line continuations joined. */
  readonly args: string;
}

/** Splits Dockerfile text into instructions the way Docker's parser does (escape character `\`). */
export function dockerInstructions(text: string): DockerInstruction[] {
  const out: DockerInstruction[] = [];
  let current: string | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const trimmed = line.trim();
    if (current === undefined) {
      if (trimmed === '' || trimmed.startsWith('#')) { continue; }
    } else if (trimmed.startsWith('#') || trimmed === '') {
      continue;
    }
    const continues = /\\\s*$/.test(line);
    const body = continues ? line.replace(/\\\s*$/, '') : line;
    current = current === undefined ? body.replace(/^\s+/, '') : current + body;
    if (!continues) {
      const m = /^(\S+)\s*([\s\S]*)$/.exec(current)!;
      out.push({ keyword: m[1].toUpperCase(), args: m[2] });
      current = undefined;
    }
  }
  if (current !== undefined) {
    const m = /^(\S+)\s*([\s\S]*)$/.exec(current)!;
    out.push({ keyword: m[1].toUpperCase(), args: m[2] });
  }
  return out;
}

/** Instruction keywords as dockerfile-ast (the policy engine's parser) sees them. */
export function astKeywords(text: string): string[] {
  return DockerfileParser.parse(text).getInstructions().map(i => i.getKeyword());
}

/** The instructions of the final stage (after the last FROM). */
export function finalStage(text: string): DockerInstruction[] {
  const all = dockerInstructions(text);
  const last = all.map(i => i.keyword).lastIndexOf('FROM');
  return all.slice(last);
}

/** Reads one double-quoted word the way Docker does: `\` escapes only `"`, `$` and `\`. */
export function unquote(word: string): string {
  if (!word.startsWith('"') || !word.endsWith('"') || word.length < 2) {
    throw new Error(`not a double-quoted word: ${word}`);
  }
  let out = '';
  for (let i = 1; i < word.length - 1; i++) {
    const c = word[i];
    if (c === '\\' && i + 1 < word.length - 1 && ['"', '$', '\\'].includes(word[i + 1])) {
      out += word[++i];
    } else if (c === '"' || c === '$') {
      throw new Error(`unescaped ${c} at ${i} in ${word}`);
    } else {
      out += c;
    }
  }
  return out;
}

/** `KEY="value"` pairs of an ENV or LABEL instruction, values unquoted as Docker reads them. */
export function pairs(args: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const re = /([^\s=]+)=("(?:[^"\\]|\\.)*")/g;
  const rest = args.replace(re, (_m, key: string, value: string) => {
    out.push([key, unquote(value)]);
    return '';
  });
  if (rest.trim() !== '') {
    throw new Error(`unparsed text ${JSON.stringify(rest)} in ${args}`);
  }
  return out;
}

/** The final-stage ENV values, as Docker reads them. */
export function envOf(text: string): { [name: string]: string } {
  return Object.fromEntries(finalStage(text).filter(i => i.keyword === 'ENV').flatMap(i => pairs(i.args)));
}

/** The final-stage LABEL values, as Docker reads them. */
export function labelsOf(text: string): { [name: string]: string } {
  return Object.fromEntries(finalStage(text).filter(i => i.keyword === 'LABEL').flatMap(i => pairs(i.args)));
}

/** A final-stage exec-form instruction's array (ENTRYPOINT, CMD, VOLUME). */
export function execForm(text: string, keyword: string): string[] | undefined {
  const found = finalStage(text).filter(i => i.keyword === keyword);
  if (found.length === 0) { return undefined; }
  const parsed = JSON.parse(found[found.length - 1].args);
  if (!Array.isArray(parsed) || !parsed.every(a => typeof a === 'string')) {
    throw new Error(`${keyword} is not a JSON array of strings`);
  }
  return parsed;
}

/** The lines of the text, for order assertions. */
export function lineIndex(text: string, pattern: RegExp): number {
  return text.split('\n').findIndex(l => pattern.test(l));
}
