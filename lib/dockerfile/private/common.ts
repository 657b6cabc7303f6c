import { checkPath, normalizeRelative, show } from './escape';
import { BaseImage, ImageRole } from '../../image';

/** Throws unless the value is a boolean or undefined. */
export function checkBool(value: unknown, what: string): boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean') {
    throw new Error(`${what} must be true or false, got ${show(value)}.`);
  }
  return value;
}

/** Throws unless the value is a BaseImage or undefined. */
export function checkImage(value: unknown, what: string): BaseImage | undefined {
  if (value !== undefined && !(value instanceof BaseImage)) {
    throw new Error(`${what} must be a BaseImage (e.g. BaseImage.golang()), got ${show(value)}.`);
  }
  return value;
}

/** A build-stage image: it runs RUN instructions, so it needs a shell. */
export function checkBuilder(value: unknown, what: string): BaseImage | undefined {
  const image = checkImage(value, what);
  if (image && !image.facts.hasShell) {
    throw new Error(`${what} ${image.reference} has no shell, so a build stage on it cannot RUN anything. `
      + 'Use an image with a shell and the toolchain, e.g. the runtime\'s default builder.');
  }
  return image;
}

/** Rejects two options that decide the same thing. */
export function exclusive(what: string, a: [string, unknown], b: [string, unknown]): void {
  if (a[1] !== undefined && b[1] !== undefined) {
    throw new Error(`${what}: ${a[0]} and ${b[0]} cannot be combined: ${b[0]} decides what ${a[0]} would. Remove one of them.`);
  }
}

/** A project-relative path, validated and normalized. */
export function relPath(value: unknown, what: string, glob = false): string {
  const path = normalizeRelative(checkPath(value, what, { relative: true, glob }));
  if (path === '.') {
    throw new Error(`${what} ${show(value)} is not allowed: it names the project root, not a file. Give a file path relative to the project root, e.g. "src/main.py".`);
  }
  return path;
}

/** An image that may serve as the final stage. */
export function isFinal(image: BaseImage): boolean {
  return image.role === ImageRole.FINAL;
}

/**
 * The runtime's major version: the option when given (and it must match the final image),
 * otherwise the final image's, otherwise the default.
 */
export function runtimeMajor(finalImage: BaseImage, option: number | undefined, fallback: number, runtime: string, prop: string): number {
  const known = finalImage.facts.runtimeVersion ? parseInt(finalImage.facts.runtimeVersion, 10) : undefined;
  if (option !== undefined && known !== undefined && !isNaN(known) && known !== option) {
    throw new Error(`DistrolessDockerfile: the runtime builds for ${runtime} ${option} (${prop}) but baseImage ${finalImage.reference} carries ${runtime} ${known}. `
      + `Set ${prop} to ${known}, or choose a base image with ${runtime} ${option}.`);
  }
  return option ?? (known !== undefined && !isNaN(known) ? known : fallback);
}
