/** How a workload's image is referenced. Internal. */
import { _parseReference } from '../../image/reference';
import { cfnString, UNKNOWN_PART } from '../values';

export type ImageKind = 'unknown' | 'invalid' | 'latest' | 'untagged' | 'tag' | 'digest' | 'asset';

export interface ImageInfo {
  readonly kind: ImageKind;
  /** The reference as far as it is known (intrinsic parts shown as `${...}`). */
  readonly text: string;
  readonly tag?: string;
}

/** Reads an image reference; `Fn::Sub`/`Fn::Join` of literals keep their tag readable. */
export function imageInfo(value: unknown): ImageInfo {
  const s = cfnString(value);
  if (s === undefined || s === '') { return { kind: 'invalid', text: s ?? '' }; }
  const text = s.split(UNKNOWN_PART).join('${...}');
  const lastSlash = s.lastIndexOf('/');
  const tail = s.slice(lastSlash + 1);
  if (tail.includes(UNKNOWN_PART)) { return { kind: 'unknown', text }; }
  // Intrinsic parts before the last path segment (account, region) do not change the tag or digest.
  const ref = _parseReference(s.split(UNKNOWN_PART).join('x'));
  if (!ref) { return { kind: 'invalid', text }; }
  if (ref.digest) { return { kind: 'digest', text, tag: ref.tag }; }
  if (!ref.tag) { return { kind: 'untagged', text }; }
  if (ref.tag === 'latest') { return { kind: 'latest', text, tag: ref.tag }; }
  if (/^[a-f0-9]{64}$/.test(ref.tag)) { return { kind: 'asset', text, tag: ref.tag }; }
  return { kind: 'tag', text, tag: ref.tag };
}
