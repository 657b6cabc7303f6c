import * as fs from 'fs';
import * as path from 'path';
import { AssetIndex, assemblyTemplates } from './assembly';
import { isTemplate, workloadsOf } from './cloudformation';
import { PostureFinding, PosturePlatform, PostureReport, PostureRuleInfo, PostureSuppression } from './finding';
import { podsOf, resourceName } from './kubernetes';
import { Path, PostureHit, PostureRule } from './model';
import { InputDoc, memoryDoc, Position, readText, START } from './parse';
import { INPUT_INVALID, POSTURE_RULES, RELAXATION_CONTROLS, SUPPRESSION_INVALID, UNKNOWN_KIND } from './rules';
import { formatPath, get, isObject, show } from './values';
import { DockerfilePolicy } from '../policy/dockerfile-policy';
import { Severity } from '../policy/finding';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** Annotation prefix of a suppression on a Kubernetes object: `cdk-distroless.io/suppress.CDP002: <reason>`. */
export const SUPPRESS_ANNOTATION_PREFIX = 'cdk-distroless.io/suppress.';
/** Annotation holding the relaxations a workload records, as a JSON list of `{ control, reason, container?, capability? }`. */
export const RELAXATIONS_ANNOTATION = 'cdk-distroless.io/relaxations';
/** CloudFormation resource metadata key of suppressions: a list of `{ id, reason }`. */
export const SUPPRESSIONS_METADATA = 'cdk-distroless:suppressions';
/** CloudFormation resource metadata key of recorded relaxations: a list of `{ control, reason, container?, capability? }`. */
export const RELAXATIONS_METADATA = 'cdk-distroless:relaxations';

const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

/** Options for a {@link PostureCheck}. */
export interface PostureCheckProps {
  /**
   * Findings to acknowledge everywhere, each with a reason. Suppressions on a resource (annotations, metadata) work in addition.
   * @default - none
   */
  readonly suppressions?: PostureSuppression[];
  /**
   * The policy that lints the Dockerfiles of locally built images (CDK Docker assets).
   * @default new DockerfilePolicy()
   */
  readonly dockerfilePolicy?: DockerfilePolicy;
  /**
   * Inputs larger than this many bytes are reported (CDP001) instead of parsed.
   * @default 33554432 (32 MiB)
   */
  readonly maxInputBytes?: number;
}

/** Suppressions and relaxations in force for one resource. */
interface Scope {
  readonly suppressions: Map<string, string>;
  readonly relaxations: Array<{ control: string; reason: string; container?: string; capability?: string }>;
}

/** Where findings of one resource go. */
interface Target {
  readonly doc: InputDoc;
  readonly platform: PosturePlatform;
  readonly resource: string;
  readonly constructPath?: string;
  readonly scope: Scope;
}

const RULE_BY_ID = new Map(POSTURE_RULES.map(r => [r.info.id, r]));

/**
 * The posture checks for whole apps: every ECS task definition and service in CloudFormation templates and every pod template
 * in Kubernetes manifests, whoever created them, against the distroless hardening rules (`CDP0xx` errors, `CDP1xx` warnings;
 * see RULES.md), including every control of the Kubernetes Pod Security Standards baseline and restricted profiles.
 * Works on synthesized output only, so it checks stock constructs, Helm and kustomize output alike. Never throws on bad input.
 *
 * @example
 * const report = new PostureCheck().checkPath('cdk.out');
 * console.log(PostureCheck.format(report));
 */
export class PostureCheck {
  /** Every posture rule: id, level, title, description, fix, platforms and the Pod Security Standards controls it covers. */
  public static rules(): PostureRuleInfo[] {
    return POSTURE_RULES.map(r => ({ ...r.info, platforms: [...r.info.platforms], podSecurityStandards: [...r.info.podSecurityStandards] }));
  }

  /**
   * Human-readable report: one `file:line:column  level  id  resource  message` line per finding with its fix (or the reason it is
   * suppressed), and a summary line.
   */
  public static format(report: PostureReport): string {
    const lines: string[] = [];
    for (const f of report.findings ?? []) {
      const where = `${f.file}:${f.line}:${f.column}`;
      const what = [f.resource, f.constructPath ? `(${f.constructPath})` : ''].filter(Boolean).join(' ');
      const level = `${f.level}${f.unknown ? ' (unknown)' : ''}${f.suppressed ? ' (suppressed)' : ''}`;
      lines.push(`${where}  ${level}  ${f.ruleId}  ${what ? `${what}: ` : ''}${f.message}`);
      lines.push(f.suppressed ? `    reason: ${f.suppressionReason ?? ''}` : `    fix: ${f.fix}`);
    }
    const suppressed = (report.findings ?? []).filter(f => f.suppressed).length;
    const counts = [plural(report.errorCount, 'error'), plural(report.warningCount, 'warning')];
    if (suppressed > 0) { counts.push(`${suppressed} suppressed`); }
    lines.push(`${plural(report.workloadCount, 'workload')} checked: ${(report.findings ?? []).length === 0 ? 'no findings' : counts.join(', ')}`);
    return lines.join('\n');
  }

  /** One report of several, findings sorted again. */
  public static merge(reports: PostureReport[]): PostureReport {
    return finish(reports.flatMap(r => r.findings), reports.reduce((n, r) => n + r.workloadCount, 0));
  }

  private readonly props: PostureCheckProps;
  private readonly globalSuppressions = new Map<string, string>();
  private readonly assetIndexes = new Map<string, AssetIndex>();

  constructor(props: PostureCheckProps = {}) {
    this.props = props ?? {};
    for (const s of this.props.suppressions ?? []) {
      const id = typeof s?.ruleId === 'string' ? s.ruleId.trim().toUpperCase() : '';
      const reason = typeof s?.reason === 'string' ? s.reason.trim() : '';
      if (!RULE_BY_ID.has(id)) {
        throw new Error(`PostureCheck: suppressions names the unknown rule ${show(s?.ruleId)}. Use a rule id from PostureCheck.rules() (CDP001-CDP023, CDP101-CDP104).`);
      }
      if (!reason) {
        throw new Error(`PostureCheck: the suppression of ${id} has no reason. Say why the finding is acceptable: { ruleId: '${id}', reason: '...' }.`);
      }
      this.globalSuppressions.set(id, reason);
    }
  }

  /**
   * Checks JSON or YAML text: CloudFormation templates (short-form tags such as `!Ref` included) and Kubernetes manifests
   * (multi-document, `List` objects). Never throws: unreadable input becomes a CDP001 finding.
   *
   * @param content the text
   * @param file the name findings refer to
   */
  public checkText(content: string, file: string = '<input>'): PostureReport {
    const text = typeof content === 'string' ? content : '';
    const max = this.props.maxInputBytes ?? DEFAULT_MAX_BYTES;
    if (Buffer.byteLength(text, 'utf8') > max) {
      return this.inputProblem(file, `is ${(Buffer.byteLength(text, 'utf8') / 1024 / 1024).toFixed(1)} MiB, more than the ${(max / 1024 / 1024).toFixed(0)} MiB this check reads in one piece`,
        'Split it into several files (one per chart or stack), or raise maxInputBytes (CLI: --max-size).');
    }
    const { docs, errors } = readText(text, file);
    const findings: PostureFinding[] = errors.map(e => inputFinding(e.file, e.position, e.message));
    if (docs.length === 0 && errors.length === 0) {
      findings.push(inputFinding(file, START, 'holds no document: an empty file is neither a template nor a manifest'));
    }
    let workloads = 0;
    for (const doc of docs) {
      const r = this.checkDoc(doc, file && fs.existsSync(file) ? this.assetsFor(file) : undefined);
      findings.push(...r.findings);
      workloads += r.workloads;
    }
    return finish(findings, workloads);
  }

  /**
   * Checks objects already in memory: Kubernetes objects (e.g. `chart.toJson()`) or CloudFormation templates. Never throws.
   *
   * @param objects the objects
   * @param file the name findings refer to
   */
  public checkObjects(objects: any[], file: string = '<memory>'): PostureReport {
    return this._checkDocs((Array.isArray(objects) ? objects : [objects]).map(o => memoryDoc(file, o)));
  }

  /**
   * Checks a CloudFormation template object (e.g. `Template.fromStack(stack).toJSON()`). Never throws.
   *
   * @param template the template
   * @param file the name findings refer to
   */
  public checkTemplate(template: any, file: string = '<template>'): PostureReport {
    return this._checkDocs([memoryDoc(file, template)]);
  }

  /**
   * Checks a file (template or manifest, JSON or YAML) or a folder: a cloud assembly (`cdk.out`, with `manifest.json`: every stack
   * template and the Dockerfile of every Docker asset), or else every `.json`, `.yaml`, `.yml` and `.template` file in it.
   * Throws only when the path cannot be read.
   *
   * @param target the file or folder
   */
  public checkPath(target: string): PostureReport {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(target);
    } catch (e) {
      throw new Error(`PostureCheck.checkPath: cannot read ${show(target)}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (e as Error).message}. Pass a template, a manifest, or a cdk.out folder.`);
    }
    if (!stat.isDirectory()) {
      return this.checkFile(target);
    }
    if (fs.existsSync(path.join(target, 'manifest.json'))) {
      return this.checkAssembly(target);
    }
    const files = fs.readdirSync(target).filter(n => /\.(json|ya?ml|template)$/i.test(n)).sort();
    if (files.length === 0) {
      return this.inputProblem(target, 'is a folder with no cloud assembly manifest and no .json/.yaml/.yml/.template files', 'Pass a cdk.out folder, or the template and manifest files themselves.');
    }
    return PostureCheck.merge(files.map(n => this.checkFile(path.join(target, n))));
  }

  /**
   * Checks a cloud assembly folder (`cdk.out`): every stack template, nested stages included, and the Dockerfile of every
   * Docker image asset a task definition uses.
   *
   * @param dir the cdk.out folder
   */
  public checkAssembly(dir: string): PostureReport {
    let templates: string[];
    try {
      templates = assemblyTemplates(dir);
    } catch (e) {
      return this.inputProblem(dir, (e as Error).message.replace(/^cannot/, 'is not a readable cloud assembly: cannot'), 'Run `cdk synth` first, and pass the cdk.out folder it writes.');
    }
    return PostureCheck.merge(templates.map(t => this.checkFile(t)));
  }

  private checkFile(file: string): PostureReport {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch (e) {
      return this.inputProblem(file, `cannot be read: ${(e as Error).message}`, 'Pass a readable file.');
    }
    const max = this.props.maxInputBytes ?? DEFAULT_MAX_BYTES;
    if (stat.size > max) {
      return this.inputProblem(file, `is ${(stat.size / 1024 / 1024).toFixed(1)} MiB, more than the ${(max / 1024 / 1024).toFixed(0)} MiB this check reads in one piece`,
        'Split it into several files (one per chart or stack), or raise maxInputBytes (CLI: --max-size).');
    }
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      return this.inputProblem(file, `cannot be read: ${(e as Error).message}`, 'Pass a readable file.');
    }
    return this.checkText(text, file);
  }

  /**
   * Checks documents. Internal: the CDK and cdk8s adapters pass construct paths and asset folders through here.
   * @internal
   */
  public _checkDocs(docs: InputDoc[], assetDir?: string): PostureReport {
    const findings: PostureFinding[] = [];
    let workloads = 0;
    const assets = assetDir ? this.assetIndex(assetDir) : undefined;
    for (const doc of docs) {
      const r = this.checkDoc(doc, assets);
      findings.push(...r.findings);
      workloads += r.workloads;
    }
    return finish(findings, workloads);
  }

  private assetsFor(file: string): AssetIndex | undefined {
    const dir = path.dirname(path.resolve(file));
    return this.assetIndex(dir);
  }

  private assetIndex(dir: string): AssetIndex | undefined {
    let index = this.assetIndexes.get(dir);
    if (!index) {
      index = new AssetIndex(this.props.dockerfilePolicy ?? new DockerfilePolicy());
      index.addFolder(dir);
      this.assetIndexes.set(dir, index);
    }
    return index.size > 0 ? index : undefined;
  }

  private inputProblem(file: string, problem: string, fix: string): PostureReport {
    return finish([{ ...inputFinding(file, START, problem), fix }], 0);
  }

  private checkDoc(doc: InputDoc, assets: AssetIndex | undefined): { findings: PostureFinding[]; workloads: number } {
    try {
      const value = doc.value;
      if (isTemplate(value)) {
        return this.checkTemplateDoc(doc, assets);
      }
      if (isObject(value) && get(value, 'kind') === 'List' && Array.isArray(get(value, 'items'))) {
        const out = { findings: [] as PostureFinding[], workloads: 0 };
        (get(value, 'items') as any[]).forEach((item, i) => {
          const r = this.checkK8sObject(doc, item, ['items', i]);
          out.findings.push(...r.findings);
          out.workloads += r.workloads;
        });
        return out;
      }
      if (Array.isArray(value)) {
        const out = { findings: [] as PostureFinding[], workloads: 0 };
        value.forEach((item, i) => {
          const r = isTemplate(item)
            ? this.checkTemplateDoc({ ...doc, value: item, locate: p => doc.locate([i, ...p]) }, assets)
            : this.checkK8sObject(doc, item, [i]);
          out.findings.push(...r.findings);
          out.workloads += r.workloads;
        });
        return out;
      }
      return this.checkK8sObject(doc, value, []);
    } catch (e) {
      // A bug must not take the check down, nor pass silently.
      return { findings: [inputFinding(doc.file, START, `could not be checked (internal error: ${(e as Error)?.message ?? String(e)}); report it to the cdk-distroless maintainers`)], workloads: 0 };
    }
  }

  private checkK8sObject(doc: InputDoc, obj: any, base: Path): { findings: PostureFinding[]; workloads: number } {
    const findings: PostureFinding[] = [];
    const kind = get(obj, 'kind');
    if (!isObject(obj) || typeof kind !== 'string' || !kind || typeof get(obj, 'apiVersion') !== 'string') {
      const what = !isObject(obj) ? `a ${Array.isArray(obj) ? 'list' : typeof obj} (${show(obj)})` : `an object without ${typeof kind !== 'string' || !kind ? 'a kind' : 'an apiVersion'}`;
      findings.push(inputFinding(doc.file, doc.locate(base), `${base.length ? `item ${formatPath(base)}` : 'a document'} is ${what}: neither a Kubernetes object (apiVersion and kind) nor a CloudFormation template (Resources)`));
      return { findings, workloads: 0 };
    }
    const resource = resourceName(obj);
    const { pods, problems, unknownKind } = podsOf(obj, base);
    const scopeProblems: Array<{ path: Path; message: string }> = [];
    const scope = k8sScope(obj, base, pods.map(p => ({ meta: p.podMeta, path: p.podMetaPath })), scopeProblems);
    const target: Target = { doc, platform: PosturePlatform.KUBERNETES, resource, constructPath: doc.constructPath, scope };
    for (const p of problems) {
      findings.push(emit(RULE_BY_ID.get(INPUT_INVALID)!, { path: p.path, message: p.message, fix: 'Give the object the shape Kubernetes expects (see `kubectl explain`).' }, target, this.globalSuppressions));
    }
    for (const p of scopeProblems) {
      findings.push(emit(RULE_BY_ID.get(SUPPRESSION_INVALID)!, p, target, this.globalSuppressions));
    }
    if (unknownKind) {
      findings.push(emit(RULE_BY_ID.get(UNKNOWN_KIND)!, { path: base, message: `${resource} is of kind ${kind} (${get(obj, 'apiVersion')}), not a core pod-bearing kind; its pod spec${pods.length > 1 ? 's were' : ' was'} found at ${pods.map(p => formatPath(p.podPath)).join(', ')} and checked.` }, target, this.globalSuppressions));
    }
    for (const pod of pods) {
      for (const rule of POSTURE_RULES) {
        if (!rule.pod) { continue; }
        for (const hit of safeHits(rule, () => rule.pod!(pod), pod.podPath)) {
          findings.push(emit(rule, hit, target, this.globalSuppressions));
        }
      }
    }
    return { findings, workloads: pods.length };
  }

  private checkTemplateDoc(doc: InputDoc, assets: AssetIndex | undefined): { findings: PostureFinding[]; workloads: number } {
    const findings: PostureFinding[] = [];
    const { tasks, services, problems } = workloadsOf(doc.value, assets ? tag => assets.lookup(tag) : undefined);
    const resources = get(doc.value, 'Resources');
    const scopes = new Map<string, { scope: Scope; problems: Array<{ path: Path; message: string }> }>();
    const scopeOf = (logicalId: string) => {
      let s = scopes.get(logicalId);
      if (!s) {
        const problemsOut: Array<{ path: Path; message: string }> = [];
        s = { scope: cfnScope(get(resources, logicalId), ['Resources', logicalId], problemsOut), problems: problemsOut };
        scopes.set(logicalId, s);
      }
      return s;
    };
    const targetOf = (logicalId: string, constructPath?: string): Target => ({
      doc,
      platform: logicalId ? PosturePlatform.ECS : PosturePlatform.INPUT,
      resource: logicalId,
      constructPath: constructPath ?? doc.constructPath,
      scope: logicalId ? scopeOf(logicalId).scope : emptyScope(),
    });
    for (const p of problems) {
      findings.push(emit(RULE_BY_ID.get(INPUT_INVALID)!, {
        path: p.path,
        message: p.message,
        unknown: p.unknown,
        fix: p.unknown ? 'Use literal container definitions (decide the condition in code), or suppress CDP001 with a reason.' : 'Give the resource the shape CloudFormation expects.',
      },
      targetOf(p.logicalId, p.constructPath), this.globalSuppressions));
    }
    for (const t of tasks) {
      const target = targetOf(t.target.logicalId, t.constructPath);
      for (const rule of POSTURE_RULES) {
        if (!rule.task) { continue; }
        for (const hit of safeHits(rule, () => rule.task!(t.target), t.target.propsPath)) {
          findings.push(emit(rule, hit, target, this.globalSuppressions));
        }
      }
    }
    for (const s of services) {
      const target = targetOf(s.target.logicalId, s.constructPath);
      for (const rule of POSTURE_RULES) {
        if (!rule.service) { continue; }
        for (const hit of safeHits(rule, () => rule.service!(s.target), s.target.propsPath)) {
          findings.push(emit(rule, hit, target, this.globalSuppressions));
        }
      }
    }
    for (const [logicalId, s] of scopes) {
      for (const p of s.problems) {
        findings.push(emit(RULE_BY_ID.get(SUPPRESSION_INVALID)!, p, targetOf(logicalId, get(get(get(resources, logicalId), 'Metadata'), 'aws:cdk:path')), this.globalSuppressions));
      }
    }
    return { findings, workloads: tasks.length + services.length };
  }
}

function emptyScope(): Scope {
  return { suppressions: new Map(), relaxations: [] };
}

/** A rule that throws reports the crash as its own finding: never a silent pass. */
function safeHits(rule: PostureRule, fn: () => PostureHit[], at: Path): PostureHit[] {
  try {
    return fn();
  } catch (e) {
    return [{
      path: at,
      message: `Rule ${rule.info.id} failed on this resource (internal error: ${(e as Error)?.message ?? String(e)}), so it could not be checked.`,
      fix: 'Report the input to the cdk-distroless maintainers; suppress the rule with a reason meanwhile.',
    }];
  }
}

function emit(rule: PostureRule, hit: PostureHit, target: Target, global: Map<string, string>): PostureFinding {
  const pos: Position = safePos(target.doc, hit.path);
  const id = rule.info.id;
  let reason: string | undefined;
  if (id !== SUPPRESSION_INVALID && id !== INPUT_INVALID) {
    reason = target.scope.suppressions.get(id) ?? global.get(id);
    const control = rule.info.relaxationControl;
    if (!reason && control) {
      const r = target.scope.relaxations.find(x => x.control === control
        && (!x.container || !hit.container || x.container === hit.container)
        && (!x.capability || x.capability === hit.capability));
      if (r) { reason = `relaxation ${control}${r.capability ? ` (${r.capability})` : ''}: ${r.reason}`; }
    }
  } else if (id === INPUT_INVALID && hit.unknown) {
    reason = target.scope.suppressions.get(id) ?? global.get(id);
  }
  return {
    ruleId: id,
    level: rule.info.level,
    platform: target.platform,
    file: target.doc.file,
    resource: target.resource,
    ...(target.constructPath ? { constructPath: target.constructPath } : {}),
    location: formatPath(hit.path),
    line: pos.line,
    column: pos.column,
    message: hit.message,
    fix: hit.fix ?? rule.info.fix,
    unknown: !!hit.unknown,
    suppressed: !!reason,
    ...(reason ? { suppressionReason: reason } : {}),
  };
}

function safePos(doc: InputDoc, p: Path): Position {
  try {
    return doc.locate(p);
  } catch {
    return START;
  }
}

function inputFinding(file: string, position: Position, problem: string): PostureFinding {
  const rule = RULE_BY_ID.get(INPUT_INVALID)!;
  return {
    ruleId: INPUT_INVALID,
    level: rule.info.level,
    platform: PosturePlatform.INPUT,
    file,
    resource: '',
    location: '',
    line: position.line,
    column: position.column,
    message: `${file} ${problem}.`,
    fix: rule.info.fix,
    unknown: false,
    suppressed: false,
  };
}

/** Suppression annotations and the relaxations annotation, on the object and on its pod templates. */
function k8sScope(obj: any, base: Path, podMetas: Array<{ meta: any; path: Path }>, problems: Array<{ path: Path; message: string }>): Scope {
  const scope = emptyScope();
  const sources = [{ meta: get(obj, 'metadata'), path: [...base, 'metadata'] as Path }, ...podMetas];
  const seen = new Set<unknown>();
  for (const { meta, path: metaPath } of sources) {
    const annotations = get(meta, 'annotations');
    if (!isObject(annotations) || seen.has(annotations)) { continue; }
    seen.add(annotations);
    for (const [key, value] of Object.entries(annotations)) {
      const at: Path = [...metaPath, 'annotations', key];
      if (key.startsWith(SUPPRESS_ANNOTATION_PREFIX)) {
        const id = key.slice(SUPPRESS_ANNOTATION_PREFIX.length).trim().toUpperCase();
        const reason = typeof value === 'string' ? value.trim() : '';
        if (!RULE_BY_ID.has(id)) {
          problems.push({ path: at, message: `the annotation ${key} names no known rule (${show(id)}), so it suppresses nothing; allowed: a rule id from RULES.md.` });
        } else if (!reason) {
          problems.push({ path: at, message: `the annotation ${key} gives no reason (${show(value)}), so it suppresses nothing; a suppression must say why.` });
        } else if (id === SUPPRESSION_INVALID) {
          problems.push({ path: at, message: `the annotation ${key} tries to suppress ${SUPPRESSION_INVALID}, which cannot be suppressed.` });
        } else {
          scope.suppressions.set(id, reason);
        }
      } else if (key === RELAXATIONS_ANNOTATION) {
        let parsed: unknown;
        try {
          parsed = typeof value === 'string' ? JSON.parse(value) : value;
        } catch (e) {
          problems.push({ path: at, message: `the annotation ${key} is not JSON (${(e as Error).message}); allowed: a JSON list of { "control", "reason" }.` });
          continue;
        }
        readRelaxations(parsed, at, scope, problems, `the annotation ${key}`);
      }
    }
  }
  return scope;
}

/** `cdk-distroless:suppressions` and `cdk-distroless:relaxations` resource metadata. */
function cfnScope(resource: any, at: Path, problems: Array<{ path: Path; message: string }>): Scope {
  const scope = emptyScope();
  const meta = get(resource, 'Metadata');
  const sup = get(meta, SUPPRESSIONS_METADATA);
  const supPath: Path = [...at, 'Metadata', SUPPRESSIONS_METADATA];
  if (sup !== undefined) {
    if (!Array.isArray(sup)) {
      problems.push({ path: supPath, message: `the metadata ${SUPPRESSIONS_METADATA} is ${show(sup)}, not a list of { id, reason }, so it suppresses nothing.` });
    } else {
      sup.forEach((s, i) => {
        const id = String(get(s, 'id') ?? get(s, 'ruleId') ?? '').trim().toUpperCase();
        const reason = typeof get(s, 'reason') === 'string' ? get(s, 'reason').trim() : '';
        if (!RULE_BY_ID.has(id) || id === SUPPRESSION_INVALID) {
          problems.push({ path: [...supPath, i], message: `the suppression ${show(s)} names no rule that can be suppressed, so it suppresses nothing; allowed: a rule id from RULES.md.` });
        } else if (!reason) {
          problems.push({ path: [...supPath, i], message: `the suppression of ${id} gives no reason, so it suppresses nothing; a suppression must say why.` });
        } else {
          scope.suppressions.set(id, reason);
        }
      });
    }
  }
  const rel = get(meta, RELAXATIONS_METADATA);
  if (rel !== undefined) {
    let parsed: unknown = rel;
    if (typeof rel === 'string') {
      try { parsed = JSON.parse(rel); } catch { parsed = rel; }
    }
    readRelaxations(parsed, [...at, 'Metadata', RELAXATIONS_METADATA], scope, problems, `the metadata ${RELAXATIONS_METADATA}`);
  }
  return scope;
}

function readRelaxations(raw: unknown, at: Path, scope: Scope, problems: Array<{ path: Path; message: string }>, what: string): void {
  // The list form is documented; a map of control to reason (or to { reason, capability, container }) is read too.
  const value = isObject(raw)
    ? Object.entries(raw).map(([control, v]) => (isObject(v) ? { ...v, control } : { control, reason: v }))
    : raw;
  if (!Array.isArray(value)) {
    problems.push({ path: at, message: `${what} is ${show(value)}, not a list of { control, reason }, so it relaxes nothing.` });
    return;
  }
  value.forEach((r, i) => {
    const control = get(r, 'control');
    const reason = typeof get(r, 'reason') === 'string' ? get(r, 'reason').trim() : '';
    if (typeof control !== 'string' || !RELAXATION_CONTROLS.includes(control)) {
      problems.push({ path: at, message: `${what}[${i}] names the control ${show(control)}; allowed: ${RELAXATION_CONTROLS.join(', ')}.` });
    } else if (!reason) {
      problems.push({ path: at, message: `${what}[${i}] (${control}) gives no reason, so it relaxes nothing.` });
    } else {
      const container = get(r, 'container');
      const capability = get(r, 'capability');
      scope.relaxations.push({ control, reason, ...(typeof container === 'string' ? { container } : {}), ...(typeof capability === 'string' ? { capability } : {}) });
    }
  });
}

function finish(findings: PostureFinding[], workloadCount: number): PostureReport {
  const sorted = [...findings].sort(compare);
  const active = sorted.filter(f => !f.suppressed);
  return {
    findings: sorted,
    errorCount: active.filter(f => f.level === Severity.ERROR).length,
    warningCount: active.filter(f => f.level === Severity.WARNING).length,
    workloadCount,
  };
}

function compare(a: PostureFinding, b: PostureFinding): number {
  return cmp(a.file, b.file) || a.line - b.line || a.column - b.column || cmp(a.resource, b.resource) || cmp(a.ruleId, b.ruleId)
    || cmp(a.location, b.location) || cmp(a.message, b.message);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
