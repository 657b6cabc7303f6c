/**
 * Helpers shared by rules. Internal: not exported from lib/index.ts.
 */
import { BaseImage, DotnetFlavor } from '../../image/base-image';
import { _ARCH_SUFFIX } from '../../image/catalog';
import { ImageUser } from '../../image/facts';
import { Analysis, BaseResolution, StageAnalysis } from '../analysis';
import { ModelInstruction, SourceRange } from '../model';

/** Where a finding about a stage's base image points: the image in its FROM. */
export function baseRange(stage: StageAnalysis): SourceRange {
  return stage.from.imageRange ?? stage.from.range;
}

/** `FROM x` as written, for messages. */
export function written(stage: StageAnalysis): string {
  return stage.from.image ?? '';
}

/** The reference after ARG expansion, with the written form when they differ. */
export function describeBase(stage: StageAnalysis, base: BaseResolution): string {
  const w = written(stage);
  if (base.archVariables.length > 0) { return `"${w}" (for every architecture)`; }
  return w === base.reference ? `"${w}"` : `"${w}" (= "${base.reference}")`;
}


/**
 * The reference to pin in a fix hint: the multi-architecture tag when the tag was chosen per
 * architecture, because an index digest covers every architecture.
 */
export function pinnable(base: BaseResolution): string {
  const ref = base.reference.replace(/@.*$/, '');
  return base.archVariables.length > 0 ? ref.replace(_ARCH_SUFFIX, '') : ref;
}

/** The non-root user to suggest for an image. */
export function suggestedUser(image: BaseImage | undefined): ImageUser {
  return image?.nonRootUser ?? { uid: 65532, gid: 65532 };
}

/** A placeholder digest for fix hints: we never reach a registry, so the user looks the digest up. */
export const DIGEST_HINT = '@sha256:<digest>';

/** How to look a digest up, for fix hints. */
export function digestLookup(reference: string): string {
  return `get the digest with \`crane digest ${reference}\` or \`docker buildx imagetools inspect ${reference}\``;
}

/**
 * A final base to suggest instead of an unfit image: the catalog's distroless image for its
 * language runtime (same major version when the catalog has it), or distroless static.
 */
export function suggestedFinalBase(image: BaseImage | undefined): string {
  return suggestedFinalBases(image)[0].reference;
}

/** A final base to suggest, and what it is for when there is more than one choice. */
export interface SuggestedBase {
  readonly reference: string;
  readonly forWhat?: string;
}

/**
 * Final bases to suggest instead of an unfit image. A .NET image keeps its flavor and version
 * (`runtime-deps:8.0` -> `runtime-deps:8.0-noble-chiseled`, for self-contained apps); the SDK, whose
 * app kind is unknown, gets the three chiseled flavors with what each is for.
 */
export function suggestedFinalBases(image: BaseImage | undefined): SuggestedBase[] {
  const dotnet = /^mcr\.microsoft\.com\/dotnet\/(runtime-deps|runtime|aspnet|sdk)$/.exec(image?.repository ?? '');
  if (dotnet) {
    const dotnetVersion = /^(\d+\.\d+)/.exec(image?.tag ?? '')?.[1];
    const chiseled = (flavor: DotnetFlavor) => sameVersion(() => BaseImage.dotnetChiseled({ flavor, dotnetVersion }),
      () => BaseImage.dotnetChiseled({ flavor })).reference;
    if (dotnet[1] !== 'sdk') { return [{ reference: chiseled(dotnet[1] as DotnetFlavor) }]; }
    return [
      { reference: chiseled(DotnetFlavor.ASPNET), forWhat: 'ASP.NET Core apps' },
      { reference: chiseled(DotnetFlavor.RUNTIME), forWhat: 'console apps and workers' },
      { reference: chiseled(DotnetFlavor.RUNTIME_DEPS), forWhat: 'self-contained apps' },
    ];
  }
  // The runtime's major version: from the facts, a JDK named in the tag (maven:3.9-eclipse-temurin-17), or the tag's start (node:20-alpine).
  const tag = image?.tag ?? '';
  const major = Number(/^(\d+)/.exec(image?.facts.runtimeVersion ?? '')?.[1]
    ?? /(?:jdk|temurin|corretto|openjdk)-?(\d+)/i.exec(tag)?.[1] ?? /^(\d+)/.exec(tag)?.[1]);
  switch (image?.facts.runtime) {
    case 'nodejs': return [{ reference: sameVersion(() => BaseImage.googleNodejs({ nodeVersion: major }), () => BaseImage.googleNodejs()).reference }];
    case 'python': return [{ reference: BaseImage.googlePython3().reference }];
    case 'java': return [{ reference: sameVersion(() => BaseImage.googleJava({ javaVersion: major }), () => BaseImage.googleJava()).reference }];
    case 'dotnet': return [{ reference: BaseImage.dotnetChiseled().reference }];
    case 'rust': return [{ reference: BaseImage.googleCc().reference }];
    default: return [{ reference: BaseImage.googleStatic().reference }];
  }
}

/**
 * The image of the same version when the catalog lists it, otherwise the default version: the
 * catalog, not a second list here, knows which versions exist.
 */
function sameVersion(make: () => BaseImage, fallback: () => BaseImage): BaseImage {
  let image: BaseImage;
  try {
    image = make();
  } catch {
    return fallback(); // no such repository (nodejs18-debian13, java11-debian13, a NaN version)
  }
  return BaseImage.catalog().some(listed => listed.reference === image.reference) ? image : fallback();
}

/**
 * Whether a USER value names root: `root`, or a number that is 0 as the runtime reads it (runc parses
 * the user with Go's strconv.Atoi, which takes `000`, `+0` and `-0`).
 */
export function isRootName(user: string): boolean {
  return user === 'root' || (/^[+-]?\d+$/.test(user) && Number(user) === 0);
}

/** "the final stage" or "stage \"app\" (which the final stage builds on)", for messages. */
export function whereInChain(a: Analysis, ins: ModelInstruction): string {
  if (a.finalStage && ins.stage === a.finalStage.index) { return 'the final stage'; }
  const name = a.stages[ins.stage]?.from.stageName;
  return `stage ${name ? `"${name}"` : `#${ins.stage}`} (the final stage builds on it with FROM ${name ?? ins.stage})`;
}

/** Shell-form command text split into an exec-form array, as a starting point for a fix. */
export function execFormOf(text: string): string {
  return JSON.stringify(shellWords(text) ?? text.trim().split(/\s+/).filter(Boolean)).replace(/","/g, '", "');
}

/**
 * The shell features in a command that exec form cannot express, described for messages: pipes,
 * `&&`, `||`, `;`, redirections, background jobs, variables, command substitution, globs.
 * Empty when the command is plain words (quotes allowed).
 */
export function shellFeatures(text: string): string[] {
  const found: string[] = [];
  // Quoted text is literal for these checks, except variables inside double quotes.
  const bare = text.replace(/'[^']*'/g, "''").replace(/"(?:[^"\\]|\\.)*"/g, m => (m.includes('$') ? '$' : '""'));
  const checks: Array<[RegExp, string]> = [
    [/\|\|/, '`||`'], [/&&/, '`&&`'], [/(^|[^|])\|(?!\|)/, 'a pipe `|`'], [/;/, '`;`'],
    [/\d*>>?|<|>&/, 'a redirection'], [/(^|[^&>])&(?![&>])/, 'a background job `&`'], [/`|\$\(/, 'command substitution'],
    [/\$[A-Za-z_{]/, 'a variable'], [/[*?]|\[[^\]]*\]/, 'a glob'], [/(^|\s)~/, '`~`'],
  ];
  for (const [re, what] of checks) {
    if (re.test(bare)) { found.push(what); }
  }
  return found;
}

/** Plain words with quotes removed, as sh would split them; undefined when the text has an unclosed quote. */
export function shellWords(text: string): string[] | undefined {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (/\s/.test(c)) {
      if (word !== undefined) { words.push(word); word = undefined; }
    } else if (c === "'") {
      const end = text.indexOf(c, i + 1);
      if (end < 0) { return undefined; }
      word = (word ?? '') + text.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      // Inside double quotes a backslash escapes only ", \, $ and ` (as in sh).
      let quoted = '';
      for (i++; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === '\\' && '"\\$`'.includes(text[i + 1] ?? 'x')) { i++; }
        quoted += text[i];
      }
      if (i >= text.length) { return undefined; }
      word = (word ?? '') + quoted;
    } else if (c === '\\' && i + 1 < text.length) {
      word = (word ?? '') + text[++i];
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== undefined) { words.push(word); }
  return words;
}

/** The paths of a COPY or ADD (sources, then the destination), from its JSON or plain form; flags excluded. */
export function copyArguments(ins: ModelInstruction): string[] {
  if (ins.text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(ins.text);
      if (Array.isArray(parsed) && parsed.every(p => typeof p === 'string')) { return parsed as string[]; }
    } catch {
      // plain form
    }
  }
  return ins.words.map(w => w.value);
}
