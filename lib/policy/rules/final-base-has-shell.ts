import { ImageRole, Libc } from '../../image/facts';
import { Severity } from '../finding';
import { Rule } from '../rule';
import { baseRange, describeBase } from './common';

/** A shell without a package manager (BusyBox) is allowed, but it is still a shell an attacker can use. */
export const finalBaseHasShell: Rule = {
  info: {
    id: 'CDL106',
    level: Severity.WARNING,
    title: 'The final base image should not have a shell',
    description: 'BusyBox and similar images have no package manager but ship /bin/sh and coreutils, which help an attacker who gets code '
      + 'execution and let shell-form commands slip through. Debug variants and build images have their own errors (CDL004, CDL003) and '
      + 'are not reported here.',
    fix: 'Use a shell-less base: `gcr.io/distroless/static-debian13:nonroot` for static binaries, `cc` or `base` for glibc binaries.',
  },
  check(a) {
    const root = a.finalRoot;
    const image = root?.base?.image;
    if (!root || !root.base || !image || !image.facts.hasShell || image.facts.debug || image.role === ImageRole.BUILD) { return []; }
    return [{
      range: baseRange(root),
      message: `The final base ${describeBase(root, root.base)} has a shell (/bin/sh). Allowed without a warning: images without a shell, such as Google distroless, Chainguard or scratch.`,
      fix: image.facts.libc === Libc.GLIBC
        ? 'Use `FROM gcr.io/distroless/cc-debian13:nonroot@sha256:<digest>` (glibc, no shell) if the binary does not need the shell.'
        : 'Link the binary statically and use `FROM gcr.io/distroless/static-debian13:nonroot@sha256:<digest>` (no libc, no shell).',
    }];
  },
};
