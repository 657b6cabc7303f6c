/**
 * Helpers shared by rules. Internal: not exported from lib/index.ts.
 */
import { BaseImage } from '../../image/base-image';
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

/** Architecture suffixes of image tags (`nonroot-amd64`). */
export const ARCH_SUFFIX = /-(amd64|arm64|arm|s390x|ppc64le|riscv64|386)$/;

/**
 * The reference to pin in a fix hint: the multi-architecture tag when the tag was chosen per
 * architecture, because an index digest covers every architecture.
 */
export function pinnable(base: BaseResolution): string {
  const ref = base.reference.replace(/@.*$/, '');
  return base.archVariables.length > 0 ? ref.replace(ARCH_SUFFIX, '') : ref;
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
 * language runtime, or distroless static.
 */
export function suggestedFinalBase(image: BaseImage | undefined): string {
  const runtime = image?.facts.runtime;
  switch (runtime) {
    case 'nodejs': return BaseImage.googleNodejs().reference;
    case 'python': return BaseImage.googlePython3().reference;
    case 'java': return BaseImage.googleJava().reference;
    case 'dotnet': return BaseImage.dotnetChiseled().reference;
    case 'rust': return BaseImage.googleCc().reference;
    default: return BaseImage.googleStatic().reference;
  }
}

/** Whether a USER value names root. */
export function isRootName(user: string): boolean {
  return user === 'root' || (/^\d+$/.test(user) && Number(user) === 0);
}

/** "the final stage" or "stage \"app\" (which the final stage builds on)", for messages. */
export function whereInChain(a: Analysis, ins: ModelInstruction): string {
  if (a.finalStage && ins.stage === a.finalStage.index) { return 'the final stage'; }
  const name = a.stages[ins.stage]?.from.stageName;
  return `stage ${name ? `"${name}"` : `#${ins.stage}`} (the final stage builds on it with FROM ${name ?? ins.stage})`;
}

/** Shell-form command text split into an exec-form array, as a starting point for a fix. */
export function execFormOf(text: string): string {
  const words = text.trim().split(/\s+/).filter(Boolean);
  return JSON.stringify(words).replace(/","/g, '", "');
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
