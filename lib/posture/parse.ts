/**
 * Reads JSON and YAML input (multi-document; CloudFormation short-form tags) into documents with positions.
 * Internal: not exported from lib/index.ts.
 */
import { Document, isNode, LineCounter, parseAllDocuments, parseDocument, ScalarTag, CollectionTag } from 'yaml';
import { Path } from './model';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** Where a value sits in its file (1-based). */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** One document of an input. */
export interface InputDoc {
  readonly file: string;
  readonly value: any;
  /** The cdk8s construct path of the object, when known. */
  readonly constructPath?: string;
  /** The position of a path inside the document, or of its deepest existing ancestor. */
  locate(path: Path): Position;
}

/** A document that could not be read. */
export interface InputError {
  readonly file: string;
  readonly message: string;
  readonly position: Position;
}

export const START: Position = { line: 1, column: 1 };

// CloudFormation's short forms: `!Ref x` is `{ Ref: x }`, `!Sub s` is `{ 'Fn::Sub': s }`, `!GetAtt a.b` is `{ 'Fn::GetAtt': [a, b] }`.
const FUNCTIONS = ['Base64', 'Cidr', 'FindInMap', 'GetAtt', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub', 'Transform',
  'And', 'Equals', 'If', 'Not', 'Or', 'Length', 'ToJsonString', 'ForEach'];

function cfnTags(): Array<ScalarTag | CollectionTag> {
  const tags: Array<ScalarTag | CollectionTag> = [];
  const wrap = (name: string, key: string) => {
    tags.push({ tag: `!${name}`, resolve: (str: string) => ({ [key]: name === 'GetAtt' ? splitGetAtt(str) : str }) } as ScalarTag);
    tags.push({ tag: `!${name}`, collection: 'seq', resolve: (seq: any) => ({ [key]: seq.toJSON() }) } as unknown as CollectionTag);
    tags.push({ tag: `!${name}`, collection: 'map', resolve: (map: any) => ({ [key]: map.toJSON() }) } as unknown as CollectionTag);
  };
  wrap('Ref', 'Ref');
  wrap('Condition', 'Condition');
  for (const f of FUNCTIONS) { wrap(f, `Fn::${f}`); }
  return tags;
}

function splitGetAtt(str: string): string[] {
  const dot = str.indexOf('.');
  return dot < 0 ? [str] : [str.slice(0, dot), str.slice(dot + 1)];
}

const CUSTOM_TAGS = cfnTags();
const YAML_OPTIONS = { customTags: CUSTOM_TAGS, uniqueKeys: false, strict: false, prettyErrors: false } as const;

/** Reads text into documents. Never throws: problems become `InputError`s. */
export function readText(text: string, file: string): { docs: InputDoc[]; errors: InputError[] } {
  const body = text.replace(/^\uFEFF/, '');
  const trimmed = body.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    // JSON is the common case (cdk.out, kubectl -o json): parse it fast, find positions only when a finding needs one.
    try {
      const value = JSON.parse(body);
      let doc: Document | undefined | null;
      let counter: LineCounter | undefined;
      const locate = (path: Path): Position => {
        if (doc === undefined) {
          counter = new LineCounter();
          doc = body.length <= 4 * 1024 * 1024 ? safe(() => parseDocument(body, { lineCounter: counter, ...YAML_OPTIONS })) ?? null : null;
        }
        return doc ? positionIn(doc, counter!, path) : START;
      };
      return { docs: [{ file, value, locate }], errors: [] };
    } catch {
      // Not valid JSON: the YAML parser says where.
    }
  }
  const counter = new LineCounter();
  let documents: Document[];
  try {
    documents = parseAllDocuments(body, { lineCounter: counter, ...YAML_OPTIONS }) as unknown as Document[];
  } catch (e) {
    return { docs: [], errors: [{ file, message: `cannot be parsed: ${(e as Error)?.message ?? String(e)}`, position: START }] };
  }
  if (!Array.isArray(documents)) { documents = [documents as Document]; }
  const docs: InputDoc[] = [];
  const errors: InputError[] = [];
  documents.forEach((d, i) => {
    if (d.errors.length > 0) {
      const err = d.errors[0];
      const pos = counter.linePos(err.pos[0]);
      errors.push({
        file,
        message: `document ${i + 1} is not valid YAML: ${firstLine(err.message)}${d.errors.length > 1 ? ` (and ${d.errors.length - 1} more problem${d.errors.length > 2 ? 's' : ''})` : ''}`,
        position: { line: pos.line, column: pos.col },
      });
      return;
    }
    let value: any;
    try {
      value = d.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      const pos = d.contents && isNode(d.contents) && d.contents.range ? counter.linePos(d.contents.range[0]) : { line: 1, col: 1 };
      errors.push({ file, message: `document ${i + 1} cannot be read: ${firstLine((e as Error)?.message ?? String(e))}`, position: { line: pos.line, column: pos.col } });
      return;
    }
    if (value === null || value === undefined) { return; } // an empty document (`---` at the end) holds nothing
    docs.push({ file, value, locate: path => positionIn(d, counter, path) });
  });
  return { docs, errors };
}

/** A document of an object already in memory (cdk8s charts, CDK templates): no positions. */
export function memoryDoc(file: string, value: any, constructPath?: string): InputDoc {
  return { file, value, constructPath, locate: () => START };
}

function positionIn(doc: Document, counter: LineCounter, path: Path): Position {
  for (let n = path.length; n >= 0; n--) {
    const node = safe(() => doc.getIn(path.slice(0, n) as any[], true));
    if (isNode(node) && node.range) {
      const pos = counter.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return START;
}

function safe<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

function firstLine(s: string): string {
  return s.split('\n')[0].trim();
}
