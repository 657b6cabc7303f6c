/**
 * Where a writable path (a VOLUME the platforms mount an empty, writable directory over) must not be:
 * over the system, or over files the image copied in. Shared by the generator and by
 * `DistrolessImage.fromDockerfile` for hand-written VOLUMEs. Internal.
 */

/** Paths a writable volume must never be: the system itself, or the kernel's pseudo filesystems. */
const SYSTEM_DIRS = ['/bin', '/boot', '/dev', '/etc', '/lib', '/lib32', '/lib64', '/proc', '/run', '/sbin', '/sys', '/usr', '/var'];

/** How to fix a writable path that overlaps, for messages. */
export const WRITABLE_FIX = 'Use a directory of its own for data the application writes, e.g. \'/tmp\' or \'/var/cache/app\' '
  + '(not the workdir, not where the application is copied, not a system directory).';

/**
 * What is wrong with writable path `w` (absolute, normalized), as the end of a sentence starting with
 * the path; undefined when nothing is.
 * @param copies absolute destinations the image copies files to
 * @param workdir where the application is installed, when the image says so (the generator's workdir)
 */
export function _writablePathProblem(w: string, copies: string[], workdir?: string): string | undefined {
  if (w === '/' || SYSTEM_DIRS.includes(w) || ['/proc', '/sys', '/dev'].some(d => within(w, d))) {
    return `is ${w === '/' ? 'the root directory' : 'a system directory'}; a volume there would make the system writable or hide it.`;
  }
  if (workdir !== undefined && within(workdir, w)) {
    return `${w === workdir ? 'is' : 'contains'} the workdir ${JSON.stringify(workdir)}, where the application is installed: `
      + 'it would make the code writable, and a Kubernetes emptyDir mounted there would hide it.';
  }
  const copy = copies.find(c => within(c, w) || within(w, c));
  if (copy !== undefined) {
    return `overlaps ${JSON.stringify(copy)}, where the application's files are copied: it would make them writable, `
      + 'and a Kubernetes emptyDir mounted there would hide them.';
  }
  return undefined;
}

function within(p: string, dir: string): boolean {
  return p === dir || p.startsWith(dir === '/' ? '/' : `${dir}/`);
}
