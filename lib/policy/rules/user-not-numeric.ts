import { Severity } from '../finding';
import { Rule } from '../rule';
import { isRootName, whereInChain } from './common';

/** Kubernetes can only verify runAsNonRoot when the image's user is a number. */
export const userNotNumeric: Rule = {
  info: {
    id: 'CDL104',
    level: Severity.WARNING,
    title: 'The final USER should be numeric',
    description: 'With `USER nonroot` the kubelet cannot tell whether the user is root without reading /etc/passwd, so a Pod with '
      + '`runAsNonRoot: true` and no `runAsUser` fails to start ("image has non-numeric user"). A numeric uid:gid also works on images '
      + 'without /etc/passwd.',
    fix: 'Use the numeric ids: `USER 65532:65532` for distroless and Chainguard `nonroot`, `USER 1654:1654` for .NET chiseled `app`.',
  },
  check(a) {
    const user = a.finalUser;
    if (!user || user.unresolved.length > 0 || !user.user || isRootName(user.user)) { return []; }
    const numeric = (s: string | undefined) => s === undefined || /^\d+$/.test(s);
    if (numeric(user.user) && numeric(user.group)) { return []; }
    const image = a.finalRoot?.base?.image;
    const known = [image?.nonRootUser, image?.facts.defaultUser].find(u => u?.name !== undefined && u.name === user.user);
    const u = known ?? image?.nonRootUser;
    // Without /etc/passwd (scratch) a user name cannot even be resolved: the container fails to start.
    const noPasswd = image?.facts.hasPasswd === false
      ? ` "${a.finalRoot?.base?.reference}" has no /etc/passwd, so the name cannot be resolved and the container will not start.`
      : '';
    return [{
      range: user.instruction.range,
      message: `USER ${user.value} in ${whereInChain(a, user.instruction)} is not numeric, so Kubernetes cannot verify runAsNonRoot.${noPasswd} Allowed: uid[:gid] as numbers.`,
      fix: known
        ? `Write \`USER ${known.uid}:${known.gid}\` ("${user.user}" is ${known.uid}:${known.gid} in this base).`
        : u
          ? `Write the numeric ids of "${user.user}" from the image's /etc/passwd, or use the base's non-root user: \`USER ${u.uid}:${u.gid}\`.`
          : `Write the numeric ids of "${user.user}" from the image's /etc/passwd: \`USER <uid>:<gid>\`.`,
    }];
  },
};
