import { Severity } from '../finding';
import { Rule } from '../rule';
import { whereInChain } from './common';

/** SHELL only matters for shell-form commands, which the final stage must not have. */
export const finalStageShellInstruction: Rule = {
  info: {
    id: 'CDL007',
    level: Severity.ERROR,
    title: 'No SHELL in the final stage',
    description: 'SHELL sets the shell that RUN and shell-form commands use. In a final stage meant to have no shell it either names a binary '
      + 'that does not exist or shows that a shell is expected at build or run time.',
    fix: 'Remove SHELL from the final stage; keep it in the build stage that needs it, and use exec-form ENTRYPOINT and CMD.',
  },
  check(a) {
    return a.finalInstructions.filter(i => i.keyword === 'SHELL').map(ins => ({
      range: ins.range,
      message: `SHELL ${ins.text} in ${whereInChain(a, ins)}: the final image must not rely on a shell.`,
      fix: 'Remove this SHELL instruction, or move it to the build stage whose RUN instructions need it.',
    }));
  },
};
