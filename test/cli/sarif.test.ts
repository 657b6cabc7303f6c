import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { CLEAN, DEBUG_INLINE, ROOT_USER, UBUNTU } from './fixtures';
import { cleanupTempDirs, runCli, withFiles } from './harness';
import { DockerfilePolicy } from '../../lib/policy';

afterAll(cleanupTempDirs);

const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function sarif(argv: string[], cwd: string): { code: number; log: Json } {
  const { code, stdout, stderr } = runCli(['lint', '--format', 'sarif', ...argv], { cwd });
  expect(stderr).toBe('');
  return { code, log: JSON.parse(stdout) };
}

/**
 * The SARIF 2.1.0 constraints a consumer relies on, checked by hand (OASIS SARIF 2.1.0, sections 3.13-3.49):
 * required properties, enum values, 1-based regions, rule indexes that point at the right rule.
 */
function expectValidSarif(log: Json): void {
  expect(log.version).toBe('2.1.0');
  expect(log.$schema).toMatch(/^https:\/\/.*sarif-schema-2\.1\.0\.json$/);
  expect(Array.isArray(log.runs)).toBe(true);
  for (const run of log.runs) {
    const driver = run.tool.driver;
    expect(typeof driver.name).toBe('string');
    for (const rule of driver.rules ?? []) {
      expect(typeof rule.id).toBe('string');
      for (const key of ['shortDescription', 'fullDescription', 'help']) {
        if (rule[key] !== undefined) { expect(typeof rule[key].text).toBe('string'); }
      }
      expect(['none', 'note', 'warning', 'error']).toContain(rule.defaultConfiguration?.level ?? 'warning');
    }
    for (const base of Object.values(run.originalUriBaseIds ?? {}) as Json[]) {
      expect(base.uri).toMatch(/\/$/);
    }
    for (const result of run.results) {
      expect(typeof result.message.text).toBe('string');
      expect(['none', 'note', 'warning', 'error']).toContain(result.level);
      if (result.ruleIndex !== undefined && result.ruleIndex >= 0) {
        expect(driver.rules[result.ruleIndex].id).toBe(result.ruleId);
      }
      for (const location of result.locations ?? []) {
        const { artifactLocation, region } = location.physicalLocation;
        expect(typeof artifactLocation.uri).toBe('string');
        expect(() => new URL(artifactLocation.uri, 'file:///base/')).not.toThrow();
        if (artifactLocation.uriBaseId !== undefined) {
          expect(Object.keys(run.originalUriBaseIds ?? {})).toContain(artifactLocation.uriBaseId);
          expect(artifactLocation.uri).not.toMatch(/^[a-z]+:|^\/|\\/);
        }
        for (const key of ['startLine', 'startColumn', 'endLine', 'endColumn']) {
          expect(Number.isInteger(region[key]) && region[key] >= 1).toBe(true);
        }
        expect(region.endLine).toBeGreaterThanOrEqual(region.startLine);
      }
      for (const suppression of result.suppressions ?? []) {
        expect(['inSource', 'external']).toContain(suppression.kind);
      }
    }
    // If any result of a run has suppressions, all must (3.27.23).
    const withSuppressions = run.results.filter((r: Json) => r.suppressions !== undefined).length;
    expect([0, run.results.length]).toContain(withSuppressions);
  }
}

/**
 * A validator for the official SARIF 2.1.0 JSON schema, which @microsoft/jest-sarif ships
 * (CDL_SARIF_SCHEMA may name another copy of it).
 */
function schemaValidator(): (log: Json) => string[] {
  const schemaFile = process.env.CDL_SARIF_SCHEMA
    ?? require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Ajv = require('ajv');
  // The schema is draft-04: ajv 6 validates it once the draft-04 meta-schema is added.
  const ajv = new Ajv({ schemaId: 'auto', allErrors: true });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json'));
  const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')));
  return log => (validate(log) ? [] : validate.errors.map((e: Json) => `${e.dataPath} ${e.message}`));
}

const validator = schemaValidator();

describe('cdk-distroless lint --format sarif', () => {
  test('is a SARIF 2.1.0 log with one run from the cdk-distroless driver, version from package.json', () => {
    const cwd = withFiles({ Dockerfile: UBUNTU });
    const { code, log } = sarif(['Dockerfile'], cwd);
    expect(code).toBe(1);
    expectValidSarif(log);
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].tool.driver).toMatchObject({
      name: 'cdk-distroless',
      informationUri: 'https://github.com/cdk-distroless/cdk-distroless',
      version: pkg.version,
    });
  });

  test('lists every policy rule with name, descriptions, help and default level', () => {
    const { log } = sarif(['Dockerfile'], withFiles({ Dockerfile: CLEAN }));
    const rules = DockerfilePolicy.rules();
    expect(log.runs[0].tool.driver.rules).toHaveLength(rules.length);
    rules.forEach((rule, i) => {
      expect(log.runs[0].tool.driver.rules[i]).toMatchObject({
        id: rule.id,
        name: expect.stringMatching(/^[A-Z][A-Za-z0-9]+$/),
        shortDescription: { text: rule.title },
        fullDescription: { text: rule.description },
        help: { text: rule.fix },
        defaultConfiguration: { level: rule.level },
      });
    });
    const names = log.runs[0].tool.driver.rules.map((r: Json) => r.name);
    expect(new Set(names).size).toBe(names.length);
  });

  test('has one result per finding with rule index, level, message with the fix and a 1-based region', () => {
    const cwd = withFiles({ Dockerfile: ROOT_USER });
    const { log } = sarif(['Dockerfile'], cwd);
    const findings = new DockerfilePolicy().lint(ROOT_USER).findings;
    const results = log.runs[0].results;
    expect(results.map((r: Json) => r.ruleId)).toEqual(findings.map(f => f.ruleId));
    const root = results.find((r: Json) => r.ruleId === 'CDL009');
    const finding = findings.find(f => f.ruleId === 'CDL009')!;
    expect(root).toEqual({
      ruleId: 'CDL009',
      ruleIndex: DockerfilePolicy.rules().findIndex(r => r.id === 'CDL009'),
      level: 'error',
      message: { text: `${finding.message} Fix: ${finding.fix}` },
      locations: [{
        physicalLocation: {
          artifactLocation: { uri: 'Dockerfile', uriBaseId: 'SRCROOT' },
          region: { startLine: 3, startColumn: 1, endLine: finding.endLine, endColumn: finding.endColumn },
        },
      }],
      suppressions: [],
    });
    expect(results.find((r: Json) => r.ruleId === 'CDL101').level).toBe('warning');
  });

  test('artifact URIs are relative to the working directory, with forward slashes and percent-encoding', () => {
    const cwd = withFiles({ 'services/api/Dockerfile': ROOT_USER, 'my app/Dockerfile': ROOT_USER });
    const { log } = sarif(['services/api', path.join(cwd, 'my app', 'Dockerfile')], cwd);
    expectValidSarif(log);
    const uris = new Set(log.runs[0].results.map((r: Json) => r.locations[0].physicalLocation.artifactLocation.uri));
    expect([...uris]).toEqual(['services/api/Dockerfile', 'my%20app/Dockerfile']);
    expect(log.runs[0].originalUriBaseIds).toEqual({ SRCROOT: { uri: `${pathToFileURL(cwd).href}/` } });
  });

  test('files outside the working directory get ../ URIs', () => {
    const outside = withFiles({ Dockerfile: ROOT_USER });
    const cwd = withFiles({ 'x/.keep': '' });
    const { log } = sarif([path.join(outside, 'Dockerfile')], path.join(cwd, 'x'));
    const uri = log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri;
    expect(uri).toBe(path.relative(path.join(cwd, 'x'), path.join(outside, 'Dockerfile')).split(path.sep).join('/'));
    expect(uri).toMatch(/^\.\.\//);
  });

  test('standard input is reported under its name, encoded', () => {
    const { code, stdout } = runCli(['lint', '--format', 'sarif', '-'], { stdin: ROOT_USER });
    expect(code).toBe(1);
    const log = JSON.parse(stdout);
    expectValidSarif(log);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: '%3Cstdin%3E' });
  });

  test('suppressions are external for --suppress and inSource for comments, with the justification', () => {
    const cwd = withFiles({ 'a/Dockerfile': ROOT_USER, 'b/Dockerfile': DEBUG_INLINE });
    const { code, log } = sarif(['--suppress', 'CDL009=legacy image, JIRA-123', 'a', 'b'], cwd);
    expectValidSarif(log);
    const results = log.runs[0].results;
    expect(results.find((r: Json) => r.ruleId === 'CDL009').suppressions).toEqual([{ kind: 'external', justification: 'legacy image, JIRA-123' }]);
    expect(results.find((r: Json) => r.ruleId === 'CDL004').suppressions).toEqual([{ kind: 'inSource', justification: 'break-glass image for the on-call runbook' }]);
    // b still has an unsuppressed shell-form HEALTHCHECK.
    expect(code).toBe(1);
    expect(results.find((r: Json) => r.ruleId === 'CDL006').suppressions).toEqual([]);
  });

  test('a clean file gives an empty result list and still every rule', () => {
    const { code, log } = sarif(['Dockerfile'], withFiles({ Dockerfile: CLEAN }));
    expect(code).toBe(0);
    expectValidSarif(log);
    expect(log.runs[0].results).toEqual([]);
    expect(log.runs[0].tool.driver.rules.length).toBeGreaterThan(0);
  });

  test('validates against the official SARIF 2.1.0 JSON schema', () => {
    const cwd = withFiles({ 'a/Dockerfile': UBUNTU, 'b/Dockerfile': DEBUG_INLINE, 'c d/Dockerfile': ROOT_USER, 'e/Dockerfile': CLEAN });
    const { log } = sarif(['--suppress', 'CDL101=pinned by the release pipeline', 'a', 'b', 'c d', 'e'], cwd);
    expect(validator(log)).toEqual([]);
    // The validator does reject what the spec forbids.
    const broken = JSON.parse(JSON.stringify(log));
    broken.runs[0].results[0].level = 'fatal';
    broken.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    expect(validator(broken).length).toBeGreaterThanOrEqual(2);
  });
});
