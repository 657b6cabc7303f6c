import * as fs from 'fs';
import * as path from 'path';
import { DistrolessDockerfile } from '../lib';

/** One example: a name (its folder under examples-out/) and how to synthesize it into a folder. */
export interface Example {
  readonly name: string;
  readonly description: string;
  /** Writes the example's files into `outdir` and returns the paths written. */
  synth(outdir: string): string[];
}

/** An example that writes a generated Dockerfile and .dockerignore. */
export function dockerfileExample(name: string, description: string, make: () => DistrolessDockerfile): Example {
  return {
    name,
    description,
    synth(outdir: string): string[] {
      make().writeTo(outdir, { overwrite: true });
      return ['Dockerfile', '.dockerignore'].map(f => path.join(outdir, f)).filter(f => fs.existsSync(f));
    },
  };
}
