import * as path from 'path';
import { pathToFileURL } from 'url';
import { pascalCase, sarifLog, SarifToolOptions, SRCROOT } from './sarif';
import { PostureCheck, PostureFinding, PostureRuleInfo, PostureSuppression } from '../posture';


export interface PostureSarifOptions extends SarifToolOptions {
  /** Suppressions given on the command line: findings they cover are `external`, any others `inSource`. */
  readonly external: PostureSuppression[];
  /** Names of inputs that are not files (standard input): their findings get a plain relative URI. */
  readonly notFiles: ReadonlySet<string>;
}

/** A SARIF 2.1.0 log with one run: every posture rule, one result per finding, with the resource as a logical location. */
export function toPostureSarif(findings: PostureFinding[], options: PostureSarifOptions) {
  const rules = PostureCheck.rules();
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  return sarifLog(options, rules.map(toRule), findings.map(f => toResult(f, ruleIndex, options)));
}

function toRule(rule: PostureRuleInfo) {
  return {
    id: rule.id,
    name: pascalCase(rule.title),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    help: { text: rule.fix },
    defaultConfiguration: { level: rule.level },
    properties: { tags: ['security', 'container', ...rule.platforms], podSecurityStandards: rule.podSecurityStandards },
  };
}

function toResult(f: PostureFinding, ruleIndex: Map<string, number>, options: PostureSarifOptions) {
  const external = options.external.some(s => s.ruleId === f.ruleId && s.reason === f.suppressionReason);
  const logical = [
    ...(f.resource ? [{ name: f.resource, fullyQualifiedName: f.location ? `${f.resource}:${f.location}` : f.resource, kind: 'resource' }] : []),
    ...(f.constructPath ? [{ fullyQualifiedName: f.constructPath, kind: 'module' }] : []),
  ];
  return {
    ruleId: f.ruleId,
    ruleIndex: ruleIndex.get(f.ruleId) ?? -1,
    level: f.level,
    message: { text: `${f.resource ? `${f.resource}: ` : ''}${f.message} Fix: ${f.fix}` },
    locations: [{
      physicalLocation: {
        artifactLocation: artifactLocation(f.file, options),
        region: { startLine: atLeast1(f.line), startColumn: atLeast1(f.column) },
      },
      ...(logical.length > 0 ? { logicalLocations: logical } : {}),
    }],
    properties: { platform: f.platform, unknown: f.unknown, location: f.location },
    suppressions: f.suppressed
      ? [{ kind: external ? 'external' : 'inSource', justification: f.suppressionReason ?? '' }]
      : [],
  };
}

function artifactLocation(file: string, options: PostureSarifOptions) {
  if (options.notFiles.has(file)) {
    return { uri: file.split('/').map(encodeURIComponent).join('/') };
  }
  const relative = path.relative(options.cwd, path.resolve(options.cwd, file));
  if (path.isAbsolute(relative)) {
    return { uri: pathToFileURL(relative).href };
  }
  return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function atLeast1(n: number): number {
  return Number.isInteger(n) && n >= 1 ? n : 1;
}
