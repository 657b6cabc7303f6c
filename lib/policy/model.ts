/**
 * The only module that touches `dockerfile-ast`: it turns the parser's classes into a small,
 * plain model with 1-based ranges. Nothing from `dockerfile-ast` leaves this file.
 * Internal: not exported from lib/index.ts.
 */
import { Arg, DockerfileParser, Env, From, Healthcheck, Instruction, ModifiableInstruction } from 'dockerfile-ast';

/** A region of the file: 1-based, `endColumn` just after the last character (as in SARIF). */
export interface SourceRange {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** A `--name=value` flag of an instruction. */
export interface InstructionFlag {
  readonly name: string;
  /** undefined when the flag has no `=value`. */
  readonly value?: string;
}

/** A `NAME=value` pair of ARG or ENV. */
export interface KeyValue {
  readonly name: string;
  /** undefined when no value is given (`ARG NAME`). */
  readonly value?: string;
  readonly nameRange: SourceRange;
}

/** One whitespace-separated argument with its range. */
export interface Word {
  readonly value: string;
  readonly range: SourceRange;
}

/** A command as ENTRYPOINT, CMD or HEALTHCHECK CMD give it. */
export interface CommandForm {
  /** The command text, line continuations removed. */
  readonly text: string;
  /** The argv when written as a JSON array of strings (exec form); undefined for shell form. */
  readonly exec?: string[];
}

/** One instruction. */
export interface ModelInstruction {
  /** Upper-case keyword, e.g. `RUN`. */
  readonly keyword: string;
  /** Whole instruction, continuation lines included. */
  readonly range: SourceRange;
  /** Arguments without flags, continuation lines joined; '' when there are none. */
  readonly text: string;
  readonly words: Word[];
  readonly flags: InstructionFlag[];
  /** ARG and ENV pairs. */
  readonly properties: KeyValue[];
  /** RUN, ENTRYPOINT, CMD and SHELL: their command. HEALTHCHECK: the command after `CMD` (undefined for NONE). */
  readonly command?: CommandForm;
  /** FROM only: the image as written (before variable expansion). */
  readonly image?: string;
  readonly imageRange?: SourceRange;
  /** FROM only: the `AS name`, lower-cased as Docker compares it. */
  readonly stageName?: string;
  /** Index of the stage this instruction belongs to; -1 before the first FROM. */
  readonly stage: number;
}

/** A `#` comment line (parser directives excluded). */
export interface ModelComment {
  readonly text: string;
  readonly range: SourceRange;
}

/** A build stage: its FROM and the instructions up to the next FROM. */
export interface ModelStage {
  readonly index: number;
  readonly from: ModelInstruction;
  readonly instructions: ModelInstruction[];
}

/** Something that makes the file unbuildable. */
export interface SyntaxProblem {
  readonly message: string;
  readonly range: SourceRange;
}

/** A parsed Dockerfile. */
export interface DockerfileModel {
  readonly instructions: ModelInstruction[];
  /** ARG instructions before the first FROM: the only variables FROM can use. */
  readonly globalArgs: ModelInstruction[];
  readonly stages: ModelStage[];
  readonly comments: ModelComment[];
  readonly escapeChar: string;
  readonly problems: SyntaxProblem[];
}

const KEYWORDS = new Set(['ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL',
  'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR']);

/** Parser directives Docker knows; other `# name=value` lines at the top are comments. */
const DIRECTIVES = new Set(['syntax', 'escape', 'check']);

/** The range of the very start of a file, for findings that belong to no instruction. */
export const FILE_START: SourceRange = { line: 1, column: 1, endLine: 1, endColumn: 1 };

interface LspRange { start: { line: number; character: number }; end: { line: number; character: number } }

function toRange(r: LspRange): SourceRange {
  return { line: r.start.line + 1, column: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

/**
 * Parses a Dockerfile into the model. Never throws: a parser failure becomes a problem.
 * @internal
 */
export function _parseDockerfile(content: string): DockerfileModel {
  try {
    return build(content);
  } catch (e) {
    return {
      instructions: [],
      globalArgs: [],
      stages: [],
      comments: [],
      escapeChar: '\\',
      problems: [{ message: `the parser failed: ${(e as Error)?.message ?? String(e)}`, range: FILE_START }],
    };
  }
}

function build(content: string): DockerfileModel {
  const df = DockerfileParser.parse(content);
  const escapeChar = df.getEscapeCharacter() || '\\';
  const instructions: ModelInstruction[] = [];
  const stages: Array<{ index: number; from: ModelInstruction; instructions: ModelInstruction[] }> = [];
  const problems: SyntaxProblem[] = [];
  const stageLines = new Map<string, number>();
  for (const ins of df.getInstructions()) {
    const stage = stages.length - (ins.getKeyword() === 'FROM' ? 0 : 1);
    const model = toInstruction(ins, stage);
    instructions.push(model);
    if (model.keyword === 'FROM') {
      stages.push({ index: stages.length, from: model, instructions: [] });
    } else if (stage >= 0) {
      stages[stage].instructions.push(model);
    }
    if (!KEYWORDS.has(model.keyword)) {
      problems.push({ message: `unknown instruction ${JSON.stringify(ins.getInstruction())}`, range: model.range });
    } else if (stage < 0 && model.keyword !== 'ARG') {
      problems.push({ message: `${model.keyword} before the first FROM (only ARG may come before FROM)`, range: model.range });
    } else if (model.keyword === 'FROM' && !model.image) {
      problems.push({ message: 'FROM without an image', range: model.range });
    } else if (model.stageName !== undefined && stageLines.has(model.stageName)) {
      // BuildKit refuses a second stage of the same name: a FROM or COPY --from naming it would be ambiguous.
      problems.push({
        message: `stage name "${model.stageName}" is already used by the FROM on line ${stageLines.get(model.stageName)} (stage names must be unique, ignoring case)`,
        range: model.range,
      });
    }
    if (model.stageName !== undefined && !stageLines.has(model.stageName)) {
      stageLines.set(model.stageName, model.range.line);
    }
  }
  // dockerfile-ast reads any `# name=value` line at the top as a parser directive; Docker only knows a few
  // and treats the rest as comments, so a suppression on line 1 that contains "=" must stay a comment.
  const misreadDirectives = df.getDirectives()
    .filter(d => !DIRECTIVES.has(d.getName().toLowerCase()) || !/^[A-Za-z][A-Za-z0-9]*$/.test(d.getName()))
    .map(d => ({ text: d.getTextContent().replace(/^\s*#/, '').trim(), range: toRange(d.getRange()) }));
  const comments = [...df.getComments().map(c => ({ text: c.getContent(), range: toRange(c.getRange()) })), ...misreadDirectives]
    .sort((a, b) => a.range.line - b.range.line);
  return {
    instructions,
    globalArgs: instructions.filter(i => i.stage < 0 && i.keyword === 'ARG'),
    stages,
    comments,
    escapeChar,
    problems,
  };
}

function toInstruction(ins: Instruction, stage: number): ModelInstruction {
  const keyword = ins.getKeyword().toUpperCase();
  const text = (ins.getArgumentsContent() ?? '').trim();
  const flags: InstructionFlag[] = ins instanceof ModifiableInstruction
    ? ins.getFlags().map(f => ({ name: f.getName(), value: f.getValue() ?? undefined }))
    : [];
  const words = ins.getArguments().map(a => ({ value: a.getValue(), range: toRange(a.getRange()) }));
  const properties: KeyValue[] = ins instanceof Arg || ins instanceof Env
    ? ins.getProperties().map(p => ({ name: p.getName(), value: p.getValue() ?? undefined, nameRange: toRange(p.getNameRange()) }))
    : [];
  const base = { keyword, range: toRange(ins.getRange()), text, words, flags, properties, stage };
  if (ins instanceof From) {
    const imageRange = ins.getImageRange();
    return {
      ...base,
      image: ins.getImage() ?? undefined,
      imageRange: imageRange ? toRange(imageRange) : undefined,
      stageName: ins.getBuildStage()?.toLowerCase() ?? undefined,
    };
  }
  if (keyword === 'RUN' || keyword === 'ENTRYPOINT' || keyword === 'CMD' || keyword === 'SHELL') {
    return { ...base, command: commandForm(text) };
  }
  if (ins instanceof Healthcheck) {
    const m = /^CMD(?:\s+([\s\S]*))?$/i.exec(text);
    return { ...base, command: m ? commandForm((m[1] ?? '').trim()) : undefined };
  }
  return base;
}

/** Exec form is a JSON array of strings; anything else runs through the shell, as Docker decides. */
function commandForm(text: string): CommandForm {
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed) && parsed.every(p => typeof p === 'string')) {
        return { text, exec: parsed as string[] };
      }
    } catch {
      // not JSON: shell form
    }
  }
  return { text };
}
