import { Severity } from '../finding';
import { Rule } from '../rule';
import { baseRange, describeBase, digestLookup, pinnable } from './common';

/** A tag moves; a digest names exactly the bytes that were reviewed and scanned. */
export const finalBaseNotPinned: Rule = {
  info: {
    id: 'CDL101',
    level: Severity.WARNING,
    title: 'Pin the final base image by digest',
    description: 'Tags such as `:nonroot` are republished with every rebuild of the base. Without `@sha256:...` the same Dockerfile builds '
      + 'different images over time, and a compromised tag goes unnoticed. A base whose tag holds a variable without a value '
      + '(`:nonroot-${ARCH}`) is reported too: no value of a variable inside the tag adds a digest. scratch has no digest and is exempt.',
    fix: 'Append the digest: `FROM gcr.io/distroless/static-debian13:nonroot@sha256:<digest>` (look it up with `crane digest`), and let '
      + 'Renovate or Dependabot update it.',
  },
  check(a) {
    const root = a.finalRoot;
    const base = root?.base;
    if (!root || !base || base.isScratch || base.digest) { return []; }
    if (!base.valid) {
      // A variable in the tag selects a tag, never a digest; one holding the whole reference or tag might pin it.
      if (base.unresolved.length === 0 || base.digestPossible || root.from.image?.includes('@')) { return []; }
      const written = root.from.image ?? '';
      return [{
        range: baseRange(root),
        message: `The final base "${written}" is not pinned by digest, and ${base.unresolved.map(v => `$${v}`).join(', ')} inside its tag cannot add one, `
          + 'so rebuilds may pull a different image. Allowed: a reference with @sha256:<digest>.',
        fix: `Pin the multi-architecture tag: \`FROM ${written.replace(/@.*$/, '').replace(/[-_]?\$\{?[A-Za-z_][A-Za-z0-9_]*\}?/g, '')}@sha256:<digest>\` `
          + '(an index digest covers every architecture), or give the variable a default holding the digest.',
      }];
    }
    const ref = pinnable(base);
    return [{
      range: baseRange(root),
      message: `The final base ${describeBase(root, base)} is not pinned by digest, so rebuilds may pull a different image. Allowed: a reference with @sha256:<digest>.`,
      fix: `Write \`FROM ${ref}@sha256:<digest>\`${base.archVariables.length > 0 ? ' (the multi-architecture tag: its index digest covers every architecture)' : ''}; ${digestLookup(ref)}.`,
    }];
  },
};
