import { Severity } from '../finding';
import { Rule } from '../rule';
import { IGNORE, IGNORE_FILE } from '../suppressions';

/** Rule id of this rule: its findings cannot themselves be suppressed. */
export const SUPPRESSION_INVALID_ID = 'CDL012';

/** A waiver must say which rule and why; otherwise it is a silent pass in disguise. */
export const suppressionInvalid: Rule = {
  info: {
    id: SUPPRESSION_INVALID_ID,
    level: Severity.ERROR,
    title: 'Suppressions must name a known rule and give a reason',
    description: `A suppression (\`# ${IGNORE} <ID>: <reason>\` before an instruction, \`# ${IGNORE_FILE} <ID>: <reason>\` anywhere, or `
      + '`suppressions: [{ ruleId, reason }]` in the props) without a reason suppresses nothing. One that names no rule or an unknown rule, '
      + 'or an inline one with no instruction after it, is reported too. These findings cannot be suppressed.',
    fix: `Write \`# ${IGNORE} CDL005: <why this is acceptable here>\` on the line before the instruction, or pass { ruleId: 'CDL005', reason: '<why>' }.`,
  },
  check(a) {
    return a.suppressions.filter(s => s.problems.length > 0).map(s => ({
      range: s.range,
      message: `Suppression ${s.source} is invalid: ${s.problems.join('; ')}.`,
      fix: s.source.startsWith('#')
        ? `Write \`# ${s.fileWide ? IGNORE_FILE : IGNORE} ${s.ruleIds[0] ?? 'CDL0NN'}: <reason>\` with a known rule id (see RULES.md) and a reason.`
        : `Pass { ruleId: '${s.ruleIds[0] ?? 'CDL0NN'}', reason: '<why this finding is acceptable>' } with a known rule id (see RULES.md).`,
    }));
  },
};
