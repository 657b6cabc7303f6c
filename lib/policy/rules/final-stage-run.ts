import { Severity } from '../finding';
import { Rule } from '../rule';
import { whereInChain } from './common';

/** A RUN needs a shell in the image, and anything it installs lands in the runtime image. */
export const finalStageRun: Rule = {
  info: {
    id: 'CDL005',
    level: Severity.ERROR,
    title: 'No RUN in the final stage',
    description: 'RUN executes through /bin/sh (or its exec-form binary) inside the image being built. A distroless final stage has no shell, '
      + 'and whatever a RUN installs or changes ships in the runtime image. This includes RUN in a stage that the final stage continues '
      + 'with FROM <stage>, because its layers become part of the final image.',
    fix: 'Do the work in a build stage and copy the result: `COPY --from=build --chown=65532:65532 /out/app /app`. The final stage should only '
      + 'COPY, and set USER, ENV, WORKDIR, EXPOSE, LABEL, ENTRYPOINT and CMD. An exec-form smoke test (`RUN ["/app", "--version"]`) '
      + 'belongs in a stage on the same base that the final stage copies the binary from (see RULES.md).',
  },
  check(a) {
    return a.finalInstructions.filter(i => i.keyword === 'RUN').map(ins => {
      const exec = ins.command?.exec;
      const message = `RUN in ${whereInChain(a, ins)}: "${truncate(ins.text)}". Allowed in the final image: COPY, USER, ENV, WORKDIR, EXPOSE, LABEL, ENTRYPOINT and CMD.`;
      if (!exec || exec.length === 0) {
        return { range: ins.range, message, fix: 'Move this RUN to a build stage (e.g. `FROM <builder> AS build`) and `COPY --from=build` only its output into the final stage.' };
      }
      // Exec form needs no shell, but whatever the program writes still ships, unreviewed, in the final image.
      const program = exec[0];
      return {
        range: ins.range,
        message: `${message} Exec form needs no shell, but what ${JSON.stringify(program)} writes at build time ships in the image, and the policy cannot tell a smoke test from an installer.`,
        fix: 'Run it in a stage of its own on the same base, and copy the checked files from there, so the check runs in every build and nothing it '
          + `writes ships: \`FROM <final base> AS smoke-test\`, the same COPY lines, \`RUN ${JSON.stringify(exec)}\`; then in the final stage `
          + `\`COPY --from=smoke-test ${program} ${program}\`. If the step must change the image, suppress CDL005 on it with the reason.`,
      };
    });
  },
};

function truncate(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}...` : oneLine;
}
