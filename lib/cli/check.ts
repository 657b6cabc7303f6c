import * as fs from 'fs';
import * as path from 'path';
import { CliIo, EXIT_FAILED, EXIT_OK, parseCommandArgs, UsageError } from './io';
import { PackageMeta } from './lint';
import { toPostureSarif } from './posture-sarif';
import { Severity } from '../policy';
import { PostureCheck, PostureFinding, PostureReport, PostureSuppression } from '../posture';

export const CHECK_HELP = `Usage: cdk-distroless check [options] PATH...

Checks the deployed posture of whole apps: every ECS task definition and service in CloudFormation
templates, and every pod template in Kubernetes manifests, whoever created them.

Arguments:
  PATH                       a CloudFormation template (JSON or YAML), a cdk.out folder (every stack
                             template, and the Dockerfile of every Docker image asset), a Kubernetes
                             manifest (YAML or JSON, multi-document, Helm or kustomize output), a folder
                             of those, or - for standard input

Options:
  --format text|json|sarif   output format (default: text); sarif is SARIF 2.1.0 for code scanning
  --suppress RULE_ID=REASON  acknowledge every finding of a rule, with a reason; repeatable
                             (on a Kubernetes object: annotation cdk-distroless.io/suppress.RULE_ID: REASON)
  --stdin-filename NAME      name reported for standard input (default: <stdin>)
  --max-size MIB             largest input read in one piece, in MiB (default: 32)
  --list-rules               print every rule id, level and title, then exit
  -h, --help                 show this help

Exit codes:
  0  no unsuppressed error-level finding (warnings do not fail)
  1  at least one unsuppressed error-level finding (unknown values included)
  2  usage error: unknown option or format, no PATH, unreadable path
`;

const FORMATS = ['text', 'json', 'sarif'];

export function checkCommand(args: string[], io: CliIo, meta: PackageMeta): number {
  const { values, positionals } = parseCommandArgs('check', args, {
    'format': { type: 'string', default: 'text' },
    'suppress': { type: 'string', multiple: true, default: [] },
    'stdin-filename': { type: 'string', default: '<stdin>' },
    'max-size': { type: 'string' },
    'list-rules': { type: 'boolean', default: false },
    'help': { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    io.stdout(CHECK_HELP);
    return EXIT_OK;
  }
  if (values['list-rules']) {
    io.stdout(PostureCheck.rules().map(r => `${r.id}  ${r.level.padEnd(7)}  ${r.title}`).join('\n') + '\n');
    return EXIT_OK;
  }
  const format = values.format as string;
  if (!FORMATS.includes(format)) {
    throw new UsageError(`check: unknown format ${JSON.stringify(format)}. Use one of: ${FORMATS.join(', ')}.`);
  }
  const suppressions = (values.suppress as string[]).map(parseSuppression);
  let maxInputBytes: number | undefined;
  if (values['max-size'] !== undefined) {
    const mib = Number(values['max-size']);
    if (!Number.isFinite(mib) || mib <= 0) {
      throw new UsageError(`check: --max-size ${JSON.stringify(values['max-size'])} is not a positive number of MiB, e.g. --max-size 64.`);
    }
    maxInputBytes = Math.floor(mib * 1024 * 1024);
  }
  if (positionals.length === 0) {
    throw new UsageError('check: no PATH given. Name templates, manifests or a cdk.out folder, e.g. `cdk-distroless check cdk.out`, or - for standard input.');
  }
  const cwd = io.cwd ?? process.cwd();
  const stdinName = values['stdin-filename'] as string;
  // Resolve every path first, so a typo fails the run before any report is printed.
  const inputs = positionals.map(arg => {
    if (arg === '-') { return { arg, stdin: true }; }
    const absolute = path.resolve(cwd, arg);
    if (!fs.existsSync(absolute)) {
      throw new UsageError(`check: cannot read ${JSON.stringify(arg)} (${absolute}): no such file or folder. Name a template, a manifest or a cdk.out folder.`);
    }
    return { arg, stdin: false };
  });

  const check = new PostureCheck({ suppressions, maxInputBytes });
  const reports: PostureReport[] = [];
  for (const input of inputs) {
    if (input.stdin) {
      let text: string;
      try {
        text = io.readStdin ? io.readStdin() : fs.readFileSync(0, 'utf8');
      } catch (e) {
        throw new UsageError(`check: cannot read standard input: ${(e as Error).message}`);
      }
      reports.push(check.checkText(text, stdinName));
    } else {
      reports.push(relativize(check.checkPath(path.resolve(cwd, input.arg)), cwd));
    }
  }
  const report = PostureCheck.merge(reports);

  switch (format) {
    case 'json':
      io.stdout(JSON.stringify(report.findings.map(toJson), undefined, 2) + '\n');
      break;
    case 'sarif':
      io.stdout(JSON.stringify(toPostureSarif(report.findings, { ...meta, cwd, external: suppressions, notFiles: new Set([stdinName]) }), undefined, 2) + '\n');
      break;
    default:
      io.stdout(PostureCheck.format(report) + '\n'
        + `${report.errorCount > 0 ? 'FAIL' : 'PASS'}: ${inputs.length} input${inputs.length === 1 ? '' : 's'} checked, ${report.errorCount} error${report.errorCount === 1 ? '' : 's'}, `
        + `${report.warningCount} warning${report.warningCount === 1 ? '' : 's'}, ${report.findings.filter(f => f.suppressed).length} suppressed.\n`);
  }
  return report.findings.some(f => f.level === Severity.ERROR && !f.suppressed) ? EXIT_FAILED : EXIT_OK;
}

/** Findings name files relative to the working directory, as given on the command line. */
function relativize(report: PostureReport, cwd: string): PostureReport {
  return {
    ...report,
    findings: report.findings.map(f => {
      const rel = path.relative(cwd, f.file);
      const file = !rel || rel.startsWith('..') || path.isAbsolute(rel) ? f.file : rel;
      return { ...f, file, message: f.message.split(f.file).join(file) };
    }),
  };
}

function parseSuppression(value: string): PostureSuppression {
  const eq = value.indexOf('=');
  const ruleId = (eq < 0 ? value : value.slice(0, eq)).trim().toUpperCase();
  const reason = eq < 0 ? '' : value.slice(eq + 1).trim();
  if (!PostureCheck.rules().some(r => r.id === ruleId)) {
    throw new UsageError(`check: --suppress ${JSON.stringify(value)} names no known rule ${JSON.stringify(ruleId)}. `
      + 'Use RULE_ID=reason with a rule id from `cdk-distroless check --list-rules`, e.g. --suppress CDP102="digests pinned at deploy".');
  }
  if (!reason) {
    throw new UsageError(`check: --suppress ${JSON.stringify(value)} has no reason. Suppressions must say why: --suppress ${ruleId}="why this is acceptable".`);
  }
  return { ruleId, reason };
}

/** The JSON shape: stable keys, null for what is absent. */
function toJson(f: PostureFinding) {
  return {
    ruleId: f.ruleId,
    level: f.level,
    platform: f.platform,
    file: f.file,
    line: f.line,
    column: f.column,
    resource: f.resource,
    constructPath: f.constructPath ?? null,
    location: f.location,
    message: f.message,
    fix: f.fix,
    unknown: f.unknown,
    suppressed: f.suppressed,
    suppressionReason: f.suppressionReason ?? null,
  };
}
