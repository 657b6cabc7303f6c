/**
 * What the rules look at: the parsed model plus stage chains, identified base images, the effective
 * user and the suppressions. Built once per lint; rules are pure functions over it.
 * Internal: not exported from lib/index.ts.
 */
import { _expand, _expandWord, Expansion, VariableLookup } from './expand';
import { Suppression } from './finding';
import { DockerfileModel, ModelInstruction, ModelStage } from './model';
import { _parseSuppressions, ParsedSuppression } from './suppressions';
import { BaseImage } from '../image/base-image';
import { _canonicalRepository, _parseReference } from '../image/reference';
import { RegistryMirror } from '../image/registry-mirror';

/** The base image a FROM names, as far as it can be known without a registry. */
export interface BaseResolution {
  /** The reference after ARG expansion and quote removal. */
  readonly reference: string;
  /** The reference at its upstream registry, after undoing a registry mirror. */
  readonly upstream: string;
  /** Variables FROM uses that have no default (the base is decided at build time). */
  readonly unresolved: string[];
  /** Whether `reference` is a valid image reference. */
  readonly valid: boolean;
  readonly tag?: string;
  readonly digest?: string;
  readonly isScratch: boolean;
  /** The identified image; undefined when neither the catalog nor props.images know it. */
  readonly image?: BaseImage;
  /** Where the facts came from. */
  readonly knownFrom?: 'catalog' | 'props';
  /**
   * Variables without a value that only select the architecture suffix of the tag (`nonroot-${ARCH}`):
   * the base is identified with `amd64` in their place, since every architecture has the same facts.
   */
  readonly archVariables: string[];
  /**
   * Whether an unresolved variable could still add a digest: it holds the whole reference, the whole
   * tag or digest, or everything after the repository. A variable inside the tag (`nonroot-${ARCH}`) cannot.
   */
  readonly digestPossible: boolean;
}

/** One stage, with what it builds on. */
export interface StageAnalysis {
  readonly index: number;
  readonly stage: ModelStage;
  readonly from: ModelInstruction;
  /** The earlier stage this one continues (`FROM <stage>`). */
  readonly parent?: number;
  /** The image this stage starts from, when it does not continue a stage. */
  readonly base?: BaseResolution;
}

/** The user the final image runs as, from the last USER of its stage chain. */
export interface EffectiveUser {
  readonly instruction: ModelInstruction;
  /** The USER argument after variable expansion and quote removal. */
  readonly value: string;
  readonly user: string;
  readonly group?: string;
  readonly unresolved: string[];
}

/**
 * The variables in effect at one point of a stage: its ARGs and ENVs, the ENVs of the stages it
 * continues, and the ENV of its base image. `undefined` values are declared but unknown.
 */
export interface VariableScope {
  readonly env: ReadonlyMap<string, string | undefined>;
  readonly args: ReadonlyMap<string, string | undefined>;
}

/** Everything the rules need. */
export interface Analysis {
  readonly model: DockerfileModel;
  readonly stages: StageAnalysis[];
  /** The final stage and the stages it continues, root first; empty without FROM or with an unknown target. */
  readonly finalChain: StageAnalysis[];
  /** The stage whose FROM names the final image's base: the root of the chain. */
  readonly finalRoot?: StageAnalysis;
  /** The stage that is shipped: the target when one is given, otherwise the last stage. */
  readonly finalStage?: StageAnalysis;
  /** Instructions of the final chain (FROMs excluded), in build order. */
  readonly finalInstructions: ModelInstruction[];
  readonly finalUser?: EffectiveUser;
  readonly suppressions: ParsedSuppression[];
  /** The build target (`docker build --target`), as given. */
  readonly target?: string;
  /** Whether a target was given that no stage has. */
  readonly targetMissing: boolean;
  /** The scope each instruction sees (before it takes effect). */
  readonly scopes: ReadonlyMap<ModelInstruction, VariableScope>;
  /** The scope at the end of each stage, by stage index. */
  readonly stageEndScopes: ReadonlyMap<number, VariableScope>;
  /** Global ARGs (before the first FROM) with their defaults. */
  readonly globals: ReadonlyMap<string, string | undefined>;
}

/** Options the analysis needs from the policy props. */
export interface AnalysisOptions {
  readonly images?: readonly BaseImage[];
  readonly registryMirrors?: readonly RegistryMirror[];
  readonly suppressions?: readonly Suppression[];
  readonly knownRuleIds: ReadonlySet<string>;
  /** The stage to treat as final (`docker build --target`). */
  readonly target?: string;
}

/**
 * Docker's automatic platform ARGs. Their values depend on the build platform; for identifying an
 * image they only select an architecture-specific tag, which does not change its facts.
 */
const PLATFORM_ARGS: Record<string, string> = {
  TARGETPLATFORM: 'linux/amd64',
  TARGETOS: 'linux',
  TARGETARCH: 'amd64',
  TARGETVARIANT: '',
  BUILDPLATFORM: 'linux/amd64',
  BUILDOS: 'linux',
  BUILDARCH: 'amd64',
  BUILDVARIANT: '',
};

/** A project's own architecture variable: ARCH, GOARCH, TARGET_ARCH, ARCH_SUFFIX, ... */
const ARCH_NAME = /ARCH/i;
const EMPTY_SCOPE: VariableScope = { env: new Map(), args: new Map() };

/**
 * Analyses a parsed Dockerfile. Never throws on any model.
 * @internal
 */
export function _analyze(model: DockerfileModel, options: AnalysisOptions): Analysis {
  const globals = globalScope(model);
  const stages: StageAnalysis[] = [];
  // Stage names seen so far (a FROM can only name an earlier stage); the first of a duplicated name wins.
  const stageByName = new Map<string, number>();
  const scopes = new Map<ModelInstruction, VariableScope>();
  const stageEndScopes = new Map<number, VariableScope>();
  const templates = globalTemplates(model, globals);
  for (const stage of model.stages) {
    // A global ARG whose default uses a variable without a value (`ARG BASE=...:nonroot-${ARCH}`) stands in
    // with its default as written, so an architecture variable inside it is recognised as in a FROM.
    const fromText = stage.from.image ?? '';
    const templated = _expandWord(fromText, name => globals.get(name) ?? PLATFORM_ARGS[name], model.escapeChar)
      .unresolved.some(name => templates.has(name));
    const written = templated
      ? fromText.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g,
        (m, braced: string | undefined, plain: string | undefined) => templates.get(braced ?? plain ?? '') ?? m)
      : fromText;
    const expanded = _expandWord(written, name => globals.get(name) ?? PLATFORM_ARGS[name], model.escapeChar);
    const parent = expanded.unresolved.length === 0 ? stageByName.get(expanded.value.toLowerCase()) : undefined;
    if (stage.from.stageName !== undefined && !stageByName.has(stage.from.stageName)) {
      stageByName.set(stage.from.stageName, stage.index);
    }
    const base = parent === undefined ? resolveFrom(written, expanded, globals, model.escapeChar, options) : undefined;
    stages.push({ index: stage.index, stage, from: stage.from, parent, base });
    const start = parent !== undefined
      ? { env: stageEndScopes.get(parent)?.env ?? new Map(), args: new Map() }
      : { env: new Map(Object.entries(base?.image?.facts.environment ?? {})), args: new Map() };
    stageEndScopes.set(stage.index, walkStage(stage, start, globals, model.escapeChar, scopes));
  }

  const target = typeof options.target === 'string' && options.target.trim() ? options.target.trim() : undefined;
  const targetIndex = target === undefined ? stages.length - 1 : stageByName.get(target.toLowerCase());
  const finalStage = targetIndex === undefined ? undefined : stages[targetIndex];
  const finalChain: StageAnalysis[] = [];
  for (let s: StageAnalysis | undefined = finalStage; s; s = s.parent !== undefined ? stages[s.parent] : undefined) {
    finalChain.push(s);
  }
  finalChain.reverse();
  const finalInstructions = finalChain.flatMap(s => s.stage.instructions);
  return {
    model,
    stages,
    finalChain,
    finalRoot: finalChain[0],
    finalStage,
    finalInstructions,
    finalUser: effectiveUser(finalInstructions, scopes, model.escapeChar),
    suppressions: _parseSuppressions(model, options.suppressions, options.knownRuleIds),
    target,
    targetMissing: target !== undefined && targetIndex === undefined,
    scopes,
    stageEndScopes,
    globals,
  };
}

/**
 * Expands `text` as a word of an instruction in the final stage (quotes removed), with the variables
 * in effect at `at` (before it), or at the end of the final stage: the final chain's ARGs and ENVs
 * and the ENV of the final base image (e.g. `$APP_UID` on .NET images).
 * @internal
 */
export function _expandInFinalStage(analysis: Analysis, text: string, at?: ModelInstruction): Expansion {
  if (at) { return _expandAt(analysis, at, text); }
  const scope = analysis.finalStage ? analysis.stageEndScopes.get(analysis.finalStage.index) : undefined;
  return _expandWord(text, lookupIn(scope ?? EMPTY_SCOPE), analysis.model.escapeChar);
}

/**
 * Expands `text` as a word of instruction `at`, in any stage, with the variables in effect before it.
 * @internal
 */
export function _expandAt(analysis: Analysis, at: ModelInstruction, text: string): Expansion {
  return _expandWord(text, lookupIn(analysis.scopes.get(at) ?? EMPTY_SCOPE), analysis.model.escapeChar);
}

/**
 * The environment of the final image: the final base's ENV overlaid with the final chain's ENVs.
 * Values that cannot be resolved are `undefined`.
 * @internal
 */
export function _finalStageEnvironment(analysis: Analysis): ReadonlyMap<string, string | undefined> {
  return analysis.finalStage ? analysis.stageEndScopes.get(analysis.finalStage.index)?.env ?? new Map() : new Map();
}

/** Records the scope each instruction sees and returns the scope at the end of the stage. */
function walkStage(stage: ModelStage, start: VariableScope, globals: ReadonlyMap<string, string | undefined>, escapeChar: string,
  scopes: Map<ModelInstruction, VariableScope>): VariableScope {
  let scope = start;
  for (const ins of stage.instructions) {
    scopes.set(ins, scope);
    if (ins.keyword === 'ARG') {
      const args = new Map(scope.args);
      for (const p of ins.properties) {
        // A global ARG TARGETARCH without a default still gets its automatic value, as in FROM.
        const inherited = globals.get(p.name) ?? PLATFORM_ARGS[p.name];
        const own = p.value === undefined ? undefined : _expand(p.value, lookupIn({ env: scope.env, args }), escapeChar);
        args.set(p.name, own ? (own.unresolved.length === 0 ? own.value : undefined) : inherited);
      }
      scope = { env: scope.env, args };
    } else if (ins.keyword === 'ENV') {
      const env = new Map(scope.env);
      for (const p of ins.properties) {
        // ENV a=1 b=$a sees the a of this instruction only from the next one on, as in Docker.
        const v = p.value === undefined ? undefined : _expand(p.value, lookupIn(scope), escapeChar);
        env.set(p.name, v && v.unresolved.length === 0 ? v.value : undefined);
      }
      scope = { env, args: scope.args };
    }
  }
  return scope;
}

/** Defaults of global ARGs that could not be resolved, as written (`nonroot-${ARCH}`). */
function globalTemplates(model: DockerfileModel, globals: ReadonlyMap<string, string | undefined>): Map<string, string> {
  const templates = new Map<string, string>();
  for (const arg of model.globalArgs) {
    for (const p of arg.properties) {
      if (p.value !== undefined && globals.get(p.name) === undefined) { templates.set(p.name, p.value); }
    }
  }
  return templates;
}

/** Global ARG defaults; a declared ARG without default maps to undefined. */
function globalScope(model: DockerfileModel): Map<string, string | undefined> {
  const scope = new Map<string, string | undefined>();
  for (const arg of model.globalArgs) {
    for (const p of arg.properties) {
      const value = p.value === undefined ? undefined : _expand(p.value, name => scope.get(name), model.escapeChar);
      scope.set(p.name, value && value.unresolved.length === 0 ? value.value : undefined);
    }
  }
  return scope;
}

/** ENV wins over ARG of the same name, as in Docker. */
function lookupIn(scope: VariableScope): VariableLookup {
  return name => {
    if (scope.env.has(name)) { return scope.env.get(name); }
    return scope.args.get(name);
  };
}

/**
 * Resolves a FROM. When variables without a value remain, those that only pick the tag's
 * architecture suffix are tried with each architecture: if the image is known with the same facts
 * for amd64 and arm64, the base is that image.
 */
function resolveFrom(written: string, expanded: Expansion, globals: ReadonlyMap<string, string | undefined>, escapeChar: string,
  options: AnalysisOptions): BaseResolution {
  const digestPossible = expanded.unresolved.some(name => canHoldDigest(written, name));
  const plain = resolveBase(expanded.value, expanded.unresolved, options, [], digestPossible);
  if (expanded.unresolved.length === 0) { return plain; }
  const archVars = expanded.unresolved.filter(name => ARCH_NAME.test(name) && !canHoldDigest(written, name));
  if (archVars.length !== expanded.unresolved.length) { return plain; }
  const tryArch = (arch: string) => {
    const e = _expandWord(written, name => globals.get(name) ?? PLATFORM_ARGS[name] ?? (archVars.includes(name) ? arch : undefined), escapeChar);
    return e.unresolved.length === 0 && e.value.endsWith(`-${arch}`) ? resolveBase(e.value, [], options, archVars, false) : undefined;
  };
  const amd64 = tryArch('amd64');
  const arm64 = tryArch('arm64');
  if (!amd64?.image || !arm64?.image || JSON.stringify(amd64.image.facts) !== JSON.stringify(arm64.image.facts)) { return plain; }
  return amd64;
}

/** Whether the variable `name` in a written FROM could carry a digest (see `BaseResolution.digestPossible`). */
function canHoldDigest(written: string, name: string): boolean {
  // `${A%b}`, an unterminated `${`: forms we do not evaluate could hold anything.
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) { return true; }
  const re = new RegExp(`\\$(?:\\{${name}(?:[:}+-])|${name}(?![A-Za-z0-9_]))`, 'g');
  for (const m of written.matchAll(re)) {
    const before = written.slice(0, m.index).replace(/^["']/, '');
    if (before === '' || /[:@]$/.test(before)) { return true; }
    // Still in the repository name (no ":" after the last "/"): the variable can add ":tag@digest".
    const lastSlash = before.lastIndexOf('/');
    if (!before.slice(lastSlash + 1).includes(':')) { return true; }
  }
  return false;
}

function resolveBase(reference: string, unresolved: string[], options: AnalysisOptions, archVariables: string[],
  digestPossible: boolean): BaseResolution {
  const isScratch = reference.trim().toLowerCase() === 'scratch';
  const mirrors = (options.registryMirrors ?? []).filter(m => m instanceof RegistryMirror);
  const restoredBy = mirrors.find(m => m.restore(reference) !== reference);
  const upstream = restoredBy ? restoredBy.restore(reference) : reference;
  const parsed = _parseReference(reference);
  const base = { reference, upstream, unresolved, isScratch, tag: parsed?.tag, digest: parsed?.digest, archVariables, digestPossible };
  if (unresolved.length > 0) {
    return { ...base, valid: false };
  }
  if (isScratch) {
    return { ...base, valid: true, image: BaseImage.scratch(), knownFrom: 'catalog' };
  }
  const upstreamParsed = _parseReference(upstream);
  if (!parsed || !upstreamParsed) {
    return { ...base, valid: false };
  }
  const wanted = new Set([_canonicalRepository(parsed), _canonicalRepository(upstreamParsed)]);
  const own = (options.images ?? []).find(img => img instanceof BaseImage && wanted.has(canonicalOf(img.repository) ?? ''));
  if (own) {
    return { ...base, valid: true, image: own, knownFrom: 'props' };
  }
  const image = BaseImage.lookup(upstream);
  return { ...base, valid: true, image, knownFrom: image ? 'catalog' : undefined };
}

function canonicalOf(repository: string): string | undefined {
  const parsed = _parseReference(repository);
  return parsed ? _canonicalRepository(parsed) : undefined;
}

function effectiveUser(instructions: ModelInstruction[], scopes: ReadonlyMap<ModelInstruction, VariableScope>,
  escapeChar: string): EffectiveUser | undefined {
  const ins = [...instructions].reverse().find(i => i.keyword === 'USER');
  if (!ins) { return undefined; }
  // USER takes one argument: `user[:group]`, quotes removed and variables expanded as Docker does.
  const expanded = _expandWord(ins.text, lookupIn(scopes.get(ins) ?? EMPTY_SCOPE), escapeChar);
  const [user, ...rest] = expanded.value.trim().split(':');
  return {
    instruction: ins,
    value: expanded.value.trim(),
    user,
    group: rest.length > 0 ? rest.join(':') : undefined,
    unresolved: expanded.unresolved,
  };
}
