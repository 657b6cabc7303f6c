/**
 * Suppressions from props and from `# cdk-distroless-ignore` comments.
 * Internal: not exported from lib/index.ts.
 */
import { Suppression } from './finding';
import { DockerfileModel, FILE_START, SourceRange } from './model';

/** Prefix of an inline suppression comment; `-file` widens it to the whole file. */
export const IGNORE = 'cdk-distroless-ignore';
export const IGNORE_FILE = 'cdk-distroless-ignore-file';

/** A suppression, valid or not. */
export interface ParsedSuppression {
  /** Rule ids it names that exist. */
  readonly ruleIds: string[];
  /** Trimmed reason; '' when missing. */
  readonly reason: string;
  /** `file`: every finding of the rules; `instruction`: findings on the next instruction only. */
  readonly fileWide: boolean;
  /** Where it was written: the comment, or the start of the file for props. */
  readonly range: SourceRange;
  /** How the user wrote it, for messages. */
  readonly source: string;
  /** The lines of the instruction an inline suppression covers. */
  readonly target?: { readonly line: number; readonly endLine: number };
  /** Why it is not valid; empty when valid. A suppression with problems about its reason suppresses nothing. */
  readonly problems: string[];
}

const ID = /^[A-Za-z]+\d+$/;

/**
 * Reads suppressions from props and comments. Never throws.
 * @internal
 */
export function _parseSuppressions(model: DockerfileModel, fromProps: readonly Suppression[] | undefined,
  knownIds: ReadonlySet<string>): ParsedSuppression[] {
  const out: ParsedSuppression[] = [];
  for (const comment of model.comments) {
    const m = /^cdk-distroless-ignore(-file)?(?=$|[\s:])([\s\S]*)$/.exec(comment.text.trim());
    if (!m) { continue; }
    const fileWide = !!m[1];
    const { ids, reason } = splitIdsAndReason(m[2]);
    const problems: string[] = [];
    let target: ParsedSuppression['target'];
    if (!fileWide) {
      const next = model.instructions.find(i => i.range.line > comment.range.line);
      if (next) {
        target = { line: next.range.line, endLine: next.range.endLine };
      } else {
        problems.push('no instruction follows it, so it applies to nothing');
      }
    }
    out.push(finish(ids, reason, fileWide, comment.range, `# ${comment.text.trim()}`, target, problems, knownIds));
  }
  (Array.isArray(fromProps) ? fromProps : []).forEach((s, i) => {
    const id = typeof s?.ruleId === 'string' ? s.ruleId.trim().toUpperCase() : '';
    const reason = typeof s?.reason === 'string' ? s.reason.trim() : '';
    out.push(finish(id ? [id] : [], reason, true, FILE_START, `suppressions[${i}] ${JSON.stringify(s ?? null)}`, undefined, [], knownIds));
  });
  return out;
}

function splitIdsAndReason(rest: string): { ids: string[]; reason: string } {
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    return { ids: rest.slice(0, colon).split(/[\s,]+/).filter(Boolean).map(s => s.toUpperCase()), reason: rest.slice(colon + 1).trim() };
  }
  // Without a colon: leading id-looking words are ids, the rest is the reason.
  const words = rest.trim().split(/[\s,]+/).filter(Boolean);
  const ids: string[] = [];
  while (words.length > 0 && ID.test(words[0])) {
    ids.push(words.shift()!.toUpperCase());
  }
  return { ids, reason: words.join(' ') };
}

function finish(ids: string[], reason: string, fileWide: boolean, range: SourceRange, source: string,
  target: ParsedSuppression['target'], problems: string[], knownIds: ReadonlySet<string>): ParsedSuppression {
  if (ids.length === 0) {
    problems.push('it names no rule id');
  }
  const unknown = ids.filter(id => !knownIds.has(id));
  if (unknown.length > 0) {
    problems.push(`it names unknown rule id${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`);
  }
  if (!reason) {
    problems.push('it gives no reason, so it suppresses nothing');
  }
  return { ruleIds: ids.filter(id => knownIds.has(id)), reason, fileWide, range, source, target, problems };
}

/**
 * The suppression that covers a finding of `ruleId` at `line`, if any: a valid one with a reason,
 * inline ones first (they are the most specific), then file-wide comments, then props.
 * @internal
 */
export function _findSuppression(suppressions: readonly ParsedSuppression[], ruleId: string, line: number): ParsedSuppression | undefined {
  const usable = suppressions.filter(s => s.reason && s.ruleIds.includes(ruleId));
  return usable.find(s => !s.fileWide && s.target && line >= s.target.line && line <= s.target.endLine)
    ?? usable.find(s => s.fileWide);
}
