import { Severity } from '../finding';
import { Rule } from '../rule';
import { isRootName, suggestedUser, whereInChain } from './common';

/** Root in a container is root on the host's kernel; runAsNonRoot and restricted policies reject it. */
export const finalUserRoot: Rule = {
  info: {
    id: 'CDL009',
    level: Severity.ERROR,
    title: 'The final image must not run as root',
    description: 'The user the final image runs as (the last USER of the final stage and the stages it continues, or else the base image\'s '
      + 'default user) must not be root: `USER root`, `USER 0`, `USER 0:0`, or no USER on a base that runs as root (distroless `latest`, '
      + 'scratch, BusyBox, build images). A USER that cannot be resolved (a variable without a value) or a base whose default user is '
      + 'unknown cannot be verified and is reported too. Kubernetes `runAsNonRoot` and the restricted Pod Security Standard refuse root.',
    fix: 'End the final stage with a numeric non-root user, e.g. `USER 65532:65532` (distroless and Chainguard `nonroot`), and give copied '
      + 'files to it with `COPY --chown=65532:65532`.',
  },
  check(a) {
    const stage = a.finalStage;
    if (!stage) { return []; }
    const image = a.finalRoot?.base?.image;
    const u = suggestedUser(image);
    const fix = `Add \`USER ${u.uid}:${u.gid}\` at the end of the final stage${image?.isScratch ? ' (scratch has no /etc/passwd; numeric ids need none)' : ''}.`;
    const user = a.finalUser;
    if (user) {
      const where = whereInChain(a, user.instruction);
      if (user.unresolved.length > 0 || !user.user) {
        return [{
          range: user.instruction.range,
          message: `USER ${user.instruction.text || '(empty)'} in ${where} cannot be resolved${user.unresolved.length
            ? ` (${user.unresolved.map(v => `$${v}`).join(', ')} has no value)`
            : ` (it names no user: "${user.value}")`}, `
            + 'so it cannot be verified as non-root. Allowed: a literal non-root user, or a variable with a non-root default.',
          fix: `Write the user literally, e.g. \`USER ${u.uid}:${u.gid}\`, or give the ARG a non-root default.`,
        }];
      }
      if (isRootName(user.user)) {
        return [{
          range: user.instruction.range,
          message: `USER ${user.value} in ${where} runs the container as root. Allowed: a non-root user, numeric for Kubernetes (e.g. ${u.uid}:${u.gid}).`,
          fix: `Replace it with \`USER ${u.uid}:${u.gid}\`.`,
        }];
      }
      return [];
    }
    // No USER at all: point at the final FROM, where the USER belongs after.
    const range = stage.from.imageRange ?? stage.from.range;
    if (!image) {
      return [{
        range,
        message: 'The final stage has no USER and the default user of its base image is unknown, so the image may run as root.',
        fix,
      }];
    }
    if (image.facts.defaultUser.uid === 0) {
      return [{
        range,
        message: `The final stage has no USER and its base "${a.finalRoot?.base?.reference ?? image.reference}" runs as root (uid 0) by default. Allowed: a non-root user.`,
        fix,
      }];
    }
    return [];
  },
};
