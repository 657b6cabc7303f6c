import { Severity } from '../finding';
import { Rule } from '../rule';
import { baseRange, describeBase, digestLookup } from './common';

/** A tag moves; a digest names exactly the bytes that were reviewed and scanned. */
export const finalBaseNotPinned: Rule = {
  info: {
    id: 'CDL101',
    level: Severity.WARNING,
    title: 'Pin the final base image by digest',
    description: 'Tags such as `:nonroot` are republished with every rebuild of the base. Without `@sha256:...` the same Dockerfile builds '
      + 'different images over time, and a compromised tag goes unnoticed. scratch has no digest and is exempt.',
    fix: 'Append the digest: `FROM gcr.io/distroless/static-debian13:nonroot@sha256:<digest>` (look it up with `crane digest`), and let '
      + 'Renovate or Dependabot update it.',
  },
  check(a) {
    const root = a.finalRoot;
    const base = root?.base;
    if (!root || !base || !base.valid || base.isScratch || base.digest) { return []; }
    return [{
      range: baseRange(root),
      message: `The final base ${describeBase(root, base)} is not pinned by digest, so rebuilds may pull a different image. Allowed: a reference with @sha256:<digest>.`,
      fix: `Write \`FROM ${base.reference}@sha256:<digest>\`; ${digestLookup(base.reference)}.`,
    }];
  },
};
