import { Severity } from '../finding';
import { Rule, RuleHit } from '../rule';
import { execFormOf, shellFeatures, whereInChain } from './common';

/** Shell form wraps the command in /bin/sh -c, which a distroless image lacks and which swallows signals. */
export const finalStageShellForm: Rule = {
  info: {
    id: 'CDL006',
    level: Severity.ERROR,
    title: 'ENTRYPOINT, CMD and HEALTHCHECK must use exec form in the final stage',
    description: 'Shell form (`CMD node server.js`) makes Docker run `/bin/sh -c "..."`: it fails on an image without a shell, and where a shell '
      + 'exists the shell becomes PID 1 and does not forward SIGTERM, so containers are killed instead of stopped. A shell-form '
      + '`HEALTHCHECK CMD` runs as CMD-SHELL and fails the same way on ECS and Docker.',
    fix: 'Write the command as a JSON array: `ENTRYPOINT ["/app"]`, `CMD ["server.js"]`, `HEALTHCHECK CMD ["/app", "healthcheck"]`. '
      + 'A command that uses shell features (pipes, `&&`, `||`, redirections, variables) needs a shell: move that logic into the program.',
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
        fix: fixFor(label, command.text),
      });
    }
    return hits;
  },
};

/**
 * The exec form when the command is plain words. A command with shell features is never split into
 * an array (`["a", "|", "b"]` passes "|" to the program as an argument): it needs a shell, so the fix
 * says how to do without one.
 */
function fixFor(label: string, text: string): string {
  // `exec` only replaces the shell with the program; `|| exit 1` only maps a health check's exit code.
  let command = text.trim().replace(/^exec\s+/, '');
  const exitOne = label === 'HEALTHCHECK CMD' && /\s*\|\|\s*exit\s+1\s*$/.test(command);
  if (exitOne) { command = command.replace(/\s*\|\|\s*exit\s+1\s*$/, ''); }
  const features = shellFeatures(command);
  if (features.length === 0) {
    const note = exitOne ? ' (drop `|| exit 1`: in exec form any non-zero exit already marks the container unhealthy)' : '';
    return `Write \`${label} ${execFormOf(command)}\`${note}.`;
  }
  const variables = features.includes('a variable')
    ? ' Read settings such as a port from the environment in the program itself instead of expanding $VARS in the command.' : '';
  return `This command uses ${features.join(', ')}, which only a shell understands: it cannot be written as exec form, and splitting it into a JSON `
    + 'array would pass those characters to the program as arguments. Move that logic into the program (or a small static helper binary built in a '
    + `build stage), then call it in exec form, e.g. \`${label} ["/app"${label === 'HEALTHCHECK CMD' ? ', "healthcheck"' : ''}]\`.${variables}`;
}
