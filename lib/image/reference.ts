/**
 * A parsed image reference. Internal: the public API speaks in strings and `BaseImage`.
 * @internal
 */
export interface ParsedReference {
  /** Registry host, or undefined for Docker Hub. */
  readonly registry?: string;
  /** Repository path without registry, e.g. `distroless/static-debian13` or `library/golang`. */
  readonly path: string;
  readonly tag?: string;
  readonly digest?: string;
}

const DIGEST = /^sha256:[a-f0-9]{64}$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

/**
 * Parses `[registry/]path[:tag][@digest]`, or returns undefined when it is not a valid reference.
 * @internal
 */
export function _parseReference(reference: string): ParsedReference | undefined {
  if (!reference || /\s/.test(reference)) { return undefined; }
  let rest = reference;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) { return undefined; }
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) { return undefined; }
  }
  const parts = rest.split('/');
  let registry: string | undefined;
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost')) {
    registry = parts.shift();
  }
  if (parts.length === 0 || !parts.every(p => PATH_COMPONENT.test(p))) { return undefined; }
  return { registry, path: parts.join('/'), tag, digest };
}

/**
 * The canonical `registry/path` of a reference, so `golang`, `library/golang` and
 * `docker.io/library/golang` compare equal.
 * @internal
 */
export function _canonicalRepository(parsed: ParsedReference): string {
  const registry = !parsed.registry || parsed.registry === 'index.docker.io' || parsed.registry === 'registry-1.docker.io'
    ? 'docker.io' : parsed.registry;
  const path = registry === 'docker.io' && !parsed.path.includes('/') ? `library/${parsed.path}` : parsed.path;
  return `${registry}/${path}`;
}

/**
 * Whether a string is a sha256 digest (`sha256:` and 64 lowercase hex digits).
 * @internal
 */
export function _isDigest(value: string): boolean {
  return DIGEST.test(value);
}
