import * as fs from 'fs';
import * as path from 'path';
import { CliIo, EXIT_FAILED, EXIT_OK, parseCommandArgs, UsageError } from './io';
import { toSarif } from './sarif';
import { RegistryMirror } from '../image';
import { DockerfilePolicy, Finding, LintResult, Severity, Suppression } from '../policy';
import { _findPolicyConfig, _loadPolicyConfig, PolicyConfig, PolicyConfigError } from '../policy/config';

export const LINT_HELP = `Usage: cdk-distroless lint [options] FILE...

Checks Dockerfiles against the cdk-distroless policy.

Arguments:
  FILE                       a Dockerfile, a directory holding one, or - for standard input

Options:
  --format text|json|sarif   output format (default: text); sarif is SARIF 2.1.0 for code scanning
  --suppress RULE_ID=REASON  acknowledge every finding of a rule, with a reason; repeatable
                             (in a Dockerfile: # cdk-distroless-ignore-file RULE_ID: REASON)
  --mirror UPSTREAM=MIRROR   the Dockerfiles pull through a registry mirror, e.g.
                             --mirror gcr.io/distroless=123456789012.dkr.ecr.eu-west-1.amazonaws.com/distroless;
                             mirrored bases are checked as their upstream catalog image; repeatable
  --target STAGE             check the stage that is built and shipped, as docker build --target
                             does (default: the last stage); applies to every FILE
  --config FILE              read this configuration file instead of searching for one
  --no-config                use no configuration file
  --stdin-filename NAME      name reported for standard input (default: <stdin>)
  --list-rules               print every rule id, level and title, then exit
  -h, --help                 show this help

Configuration file:
  .cdk-distroless.yaml (or .yml, .json), found in the working directory or the nearest parent:
    images:                # bases outside the catalog, with their facts (BaseImage.fromRegistry)
      - reference: registry.example.com/platform/base
        libc: glibc        # none | glibc | musl
        hasShell: false
        hasPackageManager: false
        defaultUser: { uid: 10001, gid: 10001 }
        environment: { APP_HOME: /app }   # the image's ENV, used to resolve variables
    registryMirrors:       # private pull-through registries of catalog images
      - upstream: cgr.dev/chainguard
        mirror: registry.example.com/chainguard
    suppressions:          # every finding of a rule, acknowledged with a reason
      - ruleId: CDL101
        reason: digests are pinned by Renovate at release
  --mirror and --suppress add to what the file says.

Exit codes:
  0  no unsuppressed error-level finding (warnings do not fail)
  1  at least one unsuppressed error-level finding
  2  usage error: unknown option or format, no FILE, unreadable file, invalid configuration file
`;

const FORMATS = ['text', 'json', 'sarif'];

/** One input to lint: what to call it in reports and what it holds. */
interface Input {
  readonly name: string;
  readonly content: string;
  /** The file's path as given (relative to the working directory or absolute); undefined for standard input. */
  readonly path?: string;
}

/** What the package says about itself, for `--version` and SARIF. */
export interface PackageMeta {
  readonly version: string;
  readonly informationUri: string;
}

export function lintCommand(args: string[], io: CliIo, meta: PackageMeta): number {
  const { values, positionals } = parseCommandArgs('lint', args, {
    'format': { type: 'string', default: 'text' },
    'suppress': { type: 'string', multiple: true, default: [] },
    'mirror': { type: 'string', multiple: true, default: [] },
    'stdin-filename': { type: 'string', default: '<stdin>' },
    'target': { type: 'string' },
    'config': { type: 'string' },
    'no-config': { type: 'boolean', default: false },
    'list-rules': { type: 'boolean', default: false },
    'help': { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    io.stdout(LINT_HELP);
    return EXIT_OK;
  }
  if (values['list-rules']) {
    io.stdout(listRules());
    return EXIT_OK;
  }
  const format = values.format as string;
  if (!FORMATS.includes(format)) {
    throw new UsageError(`lint: unknown format ${JSON.stringify(format)}. Use one of: ${FORMATS.join(', ')}.`);
  }
  const suppressions = (values.suppress as string[]).map(parseSuppression);
  const registryMirrors = (values.mirror as string[]).map(parseMirror);
  if (positionals.length === 0) {
    throw new UsageError('lint: no FILE given. Name one or more Dockerfiles, e.g. `cdk-distroless lint Dockerfile`, or - for standard input.');
  }

  // Read everything first, so an unreadable file fails the run before any report is printed.
  const cwd = io.cwd ?? process.cwd();
  const config = readConfig(values.config as string | undefined, values['no-config'] as boolean, cwd);
  const inputs = positionals.map(arg => readInput(arg, cwd, io, values['stdin-filename'] as string));

  // The file's suppressions and --suppress alike are external to the Dockerfile (SARIF says so).
  const external = [...config?.suppressions ?? [], ...suppressions];
  let policy: DockerfilePolicy;
  try {
    policy = new DockerfilePolicy({
      suppressions: external,
      registryMirrors: [...config?.registryMirrors ?? [], ...registryMirrors],
      images: config?.images,
      target: values.target as string | undefined,
    });
  } catch (e) {
    // Only the target is validated here; anything else is not the user's --target.
    if (values.target === undefined) { throw e; }
    throw new UsageError(`lint: --target ${JSON.stringify(values.target)}: ${(e as Error).message}`);
  }
  const results = inputs.map(input => policy.lint(input.content, input.name));

  switch (format) {
    case 'json':
      io.stdout(JSON.stringify(results.flatMap(r => r.findings.map(toJsonFinding)), undefined, 2) + '\n');
      break;
    case 'sarif':
      io.stdout(JSON.stringify(toSarif(
        results.map((result, i) => ({ result, path: inputs[i].path })),
        { ...meta, cwd, external },
      ), undefined, 2) + '\n');
      break;
    default:
      io.stdout(toText(results));
  }
  const failed = results.some(r => r.findings.some(f => f.level === Severity.ERROR && !f.suppressed));
  return failed ? EXIT_FAILED : EXIT_OK;
}

/** The configuration file named by --config, or found from the working directory upwards. */
function readConfig(explicit: string | undefined, none: boolean, cwd: string): PolicyConfig | undefined {
  if (explicit !== undefined && none) {
    throw new UsageError('lint: --config and --no-config contradict each other. Pass one of them.');
  }
  if (none) { return undefined; }
  try {
    const file = explicit !== undefined ? path.resolve(cwd, explicit) : _findPolicyConfig(cwd);
    return file === undefined ? undefined : _loadPolicyConfig(file);
  } catch (e) {
    if (e instanceof PolicyConfigError) {
      throw new UsageError(`lint: invalid configuration: ${e.message}`,
        'See `cdk-distroless lint --help` for the file\'s keys, or pass --no-config to lint without it.');
    }
    throw e;
  }
}

/** `RULE_ID=reason`, for a rule the policy knows. */
function parseSuppression(value: string): Suppression {
  const eq = value.indexOf('=');
  const ruleId = (eq < 0 ? value : value.slice(0, eq)).trim().toUpperCase();
  const reason = eq < 0 ? '' : value.slice(eq + 1).trim();
  const known = DockerfilePolicy.rules().map(r => r.id);
  if (!known.includes(ruleId)) {
    throw new UsageError(`lint: --suppress ${JSON.stringify(value)} names no known rule ${JSON.stringify(ruleId)}. `
      + 'Use RULE_ID=reason with a rule id from `cdk-distroless lint --list-rules`, e.g. --suppress CDL101="pinned by the release pipeline".');
  }
  if (!reason) {
    throw new UsageError(`lint: --suppress ${JSON.stringify(value)} has no reason. Suppressions must say why: --suppress ${ruleId}="why this is acceptable".`);
  }
  return { ruleId, reason };
}

/** `UPSTREAM_PREFIX=MIRROR_PREFIX`. */
function parseMirror(value: string): RegistryMirror {
  const eq = value.indexOf('=');
  const usage = 'Use UPSTREAM_PREFIX=MIRROR_PREFIX, e.g. --mirror gcr.io/distroless=registry.example.com/distroless.';
  if (eq <= 0 || eq === value.length - 1) {
    throw new UsageError(`lint: --mirror ${JSON.stringify(value)} is not UPSTREAM=MIRROR. ${usage}`);
  }
  try {
    return RegistryMirror.of(value.slice(0, eq).trim(), value.slice(eq + 1).trim());
  } catch (e) {
    throw new UsageError(`lint: --mirror ${JSON.stringify(value)}: ${(e as Error).message}`);
  }
}

function readInput(arg: string, cwd: string, io: CliIo, stdinName: string): Input {
  if (arg === '-') {
    try {
      return { name: stdinName, content: io.readStdin ? io.readStdin() : fs.readFileSync(0, 'utf8') };
    } catch (e) {
      throw new UsageError(`lint: cannot read standard input: ${(e as Error).message}`);
    }
  }
  const absolute = path.resolve(cwd, arg);
  let file = absolute;
  let name = arg;
  try {
    if (fs.statSync(absolute).isDirectory()) {
      file = path.join(absolute, 'Dockerfile');
      name = path.join(arg, 'Dockerfile');
    }
    return { name, path: name, content: fs.readFileSync(file, 'utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new UsageError(`lint: cannot read ${JSON.stringify(name)} (${file}): ${why}. Name a readable Dockerfile or a directory holding one.`);
  }
}

/** The JSON shape: stable keys, `suppressionReason` null when not suppressed. */
function toJsonFinding(f: Finding) {
  return {
    ruleId: f.ruleId,
    level: f.level,
    file: f.file,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    message: f.message,
    fix: f.fix,
    suppressed: f.suppressed,
    suppressionReason: f.suppressionReason ?? null,
  };
}

function toText(results: LintResult[]): string {
  const out = results.map(r => DockerfilePolicy.format(r).replace(/\n*$/, '\n'));
  const all = results.flatMap(r => r.findings);
  const errors = all.filter(f => !f.suppressed && f.level === Severity.ERROR).length;
  const warnings = all.filter(f => !f.suppressed && f.level === Severity.WARNING).length;
  const suppressed = all.filter(f => f.suppressed).length;
  const files = `${results.length} file${results.length === 1 ? '' : 's'}`;
  out.push(`${errors > 0 ? 'FAIL' : 'PASS'}: ${files} checked, ${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${suppressed} suppressed.\n`);
  return out.join('\n');
}

function listRules(): string {
  const rules = DockerfilePolicy.rules();
  return rules.map(r => `${r.id}  ${r.level.padEnd(7)}  ${r.title}`).join('\n') + '\n';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
