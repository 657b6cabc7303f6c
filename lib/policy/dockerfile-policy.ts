import * as fs from 'fs';
import { _analyze, Analysis } from './analysis';
import { _failureMessage } from './failure';
import { Finding, RuleInfo, Severity, Suppression } from './finding';
import { _parseDockerfile } from './model';
import { RuleHit } from './rule';
import { RULES, SUPPRESSION_INVALID_ID } from './rules';
import { _findSuppression } from './suppressions';
import { BaseImage } from '../image/base-image';
import { RegistryMirror } from '../image/registry-mirror';

/** Options for a {@link DockerfilePolicy}. */
export interface DockerfilePolicyProps {
  /**
   * Findings to acknowledge in every Dockerfile this policy lints, each with a reason.
   * Inline `# cdk-distroless-ignore <ID>: <reason>` comments work in addition.
   * @default - none
   */
  readonly suppressions?: Suppression[];
  /**
   * Registry mirrors the Dockerfiles pull through. A mirrored reference is mapped back to its
   * upstream (`RegistryMirror.restore`) before the base image is looked up in the catalog.
   * @default - no mirrors
   */
  readonly registryMirrors?: RegistryMirror[];
  /**
   * Base images outside the catalog, with their facts (`BaseImage.fromRegistry`). Matched against
   * FROM by repository; they take precedence over catalog entries for the same repository.
   * @default - only the catalog
   */
  readonly images?: BaseImage[];
  /**
   * The stage that is built and shipped, as `docker build --target` names it (case-insensitive).
   * That stage is checked as the final one; stages after it are never built into the image.
   * A target no stage has is reported as CDL001.
   * @default - the last stage
   */
  readonly target?: string;
}

/** The findings for one Dockerfile. */
export interface LintResult {
  /** The file name the findings refer to. */
  readonly file: string;
  /** Every finding, suppressed ones included (flagged), sorted by line, column and rule id. */
  readonly findings: Finding[];
  /** Unsuppressed errors. */
  readonly errorCount: number;
  /** Unsuppressed warnings. */
  readonly warningCount: number;
}

/**
 * The enforced Dockerfile policy: checks any Dockerfile, generated or hand-written, against the
 * distroless hardening rules (`CDL0xx` errors, `CDL1xx` warnings; see RULES.md).
 *
 * @example
 * const result = new DockerfilePolicy().lint(dockerfileText);
 * if (result.errorCount > 0) { throw new Error(DockerfilePolicy.format(result)); }
 */
export class DockerfilePolicy {
  /** Every rule: id, level, title, description and fix. */
  public static rules(): RuleInfo[] {
    return RULES.map(r => ({ ...r.info }));
  }

  /**
   * Human-readable report: one `file:line:column  level  id  message` line per finding with its fix,
   * suppressed findings with their reason, and a summary line.
   */
  public static format(result: LintResult): string {
    const lines: string[] = [];
    let suppressed = 0;
    for (const f of result.findings ?? []) {
      const where = `${f.file}:${f.line}:${f.column}`;
      if (f.suppressed) {
        suppressed++;
        lines.push(`${where}  ${f.level} (suppressed)  ${f.ruleId}  ${f.message}`);
        lines.push(`    reason: ${f.suppressionReason ?? ''}`);
      } else {
        lines.push(`${where}  ${f.level}  ${f.ruleId}  ${f.message}`);
        lines.push(`    fix: ${f.fix}`);
      }
    }
    const counts = [plural(result.errorCount, 'error'), plural(result.warningCount, 'warning')];
    if (suppressed > 0) { counts.push(`${suppressed} suppressed`); }
    lines.push(`${result.file}: ${(result.findings ?? []).length === 0 ? 'no findings' : counts.join(', ')}`);
    return lines.join('\n');
  }

  /**
   * The one message a synth-time check throws when a Dockerfile fails the policy: every
   * unsuppressed error with its rule id, file:line, message and fix, and how to acknowledge one.
   * Warnings are left out (surface them as construct warnings).
   *
   * @param result the lint result
   * @param subject who is failing, e.g. 'DistrolessImage.fromDockerfile' or a construct path
   */
  public static failureMessage(result: LintResult, subject: string): string {
    return _failureMessage(result, subject);
  }

  private readonly props: DockerfilePolicyProps;

  constructor(props: DockerfilePolicyProps = {}) {
    this.props = props ?? {};
    const target = this.props.target as unknown;
    if (target !== undefined && (typeof target !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(target))) {
      throw new Error(`DockerfilePolicy: target ${JSON.stringify(target)} is not a stage name. `
        + 'Pass the name of a stage as written after AS in its FROM (letters, digits, "_", "." and "-"), e.g. target: \'runtime\', or leave it out to check the last stage.');
    }
  }

  /**
   * Lints Dockerfile text. Never throws: unparseable input becomes a CDL001 finding.
   *
   * @param content the Dockerfile
   * @param file the name findings refer to; 'Dockerfile' when not given
   */
  public lint(content: string, file: string = 'Dockerfile'): LintResult {
    return this._lintWithAnalysis(content, file).result;
  }

  /**
   * Lints and returns the analysis the rules saw, for the image profile (one analysis, no second parser).
   * @internal
   */
  public _lintWithAnalysis(content: string, file: string = 'Dockerfile'): { result: LintResult; analysis: Analysis } {
    const text = typeof content === 'string' ? content : '';
    const model = _parseDockerfile(text);
    const analysis = _analyze(model, {
      images: this.props.images,
      registryMirrors: this.props.registryMirrors,
      suppressions: this.props.suppressions,
      knownRuleIds: new Set(RULES.map(r => r.info.id)),
      target: this.props.target,
    });

    const findings: Finding[] = [];
    for (const rule of RULES) {
      for (const hit of safeCheck(rule.check.bind(rule), analysis, rule.info.id)) {
        const suppression = rule.info.id === SUPPRESSION_INVALID_ID
          ? undefined
          : _findSuppression(analysis.suppressions, rule.info.id, hit.range.line);
        findings.push({
          ruleId: rule.info.id,
          level: rule.info.level,
          file,
          line: hit.range.line,
          column: hit.range.column,
          endLine: hit.range.endLine,
          endColumn: hit.range.endColumn,
          message: hit.message,
          fix: hit.fix ?? rule.info.fix,
          suppressed: !!suppression,
          ...(suppression ? { suppressionReason: suppression.reason } : {}),
        });
      }
    }
    findings.sort(compareFindings);
    const active = findings.filter(f => !f.suppressed);
    const result = {
      file,
      findings,
      errorCount: active.filter(f => f.level === Severity.ERROR).length,
      warningCount: active.filter(f => f.level === Severity.WARNING).length,
    };
    return { result, analysis };
  }

  /**
   * Reads and lints a Dockerfile. Findings name the path as given.
   *
   * @param path path of the Dockerfile
   */
  public lintFile(path: string): LintResult {
    let content: string;
    try {
      content = fs.readFileSync(path, 'utf8');
    } catch (e) {
      const reason = (e as NodeJS.ErrnoException)?.code === 'ENOENT' ? 'no such file'
        : (e as NodeJS.ErrnoException)?.code === 'EISDIR' ? 'it is a directory' : (e as Error)?.message ?? String(e);
      throw new Error(`DockerfilePolicy.lintFile: cannot read ${JSON.stringify(path)}: ${reason}. Pass the path of a readable Dockerfile, or lint its text with lint(content, file).`);
    }
    return this.lint(content, path);
  }
}

/** A rule that throws must not take the lint down, nor pass silently: it reports the crash as its own finding. */
function safeCheck(check: (a: ReturnType<typeof _analyze>) => RuleHit[], analysis: ReturnType<typeof _analyze>, id: string): RuleHit[] {
  try {
    return check(analysis);
  } catch (e) {
    return [{
      range: { line: 1, column: 1, endLine: 1, endColumn: 1 },
      message: `Rule ${id} failed on this Dockerfile (internal error: ${(e as Error)?.message ?? String(e)}), so it could not be checked.`,
      fix: 'Report this Dockerfile to the cdk-distroless maintainers; suppress the rule with a reason meanwhile.',
    }];
  }
}

function compareFindings(a: Finding, b: Finding): number {
  return a.line - b.line || a.column - b.column || cmp(a.ruleId, b.ruleId) || a.endLine - b.endLine
    || a.endColumn - b.endColumn || cmp(a.message, b.message);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
