import { _parseReference } from '../../image/reference';
import { _expandAt } from '../analysis';
import { Severity } from '../finding';
import { Rule, RuleHit } from '../rule';
import { digestLookup } from './common';

/** `COPY --from=<image>` pulls an image like FROM does: it is a build input and should be pinned the same way. */
export const copyFromImageNotPinned: Rule = {
  info: {
    id: 'CDL107',
    level: Severity.WARNING,
    title: 'Pin images used by COPY --from by digest',
    description: 'COPY --from accepts an image reference as well as a stage name. Files copied from an image tag (`COPY --from=busybox:1.37 ...`, '
      + '`COPY --from=ghcr.io/org/tools ...`) change whenever the tag moves. Checked in every stage; stage names and stage numbers are not images.',
    fix: 'Pin the image: `COPY --from=<image>:<tag>@sha256:<digest> ...`, or add a pinned stage (`FROM <image>@sha256:<digest> AS tools`) and copy from it.',
  },
  check(a) {
    const hits: RuleHit[] = [];
    const stageNames = new Set(a.stages.map(s => s.from.stageName).filter((n): n is string => n !== undefined));
    for (const ins of a.model.instructions) {
      if (ins.keyword !== 'COPY') { continue; }
      const written = ins.flags.find(f => f.name.toLowerCase() === 'from')?.value;
      const expanded = written === undefined ? undefined : _expandAt(a, ins, written);
      // A variable without a value may name a stage or a pinned image: not checked.
      if (!expanded || expanded.unresolved.length > 0) { continue; }
      const from = expanded.value;
      if (!from || /^\d+$/.test(from) || stageNames.has(from.toLowerCase())) { continue; }
      const parsed = _parseReference(from);
      if (!parsed || parsed.digest) { continue; }
      const viaVariable = written !== from;
      hits.push({
        range: ins.range,
        message: `COPY --from=${viaVariable ? `${written} (= "${from}")` : from} copies from an image, not a stage, and the image is not pinned by digest. `
          + 'Allowed: a stage name, or an image with @sha256:<digest>.',
        fix: `Write \`COPY --from=${from}@sha256:<digest> ...\`${viaVariable ? ` (or add the digest to the value ${written} expands to)` : ''}; `
          + `${digestLookup(from)}.`,
      });
    }
    return hits;
  },
};
