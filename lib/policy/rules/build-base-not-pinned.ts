import { Severity } from '../finding';
import { Rule, RuleHit } from '../rule';
import { baseRange, describeBase, digestLookup } from './common';

/** Build images run code with full privileges at build time and compile what ships: pin them too. */
export const buildBaseNotPinned: Rule = {
  info: {
    id: 'CDL102',
    level: Severity.WARNING,
    title: 'Pin build-stage base images by digest',
    description: 'Stages that the final image does not build on (compilers, package installers) still decide what ends up in it. An unpinned '
      + 'toolchain tag makes builds irreproducible and lets a changed upstream image alter the artifact.',
    fix: 'Append the digest: `FROM golang:1.25-trixie@sha256:<digest> AS build`, and let Renovate or Dependabot update it.',
  },
  check(a) {
    const hits: RuleHit[] = [];
    const inFinal = new Set(a.finalChain.map(s => s.index));
    for (const stage of a.stages) {
      const base = stage.base;
      if (inFinal.has(stage.index) || !base || !base.valid || base.isScratch || base.digest) { continue; }
      hits.push({
        range: baseRange(stage),
        message: `The build stage${stage.from.stageName ? ` "${stage.from.stageName}"` : ''} base ${describeBase(stage, base)} is not pinned by digest. Allowed: a reference with @sha256:<digest>.`,
        fix: `Write \`FROM ${base.reference}@sha256:<digest>${stage.from.stageName ? ` AS ${stage.from.stageName}` : ''}\`; ${digestLookup(base.reference)}.`,
      });
    }
    return hits;
  },
};
