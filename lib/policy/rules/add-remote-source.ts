import { _expandAt } from '../analysis';
import { Severity } from '../finding';
import { Rule, RuleHit } from '../rule';
import { copyArguments } from './common';

/** Whether an ADD source is fetched from the network. */
export function isRemoteSource(source: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(source) || /^git@/.test(source);
}

/** Remote ADD downloads whatever the server returns at build time, unverified. */
export const addRemoteSource: Rule = {
  info: {
    id: 'CDL010',
    level: Severity.ERROR,
    title: 'ADD must not fetch unverified remote sources',
    description: 'ADD with an http(s) URL or a git repository (https://...git, git@..., git://) downloads at build time whatever the server '
      + 'returns then: builds are not reproducible and a compromised or hijacked source goes straight into the image. It is allowed only '
      + 'with `--checksum=sha256:...` (Dockerfile syntax 1.6 and later), which BuildKit verifies. Checked in every stage; sources are '
      + 'read as Docker reads them, with ARG and ENV values substituted and quotes removed (`ADD $DIST /tmp/`).',
    fix: 'Add `--checksum=sha256:<digest>` to the ADD, or download in a build stage with a pinned version and verify the checksum, '
      + 'then `COPY --from=<stage>` the file. For git sources, vendor the code or pin a commit and verify it in a build stage.',
  },
  check(a) {
    const hits: RuleHit[] = [];
    for (const ins of a.model.instructions) {
      if (ins.keyword !== 'ADD') { continue; }
      const checksum = ins.flags.find(f => f.name.toLowerCase() === 'checksum' && f.value);
      if (checksum) { continue; }
      for (const written of copyArguments(ins).slice(0, -1)) {
        const source = _expandAt(a, ins, written).value;
        if (!isRemoteSource(source)) { continue; }
        const shown = source === written ? `"${source}"` : `"${written}" (= "${source}")`;
        hits.push({
          range: ins.range,
          message: `ADD fetches the remote source ${shown} without --checksum, so its content is not verified. Allowed: local sources, or remote ones with --checksum=sha256:<digest>.`,
          fix: `Write \`ADD --checksum=sha256:<digest> ${written} <dest>\`, or download and verify it in a build stage and COPY --from that stage.`,
        });
      }
    }
    return hits;
  },
};
