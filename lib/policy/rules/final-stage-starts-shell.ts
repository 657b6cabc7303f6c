import { Severity } from '../finding';
import { Rule, RuleHit } from '../rule';
import { whereInChain } from './common';

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh']);

/** Whether an argv starts a shell, and which. `-c` first means a CMD written for a shell entrypoint. */
export function startedShell(argv: string[]): string | undefined {
  let i = 0;
  const base = (s: string | undefined) => (s ?? '').split('/').pop() ?? '';
  // env [-i] [NAME=value]... sh
  if (base(argv[0]) === 'env') {
    i = 1;
    while (i < argv.length && (argv[i].startsWith('-') || /^[A-Za-z_]\w*=/.test(argv[i]))) { i++; }
  }
  const first = argv[i];
  if (first === undefined) { return undefined; }
  if (SHELLS.has(base(first))) { return first; }
  if (base(first) === 'busybox' && SHELLS.has(argv[i + 1] ?? '')) { return `${first} ${argv[i + 1]}`; }
  if (i === 0 && first === '-c') { return '-c (arguments for a shell)'; }
  return undefined;
}

/** Exec form that launches a shell fails on a shell-less image just like shell form does. */
export const finalStageStartsShell: Rule = {
  info: {
    id: 'CDL008',
    level: Severity.ERROR,
    title: 'Exec-form commands must not start a shell on a base without one',
    description: 'An exec-form ENTRYPOINT, CMD or HEALTHCHECK CMD whose program is a shell (`["/bin/sh", "-c", ...]`, `["bash", ...]`, '
      + '`["env", "sh", ...]`), or a CMD starting with `-c` when the entrypoint is a shell or there is none, fails on a base without a shell. It is reported '
      + 'unless the final base is known to have a shell (BusyBox, debug variants: those have their own rules).',
    fix: 'Run the program directly: `ENTRYPOINT ["/app"]`, `CMD ["--port", "8080"]`; move shell logic into the application or a build step.',
  },
  check(a) {
    if (a.finalRoot?.base?.image?.facts.hasShell) { return []; }
    const hits: RuleHit[] = [];
    // A CMD starting with -c is arguments for the entrypoint: a shell's, or nonsense without one, but fine for python -c.
    const entrypoints = a.finalInstructions.filter(i => i.keyword === 'ENTRYPOINT');
    const lastEntrypoint = entrypoints[entrypoints.length - 1];
    const entrypoint = lastEntrypoint ? lastEntrypoint.command?.exec : a.finalRoot?.base?.image?.facts.entrypoint;
    const dashCMeansShell = !entrypoint || entrypoint.length === 0 || startedShell(entrypoint) !== undefined;
    for (const ins of a.finalInstructions) {
      if (!['ENTRYPOINT', 'CMD', 'HEALTHCHECK'].includes(ins.keyword) || !ins.command?.exec) { continue; }
      const shell = startedShell(ins.command.exec);
      if (!shell || (ins.keyword === 'CMD' && ins.command.exec[0] === '-c' && !dashCMeansShell)) { continue; }
      const label = ins.keyword === 'HEALTHCHECK' ? 'HEALTHCHECK CMD' : ins.keyword;
      const base = a.finalRoot?.base;
      const lacks = base?.image ? `"${base.reference}" has no shell` : `the final base${base ? ` "${base.reference}"` : ''} is not known to have one`;
      hits.push({
        range: ins.range,
        message: `${label} ${JSON.stringify(ins.command.exec)} in ${whereInChain(a, ins)} starts a shell (${shell}), but ${lacks}. `
          + 'Allowed: the application binary or runtime itself.',
        fix: `Call the program directly, e.g. \`${label} ${JSON.stringify(withoutShell(ins.command.exec))}\`.`,
      });
    }
    return hits;
  },
};

/** The command a `sh -c "cmd args"` would run, split naively, as a fix hint. */
function withoutShell(argv: string[]): string[] {
  const c = argv.indexOf('-c');
  const script = c >= 0 ? argv[c + 1] : undefined;
  if (script) {
    const words = script.trim().split(/\s+/).filter(w => w && w !== 'exec');
    if (words.length > 0 && !/[|&;<>$`]/.test(script)) { return words; }
  }
  return ['/app'];
}
