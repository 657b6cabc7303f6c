import { _canonicalRepository, _parseReference } from './reference';

/**
 * Rewrites image references from a public registry to a mirror, as enterprises do when
 * they copy gcr.io or cgr.dev into their own registry.
 *
 * @example
 * RegistryMirror.of('gcr.io/distroless', '123456789012.dkr.ecr.eu-west-1.amazonaws.com/distroless')
 */
export class RegistryMirror {
  /**
   * A mirror of everything under `upstreamPrefix` at `mirrorPrefix`.
   *
   * @param upstreamPrefix registry or registry/path prefix, e.g. `gcr.io/distroless` or `docker.io/library`
   * @param mirrorPrefix where the mirror serves it, e.g. `registry.example.com/gcr/distroless`
   */
  public static of(upstreamPrefix: string, mirrorPrefix: string): RegistryMirror {
    return new RegistryMirror(trimSlash(upstreamPrefix, 'upstreamPrefix'), trimSlash(mirrorPrefix, 'mirrorPrefix'));
  }

  private constructor(public readonly upstreamPrefix: string, public readonly mirrorPrefix: string) {}

  /**
   * The mirrored reference, or the reference unchanged when it is not under `upstreamPrefix`.
   * Docker Hub names match in any spelling: `golang:1.25` is under `docker.io/library`.
   */
  public rewrite(reference: string): string {
    const swapped = swapPrefix(reference, this.upstreamPrefix, this.mirrorPrefix);
    if (swapped !== reference) { return swapped; }
    const full = dockerHubSpelling(reference);
    if (!full) { return reference; }
    const mirrored = swapPrefix(full, this.upstreamPrefix, this.mirrorPrefix);
    return mirrored === full ? reference : mirrored;
  }

  /** The upstream reference behind a mirrored one, or the reference unchanged. */
  public restore(reference: string): string {
    return swapPrefix(reference, this.mirrorPrefix, this.upstreamPrefix);
  }
}

/** `golang:1.25` -> `docker.io/library/golang:1.25`; undefined for other registries or bad references. */
function dockerHubSpelling(reference: string): string | undefined {
  const parsed = _parseReference(reference);
  if (!parsed) { return undefined; }
  const repository = _canonicalRepository(parsed);
  if (!repository.startsWith('docker.io/')) { return undefined; }
  return `${repository}${parsed.tag ? `:${parsed.tag}` : ''}${parsed.digest ? `@${parsed.digest}` : ''}`;
}

function swapPrefix(reference: string, from: string, to: string): string {
  if (reference === from) { return to; }
  for (const sep of ['/', ':', '@']) {
    if (reference.startsWith(from + sep)) { return to + reference.slice(from.length); }
  }
  return reference;
}

function trimSlash(value: string, name: string): string {
  const trimmed = (value ?? '').trim().replace(/\/+$/, '');
  if (!trimmed || /[\s"'\\$]/.test(trimmed)) {
    throw new Error(`RegistryMirror: ${name} ${JSON.stringify(value)} is not a registry prefix. `
      + 'Use a registry host with an optional path and no spaces, quotes, backslashes or "$", e.g. "registry.example.com/mirror".');
  }
  return trimmed;
}
