import { Severity } from '../finding';
import { Rule, RuleHit } from '../rule';
import { execFormOf, whereInChain } from './common';

/** Shell form wraps the command in /bin/sh -c, which a distroless image lacks and which swallows signals. */
export const finalStageShellForm: Rule = {
  info: {
    id: 'CDL006',
    level: Severity.ERROR,
    title: 'ENTRYPOINT, CMD and HEALTHCHECK must use exec form in the final stage',
    description: 'Shell form (`CMD node server.js`) makes Docker run `/bin/sh -c "..."`: it fails on an image without a shell, and where a shell '
      + 'exists the shell becomes PID 1 and does not forward SIGTERM, so containers are killed instead of stopped. A shell-form '
      + '`HEALTHCHECK CMD` runs as CMD-SHELL and fails the same way on ECS and Docker.',
    fix: 'Write the command as a JSON array: `ENTRYPOINT ["/app"]`, `CMD ["server.js"]`, `HEALTHCHECK CMD ["/app", "healthcheck"]`.',
  },
  check(a) {
    const hits: RuleHit[] = [];
    for (const ins of a.finalInstructions) {
      if (!['ENTRYPOINT', 'CMD', 'HEALTHCHECK'].includes(ins.keyword)) { continue; }
      const command = ins.command;
      if (!command || command.exec || !command.text) { continue; }
      const label = ins.keyword === 'HEALTHCHECK' ? 'HEALTHCHECK CMD' : ins.keyword;
      hits.push({
        range: ins.range,
        message: `${label} in ${whereInChain(a, ins)} uses shell form ("${command.text.replace(/\s+/g, ' ')}"), which runs /bin/sh -c. Allowed: exec form, a JSON array of strings.`,
        fix: `Write \`${label} ${execFormOf(command.text)}\` (split arguments yourself; shell features such as pipes, && and $VAR do not work without a shell).`,
      });
    }
    return hits;
  },
};
