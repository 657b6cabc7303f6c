import { ImageRole } from '../../image/facts';
import { Severity } from '../finding';
import { Rule } from '../rule';
import { baseRange, describeBase, suggestedFinalBases } from './common';

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
    const suggestions = suggestedFinalBases(image);
    const final = suggestions.length === 1
      ? `\`FROM ${suggestions[0].reference}@sha256:<digest>\``
      : suggestions.map(s => `\`FROM ${s.reference}@sha256:<digest>\` for ${s.forWhat}`).join(', ');
    // A .NET runtime image on a full OS has a chiseled twin of the same flavor and version: swap it, nothing to move.
    const dotnetRuntime = /^mcr\.microsoft\.com\/dotnet\/(runtime-deps|runtime|aspnet)$/.exec(image.repository);
    const fix = dotnetRuntime
      ? `Replace it with ${final}: the same .NET ${dotnetRuntime[1]} without a shell or package manager, running as app (1654); `
        + 'the `-azurelinux3.0-distroless` tags are the Azure Linux equivalent. Anything the app needs from apt belongs in a build stage.'
      : `Keep "${root.base.reference}" as a build stage (\`FROM ${root.base.reference} AS build\`) and start the final stage with `
        + `${final}, copying the artifact with \`COPY --from=build\`.`;
    return [{
      range: baseRange(root),
      message: `The final base ${describeBase(root, root.base)} is a build image (package manager: ${image.facts.hasPackageManager ? 'yes' : 'no'}, `
        + `shell: ${image.facts.hasShell ? 'yes' : 'no'}). Allowed in the final stage: images without a package manager, such as Google distroless, `
        + 'Chainguard (not -dev), chiseled Ubuntu/.NET or scratch.',
      fix,
    }];
  },
};
