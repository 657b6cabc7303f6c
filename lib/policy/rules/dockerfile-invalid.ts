import { Severity } from '../finding';
import { FILE_START } from '../model';
import { Rule, RuleHit } from '../rule';

const EXAMPLE_FROM = 'FROM gcr.io/distroless/static-debian13:nonroot@sha256:<digest>';

/** The file must be a buildable Dockerfile; otherwise no other rule can vouch for it. */
export const dockerfileInvalid: Rule = {
  info: {
    id: 'CDL001',
    level: Severity.ERROR,
    title: 'The Dockerfile must parse and have a FROM',
    description: 'An empty or comment-only file, a file without FROM, a FROM without an image or with an invalid image reference, an unknown '
      + 'instruction, an instruction other than ARG before the first FROM, two stages of the same name or a build target (`target`, '
      + '`--target`) that no stage has cannot be built, and no other rule can check it. The policy reports '
      + 'it instead of passing it.',
    fix: `Start the file with a FROM naming the base image, e.g. \`${EXAMPLE_FROM}\`, and use only Dockerfile instructions.`,
  },
  check(a) {
    // Without any FROM, "X before the first FROM" on every line says the same thing as "no FROM": report that once.
    const noFrom = a.model.stages.length === 0;
    const problems = a.model.problems.filter(p => !(noFrom && p.message.endsWith('(only ARG may come before FROM)')));
    const hits: RuleHit[] = problems.map(p => ({
      range: p.range,
      message: `The Dockerfile cannot be built: ${p.message}.`,
      fix: p.message.startsWith('unknown instruction')
        ? 'Use a Dockerfile instruction (FROM, ARG, COPY, ENV, USER, WORKDIR, ENTRYPOINT, CMD, ...) or turn the line into a # comment.'
        : undefined,
    }));
    for (const stage of a.stages) {
      const base = stage.base;
      if (base && stage.from.image && base.unresolved.length === 0 && !base.valid) {
        hits.push({
          range: stage.from.imageRange ?? stage.from.range,
          message: `The Dockerfile cannot be built: FROM ${JSON.stringify(stage.from.image)}${base.reference !== stage.from.image ? ` (= "${base.reference}")` : ''} `
            + 'is not a valid image reference. Allowed: registry/repository[:tag][@sha256:<64 hex digits>] in lowercase, scratch, or an earlier stage name.',
          fix: 'Write the reference in lowercase with at most one tag and one digest, e.g. `FROM gcr.io/distroless/static-debian13:nonroot@sha256:<digest>`.',
        });
      }
    }
    if (a.targetMissing && a.stages.length > 0) {
      const names = a.stages.map(s => s.from.stageName).filter((n): n is string => n !== undefined);
      hits.push({
        range: FILE_START,
        message: `The Dockerfile cannot be built with target "${a.target}": no stage is named so (docker build --target fails). `
          + `Stages: ${names.length > 0 ? names.map(n => `"${n}"`).join(', ') : 'none has a name'}.`,
        fix: names.length > 0
          ? `Pass the name of the stage you ship, e.g. --target ${names[names.length - 1]}, or name it with \`FROM <image> AS ${a.target}\`.`
          : `Name the stage you ship with \`FROM <image> AS ${a.target}\`, or lint without a target to check the last stage.`,
      });
    }
    if (a.model.instructions.length === 0 && problems.length === 0) {
      hits.push({ range: FILE_START, message: 'The Dockerfile is empty or has only comments: there is no FROM, so there is nothing to build or check.' });
    } else if (noFrom && a.model.instructions.length > 0) {
      hits.push({ range: a.model.instructions[0].range, message: 'The Dockerfile has no FROM, so it has no base image and cannot be built or checked.' });
    }
    return hits;
  },
};
