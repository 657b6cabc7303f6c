/**
 * The shape of a policy rule. Internal: not exported from lib/index.ts.
 */
import { Analysis } from './analysis';
import { RuleInfo } from './finding';
import { SourceRange } from './model';

/** One place a rule objects to. */
export interface RuleHit {
  readonly range: SourceRange;
  /** Names the value found and what is allowed. */
  readonly message: string;
  /**
   * A fix specific to this hit.
   * @default - the rule's general fix
   */
  readonly fix?: string;
}

/** A rule: its documentation as data, and a pure check over the analysis. */
export interface Rule {
  readonly info: RuleInfo;
  check(analysis: Analysis): RuleHit[];
}
