/**
 * The single synth-time error for a Dockerfile that fails the policy. Internal: exposed as
 * `DockerfilePolicy.failureMessage`.
 */
import type { LintResult } from './dockerfile-policy';
import { Severity } from './finding';

/** @internal */
export function _failureMessage(result: LintResult, subject: string): string {
  const errors = (result?.findings ?? []).filter(f => !f.suppressed && f.level === Severity.ERROR);
  const lines = [`${subject}: ${result?.file ?? 'Dockerfile'} fails the Dockerfile policy:`];
  for (const f of errors) {
    lines.push(`  ${f.ruleId} ${f.file}:${f.line}: ${f.message}`, `    fix: ${f.fix}`);
  }
  lines.push(`${errors.length} error${errors.length === 1 ? '' : 's'}. Fix the Dockerfile, or acknowledge a finding with a reason: `
    + '`# cdk-distroless-ignore <ID>: <reason>` above the line, or suppressions: [{ ruleId, reason }]. The rules are described in RULES.md.');
  return lines.join('\n');
}
