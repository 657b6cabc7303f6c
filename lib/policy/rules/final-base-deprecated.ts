import { Severity } from '../finding';
import { Rule } from '../rule';
import { baseRange, describeBase } from './common';

/** An image that no longer gets rebuilds keeps every CVE found after its last build. */
export const finalBaseDeprecated: Rule = {
  info: {
    id: 'CDL108',
    level: Severity.WARNING,
    title: 'The final base image should be maintained upstream',
    description: 'The final base is an image its publisher no longer updates: Google distroless on Debian 11 or 10, the Debian 12 language '
      + 'images, the unsuffixed language names (`python3`, `java17`, `nodejs20`) and the first `java` and `nodejs` repositories, or any '
      + 'image whose facts say `deprecated`. It still works and is checked like any other base, but it gets no security fixes.',
    fix: 'Move to the maintained image the finding names, e.g. `gcr.io/distroless/static-debian13:nonroot` or `gcr.io/distroless/java21-debian13:nonroot`.',
  },
  check(a) {
    const root = a.finalRoot;
    const base = root?.base;
    const why = base?.image?.facts.deprecated;
    if (!root || !base || !why) { return []; }
    // The catalog's texts end with "; use <successor>."; your own facts may say anything.
    const successor = /;\s*use\s+(\S+?)\.?$/i.exec(why)?.[1];
    return [{
      range: baseRange(root),
      message: `The final base ${describeBase(root, base)} is no longer maintained: ${why}`,
      fix: successor
        ? `Use ${successor} (same tag variant), pinned by digest.`
        : 'Move to the maintained image that replaces it (see the reason above), pinned by digest.',
    }];
  },
};
