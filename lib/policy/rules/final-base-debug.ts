import { Severity } from '../finding';
import { Rule } from '../rule';
import { baseRange, describeBase } from './common';

/** Debug variants add a BusyBox shell for troubleshooting; they must never ship. */
export const finalBaseDebug: Rule = {
  info: {
    id: 'CDL004',
    level: Severity.ERROR,
    title: 'The final base image must not be a debug variant',
    description: 'Debug variants (distroless `:debug`, `:debug-nonroot`) add a BusyBox shell to an otherwise shell-less image. '
      + 'They are for troubleshooting a local copy, never for production: the shell is exactly what distroless removes.',
    fix: 'Use the non-debug tag, e.g. `:nonroot` instead of `:debug-nonroot` or `:debug`. To debug a running container use an ephemeral '
      + 'debug container (`kubectl debug`) or ECS Exec with a sidecar instead of shipping a shell.',
  },
  check(a) {
    const root = a.finalRoot;
    const base = root?.base;
    if (!root || !base?.image?.facts.debug) { return []; }
    // debug -> nonroot (root is not allowed either), debug-nonroot -> nonroot, debug-amd64 -> nonroot-amd64.
    const rest = (base.tag ?? '').replace(/^debug-?/, '');
    const plainTag = rest.startsWith('nonroot') ? rest : ['nonroot', rest].filter(Boolean).join('-');
    const repository = base.reference.replace(/@.*$/, '').replace(/:[^:/]*$/, '');
    return [{
      range: baseRange(root),
      message: `The final base ${describeBase(root, base)} is a debug variant with a BusyBox shell. Allowed: the same image without debug, e.g. tag "${plainTag}".`,
      fix: `Use \`FROM ${repository}:${plainTag}@sha256:<digest>\`.`,
    }];
  },
};
