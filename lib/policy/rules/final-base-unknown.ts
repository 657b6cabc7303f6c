import { Severity } from '../finding';
import { Rule } from '../rule';
import { baseRange, describeBase } from './common';

/** A base the policy cannot identify could have a shell, a package manager and root: it must not pass silently. */
export const finalBaseUnknown: Rule = {
  info: {
    id: 'CDL002',
    level: Severity.ERROR,
    title: 'The final base image must be a known image',
    description: 'The final stage\'s base (after resolving ARG defaults and FROM <stage> chains) must be an image whose facts are known: '
      + 'one from the cdk-distroless catalog (Google distroless, Chainguard, chiseled Ubuntu and .NET, BusyBox, scratch), '
      + 'possibly through a registry mirror given in `registryMirrors`, or one described in `images`. An ARG without a default '
      + 'or an unknown image cannot be checked for a shell, a package manager or a root user, so it is an error, never a pass '
      + '(an invalid reference is CDL001).',
    fix: 'Use a catalog image such as `FROM gcr.io/distroless/static-debian13:nonroot@sha256:<digest>`; for your own image pass '
      + '`images: [BaseImage.fromRegistry(reference, facts)]`; for a mirror pass `registryMirrors: [RegistryMirror.of(upstream, mirror)]`.',
  },
  check(a) {
    const root = a.finalRoot;
    const base = root?.base;
    if (!root || !base || base.image) { return []; }
    if (!root.from.image) { return []; } // CDL001 reports a FROM without an image
    if (base.unresolved.length > 0) {
      const vars = base.unresolved.map(v => `$${v}`).join(', ');
      const name = /^[A-Za-z_]\w*$/.test(base.unresolved[0]) ? base.unresolved[0] : undefined;
      // Only a variable that holds the whole reference gets a whole reference as its default.
      const whole = name !== undefined && new RegExp(`^["']?\\$(\\{${name}\\}|${name})["']?$`).test(root.from.image.trim());
      return [{
        range: baseRange(root),
        message: `The final base "${root.from.image}" uses ${vars} with no default value, so the base is chosen at build time and cannot be checked.`,
        fix: whole
          ? `Declare a default before the first FROM, e.g. \`ARG ${name}=gcr.io/distroless/static-debian13:nonroot@sha256:<digest>\`.`
          : `Give ${name ? `\`ARG ${name}\`` : 'the variable'} a default value before the first FROM (the value you build with), or write that part of the reference `
            + 'literally. A variable that only picks the architecture suffix of a tag (`nonroot-${ARCH}`) needs no default when its name contains ARCH.',
      }];
    }
    if (!base.valid) { return []; } // CDL001 reports an invalid reference
    const mirrored = base.upstream !== base.reference ? ` (upstream "${base.upstream}")` : '';
    return [{
      range: baseRange(root),
      message: `The final base ${describeBase(root, base)}${mirrored} is not a known image, so whether it has a shell, a package manager or a root default user cannot be checked. `
        + 'Allowed: a cdk-distroless catalog image (Google distroless, Chainguard, chiseled Ubuntu/.NET, BusyBox, scratch) or an image passed in `images`.',
      fix: 'Use `FROM gcr.io/distroless/static-debian13:nonroot@sha256:<digest>` (or the distroless image for your runtime), describe this image with '
        + `\`images: [BaseImage.fromRegistry('${base.reference.replace(/@.*$/, '')}', { libc, hasShell, hasPackageManager, defaultUser })]\`, `
        + 'or, if it is a mirror of a catalog image, pass `registryMirrors: [RegistryMirror.of(upstreamPrefix, mirrorPrefix)]`.',
    }];
  },
};
