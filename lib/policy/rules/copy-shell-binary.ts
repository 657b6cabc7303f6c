import { _expandAt } from '../analysis';
import { Severity } from '../finding';
import { Rule, RuleHit } from '../rule';
import { copyArguments, whereInChain } from './common';

const SHELL_BINARIES = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'busybox', 'toybox']);

/** The shell-like file name in a path, if any: `/bin/sh` -> `sh`, `/busybox/` -> `busybox`. */
export function shellBinaryIn(path: string): string | undefined {
  const name = path.replace(/\/+$/, '').split('/').pop() ?? '';
  return SHELL_BINARIES.has(name) ? name : undefined;
}

/** Copying a shell in by hand defeats a shell-less base just as surely as choosing one with a shell. */
export const copyShellBinary: Rule = {
  info: {
    id: 'CDL013',
    level: Severity.ERROR,
    title: 'No shell copied into the final stage',
    description: 'A COPY or ADD in the final stage chain whose source or destination is a shell or a multi-call binary (`sh`, `bash`, `ash`, '
      + '`dash`, `zsh`, `ksh`, `mksh`, `busybox`, `toybox`), e.g. `COPY --from=busybox:1.37 /bin/busybox /busybox/`, puts back the shell the '
      + 'distroless base leaves out. Paths are read as Docker reads them (variables expanded, quotes removed). Only file names are '
      + 'checked: a whole directory copied from a shell image is not detected.',
    fix: 'Do not ship a shell: do the shell work in a build stage and copy only its results. To debug, use an ephemeral debug container.',
  },
  check(a) {
    const hits: RuleHit[] = [];
    for (const ins of a.finalInstructions) {
      if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') { continue; }
      const shell = copyArguments(ins).map(w => shellBinaryIn(_expandAt(a, ins, w).value)).find(s => s !== undefined);
      if (!shell) { continue; }
      hits.push({
        range: ins.range,
        message: `${ins.keyword} ${ins.text.replace(/\s+/g, ' ')} in ${whereInChain(a, ins)} copies a shell binary ("${shell}") into the final image. `
          + 'Allowed: application files and the libraries and data they need.',
        fix: `Remove this ${ins.keyword}; move whatever needs "${shell}" into a build stage.`,
      });
    }
    return hits;
  },
};
