import { _ARCH_SUFFIX } from '../../image/catalog';
import { ImageFamily } from '../../image/facts';
import { Severity } from '../finding';
import { Rule, RuleHit } from '../rule';
import { baseRange, describeBase } from './common';

/** `latest` says nothing about what is inside; a version tag at least documents intent. */
export const baseLatestTag: Rule = {
  info: {
    id: 'CDL103',
    level: Severity.WARNING,
    title: 'Base images should name a tag other than latest',
    description: 'A FROM without a tag means `:latest`, which changes meaning over time (for Google distroless it is also the root variant). '
      + 'Reported for every stage whose base has no tag or the tag `latest` (also with an architecture suffix, `latest-arm64`) and is not '
      + 'pinned by digest; a digest makes the tag irrelevant, so Chainguard\'s `latest`-only images pass once pinned.',
    fix: 'Name the variant and version you mean, e.g. `gcr.io/distroless/static-debian13:nonroot`, `golang:1.25-trixie`, or pin by digest.',
  },
  check(a) {
    const hits: RuleHit[] = [];
    for (const stage of a.stages) {
      const base = stage.base;
      if (!base || !base.valid || base.isScratch || base.digest) { continue; }
      const variant = base.tag?.replace(_ARCH_SUFFIX, '');
      if (variant !== undefined && variant !== 'latest') { continue; }
      const nonroot = base.image?.nonRootUser && base.image.facts.family === ImageFamily.GOOGLE_DISTROLESS;
      const suggestion = nonroot ? (base.tag ?? 'latest').replace(/^latest/, 'nonroot') : '<version>';
      const repository = base.reference.replace(/:[^:/]*$/, '');
      hits.push({
        range: baseRange(stage),
        message: `The base ${describeBase(stage, base)} ${base.tag ? `uses the tag "${base.tag}"` : 'has no tag (so it means "latest")'}, which changes over time. Allowed: an explicit version or variant tag, or a digest.`,
        fix: `Write \`FROM ${repository}:${suggestion}\` or pin it: \`FROM ${base.reference}@sha256:<digest>\`.`,
      });
    }
    return hits;
  },
};
