import { Severity } from '../finding';
import { Rule } from '../rule';

/** Relying on the base's default user breaks silently when the tag changes to a root variant. */
export const userImplicit: Rule = {
  info: {
    id: 'CDL105',
    level: Severity.WARNING,
    title: 'Set USER explicitly, even when the base runs as non-root',
    description: 'The final image runs as non-root only because its base does (e.g. distroless `:nonroot`). Switching the tag to `:latest` or '
      + 'another base would silently make it root; an explicit numeric USER keeps the intent in the Dockerfile and in the image config.',
    fix: 'Add the base\'s non-root user explicitly at the end of the final stage, e.g. `USER 65532:65532`.',
  },
  check(a) {
    const stage = a.finalStage;
    const base = a.finalRoot?.base;
    const image = base?.image;
    if (!stage || a.finalUser || !image || image.facts.defaultUser.uid === 0) { return []; }
    const u = image.facts.defaultUser;
    return [{
      range: stage.from.imageRange ?? stage.from.range,
      message: `The final stage has no USER; it runs as ${u.name ? `${u.name} (${u.uid})` : u.uid} only because its base "${base!.reference}" defaults to that user.`,
      fix: `Add \`USER ${u.uid}:${u.gid}\` at the end of the final stage.`,
    }];
  },
};
