/**
 * What the rules look at: the parsed model plus stage chains, identified base images, the effective
 * user and the suppressions. Built once per lint; rules are pure functions over it.
 * Internal: not exported from lib/index.ts.
 */
import { _expand, VariableLookup } from './expand';
import { Suppression } from './finding';
import { DockerfileModel, ModelInstruction, ModelStage } from './model';
import { _parseSuppressions, ParsedSuppression } from './suppressions';
import { BaseImage } from '../image/base-image';
import { _canonicalRepository, _parseReference } from '../image/reference';
import { RegistryMirror } from '../image/registry-mirror';

/** The base image a FROM names, as far as it can be known without a registry. */
export interface BaseResolution {
  /** The reference after ARG expansion. */
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
  /** The USER argument after variable expansion. */
  readonly value: string;
  readonly user: string;
  readonly group?: string;
  readonly unresolved: string[];
}

/** Everything the rules need. */
export interface Analysis {
  readonly model: DockerfileModel;
  readonly stages: StageAnalysis[];
  /** The final stage and the stages it continues, root first; empty without FROM. */
  readonly finalChain: StageAnalysis[];
  /** The stage whose FROM names the final image's base: the root of the chain. */
  readonly finalRoot?: StageAnalysis;
  /** The last stage. */
  readonly finalStage?: StageAnalysis;
  /** Instructions of the final chain (FROMs excluded), in build order. */
  readonly finalInstructions: ModelInstruction[];
  readonly finalUser?: EffectiveUser;
  readonly suppressions: ParsedSuppression[];
}

/** Options the analysis needs from the policy props. */
export interface AnalysisOptions {
  readonly images?: readonly BaseImage[];
  readonly registryMirrors?: readonly RegistryMirror[];
  readonly suppressions?: readonly Suppression[];
  readonly knownRuleIds: ReadonlySet<string>;
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

/**
 * Analyses a parsed Dockerfile. Never throws on any model.
 * @internal
 */
export function _analyze(model: DockerfileModel, options: AnalysisOptions): Analysis {
  const globals = globalScope(model);
  const stages: StageAnalysis[] = [];
  // Stage names seen so far (a FROM can only name an earlier stage); the first of a duplicated name wins.
  const stageByName = new Map<string, number>();
  for (const stage of model.stages) {
    const written = stage.from.image ?? '';
    const expanded = _expand(written, name => globals.get(name) ?? PLATFORM_ARGS[name], model.escapeChar);
    const parent = expanded.unresolved.length === 0 ? stageByName.get(expanded.value.toLowerCase()) : undefined;
    if (stage.from.stageName !== undefined && !stageByName.has(stage.from.stageName)) {
      stageByName.set(stage.from.stageName, stage.index);
    }
    stages.push({
      index: stage.index,
      stage,
      from: stage.from,
      parent,
      base: parent === undefined ? resolveBase(expanded.value, expanded.unresolved, options) : undefined,
    });
  }

  const finalChain: StageAnalysis[] = [];
  for (let s: StageAnalysis | undefined = stages[stages.length - 1]; s; s = s.parent !== undefined ? stages[s.parent] : undefined) {
    finalChain.push(s);
  }
  finalChain.reverse();
  const finalInstructions = finalChain.flatMap(s => s.stage.instructions);
  return {
    model,
    stages,
    finalChain,
    finalRoot: finalChain[0],
    finalStage: stages[stages.length - 1],
    finalInstructions,
    finalUser: effectiveUser(finalChain, globals, model.escapeChar),
    suppressions: _parseSuppressions(model, options.suppressions, options.knownRuleIds),
  };
}

/** Global ARG defaults; a declared ARG without default maps to undefined. */
function globalScope(model: DockerfileModel): Map<string, string | undefined> {
  const scope = new Map<string, string | undefined>();
  for (const arg of model.globalArgs) {
    for (const p of arg.properties) {
      const value = p.value === undefined ? undefined : _expand(p.value, lookupIn(scope), model.escapeChar);
      scope.set(p.name, value && value.unresolved.length === 0 ? value.value : undefined);
    }
  }
  return scope;
}

function lookupIn(...scopes: Array<Map<string, string | undefined>>): VariableLookup {
  return name => {
    for (const scope of scopes) {
      if (scope.has(name)) { return scope.get(name); }
    }
    return undefined;
  };
}

function resolveBase(reference: string, unresolved: string[], options: AnalysisOptions): BaseResolution {
  const isScratch = reference.trim().toLowerCase() === 'scratch';
  const mirrors = (options.registryMirrors ?? []).filter(m => m instanceof RegistryMirror);
  const restoredBy = mirrors.find(m => m.restore(reference) !== reference);
  const upstream = restoredBy ? restoredBy.restore(reference) : reference;
  const parsed = _parseReference(reference);
  const base = { reference, upstream, unresolved, isScratch, tag: parsed?.tag, digest: parsed?.digest };
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

function effectiveUser(chain: StageAnalysis[], globals: Map<string, string | undefined>, escapeChar: string): EffectiveUser | undefined {
  // ENV carries over into a stage that continues another; ARG does not.
  const env = new Map<string, string | undefined>();
  let result: EffectiveUser | undefined;
  for (const stage of chain) {
    const args = new Map<string, string | undefined>();
    const lookup = lookupIn(env, args);
    for (const ins of stage.stage.instructions) {
      if (ins.keyword === 'ARG') {
        for (const p of ins.properties) {
          const inherited = globals.has(p.name) ? globals.get(p.name) : PLATFORM_ARGS[p.name];
          const own = p.value === undefined ? undefined : _expand(p.value, lookup, escapeChar);
          args.set(p.name, own ? (own.unresolved.length === 0 ? own.value : undefined) : inherited);
        }
      } else if (ins.keyword === 'ENV') {
        for (const p of ins.properties) {
          const v = p.value === undefined ? undefined : _expand(p.value, lookup, escapeChar);
          env.set(p.name, v && v.unresolved.length === 0 ? v.value : undefined);
        }
      } else if (ins.keyword === 'USER') {
        const raw = ins.words[0]?.value ?? '';
        const expanded = _expand(raw, lookup, escapeChar);
        const [user, ...rest] = expanded.value.split(':');
        result = {
          instruction: ins,
          value: expanded.value,
          user,
          group: rest.length > 0 ? rest.join(':') : undefined,
          unresolved: expanded.unresolved,
        };
      }
    }
  }
  return result;
}
