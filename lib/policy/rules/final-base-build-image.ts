import { ImageRole } from '../../image/facts';
import { Severity } from '../finding';
import { Rule } from '../rule';
import { baseRange, describeBase, suggestedFinalBase } from './common';

/** A package manager in the runtime image is attack surface and invites patching containers in place. */
export const finalBaseBuildImage: Rule = {
  info: {
    id: 'CDL003',
    level: Severity.ERROR,
    title: 'The final base image must not be a build image',
    description: 'The final stage must not start from an image with a package manager or a full OS (the image\'s role is `build`: golang, node, '
      + 'python, alpine, debian, Chainguard `-dev`, JDK images, ...). Such images ship a shell, a package manager and hundreds of packages '
      + 'the application does not need, each a source of CVEs and a tool for an attacker.',
    fix: 'Build in that image as an earlier stage, then `COPY --from=<stage>` the artifact into a distroless final stage, '
      + 'e.g. `FROM gcr.io/distroless/static-debian13:nonroot@sha256:<digest>`.',
  },
  check(a) {
    const root = a.finalRoot;
    const image = root?.base?.image;
    if (!root || !root.base || !image || image.role !== ImageRole.BUILD) { return []; }
    const suggestion = suggestedFinalBase(image);
    return [{
      range: baseRange(root),
      message: `The final base ${describeBase(root, root.base)} is a build image (package manager: ${image.facts.hasPackageManager ? 'yes' : 'no'}, `
        + `shell: ${image.facts.hasShell ? 'yes' : 'no'}). Allowed in the final stage: images without a package manager, such as Google distroless, `
        + 'Chainguard (not -dev), chiseled Ubuntu/.NET or scratch.',
      fix: `Keep "${root.base.reference}" as a build stage (\`FROM ${root.base.reference} AS build\`) and start the final stage with `
        + `\`FROM ${suggestion}@sha256:<digest>\`, copying the artifact with \`COPY --from=build\`.`,
    }];
  },
};
