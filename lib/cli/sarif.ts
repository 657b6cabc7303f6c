import * as path from 'path';
import { pathToFileURL } from 'url';
import { DockerfilePolicy, Finding, LintResult, RuleInfo, Suppression } from '../policy';

/** The OASIS SARIF 2.1.0 schema (errata 01), which GitHub code scanning and other consumers accept. */
export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** Base id that artifact URIs are relative to; `originalUriBaseIds` says where it was on this machine. */
export const SRCROOT = 'SRCROOT';

export interface SarifInput {
  readonly result: LintResult;
  /** Where the file is: a path relative to `cwd`, an absolute path, or undefined for standard input. */
  readonly path?: string;
}

export interface SarifOptions {
  readonly version: string;
  readonly informationUri: string;
  readonly cwd: string;
  /** Suppressions given on the command line: findings they cover are `external`, any others `inSource`. */
  readonly external: Suppression[];
}

/** A SARIF 2.1.0 log with one run: every rule of the policy, one result per finding. */
export function toSarif(inputs: SarifInput[], options: SarifOptions) {
  const rules = DockerfilePolicy.rules();
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const results = inputs.flatMap(input => input.result.findings.map(f => toResult(f, input, ruleIndex, options)));
  return sarifLog(options, rules.map(toRule), results);
}

/** What every SARIF log of the CLI (lint, check) says about the tool and where relative URIs start. */
export interface SarifToolOptions {
  readonly version: string;
  readonly informationUri: string;
  readonly cwd: string;
}

/** The SARIF 2.1.0 envelope both `lint` and `check` write: one run of cdk-distroless with its rules and results. */
export function sarifLog(options: SarifToolOptions, rules: object[], results: object[]) {
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'cdk-distroless',
          informationUri: options.informationUri,
          version: options.version,
          semanticVersion: options.version,
          rules,
        },
      },
      originalUriBaseIds: {
        [SRCROOT]: { uri: pathToFileURL(options.cwd).href.replace(/\/?$/, '/') },
      },
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
}

function toRule(rule: RuleInfo) {
  return {
    id: rule.id,
    name: pascalCase(rule.title),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    help: { text: rule.fix },
    defaultConfiguration: { level: rule.level },
    properties: { tags: ['security', 'dockerfile', 'container'] },
  };
}

function toResult(f: Finding, input: SarifInput, ruleIndex: Map<string, number>, options: SarifOptions) {
  const external = options.external.some(s => s.ruleId === f.ruleId && s.reason === f.suppressionReason);
  return {
    ruleId: f.ruleId,
    // A finding from a rule that rules() does not list would be a policy bug; SARIF allows -1 for "unknown".
    ruleIndex: ruleIndex.get(f.ruleId) ?? -1,
    level: f.level,
    message: { text: f.fix ? `${f.message} Fix: ${f.fix}` : f.message },
    locations: [{
      physicalLocation: {
        artifactLocation: artifactLocation(input, options.cwd),
        region: region(f),
      },
    }],
    // Present on every result: an empty array says "not suppressed", absence would say "unknown".
    suppressions: f.suppressed
      ? [{ kind: external ? 'external' : 'inSource', justification: f.suppressionReason ?? '' }]
      : [],
  };
}

function artifactLocation(input: SarifInput, cwd: string) {
  if (input.path === undefined) {
    return { uri: encodeSegments(input.result.file) };
  }
  const relative = path.relative(cwd, path.resolve(cwd, input.path));
  if (path.isAbsolute(relative)) {
    // Another drive on Windows: no relative form exists.
    return { uri: pathToFileURL(relative).href };
  }
  return { uri: encodeSegments(relative.split(path.sep).join('/')), uriBaseId: SRCROOT };
}

/** SARIF positions are 1-based; never emit a region the schema rejects, even for odd policy output. */
function region(f: Finding) {
  const startLine = atLeast1(f.line);
  const startColumn = atLeast1(f.column);
  const endLine = Math.max(startLine, atLeast1(f.endLine));
  const endColumn = endLine === startLine ? Math.max(startColumn, atLeast1(f.endColumn)) : atLeast1(f.endColumn);
  return { startLine, startColumn, endLine, endColumn };
}

function atLeast1(n: number): number {
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

function encodeSegments(p: string): string {
  return p.split('/').map(encodeURIComponent).join('/');
}

/** `Final stage runs as a non-root user` -> `FinalStageRunsAsANonRootUser`: SARIF's `name` is an identifier-like label. */
export function pascalCase(title: string): string {
  return title
    .split(/[^A-Za-z0-9]+/)
    .filter(w => w.length > 0)
    .map(w => w[0].toUpperCase() + w.slice(1))
    .join('');
}
