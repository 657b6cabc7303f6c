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
      + 'COPY, and set USER, ENV, WORKDIR, EXPOSE, LABEL, ENTRYPOINT and CMD.',
  },
  check(a) {
    return a.finalInstructions.filter(i => i.keyword === 'RUN').map(ins => ({
      range: ins.range,
      message: `RUN in ${whereInChain(a, ins)}: "${truncate(ins.text)}". Allowed in the final image: COPY, USER, ENV, WORKDIR, EXPOSE, LABEL, ENTRYPOINT and CMD.`,
      fix: 'Move this RUN to a build stage (e.g. `FROM <builder> AS build`) and `COPY --from=build` only its output into the final stage.',
    }));
  },
};

function truncate(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}...` : oneLine;
}
