import { checkBuilder, relPath } from './common';
import { baseName, joinPath, PlanContext, RuntimeImpl } from './plan';
import { BaseImage, Libc } from '../../image';
import { StaticBinaryRuntimeOptions } from '../runtime-options';

export function staticBinaryRuntime(options: StaticBinaryRuntimeOptions): RuntimeImpl {
  const what = 'Runtime.staticBinary';
  const binaryPath = relPath(options.binaryPath ?? 'app', `${what}: binaryPath`);
  const helperImage = checkBuilder(options.helperImage, `${what}: helperImage`);
  const debian = options.debian;
  return {
    requirements: { libc: Libc.NONE },
    defaultFinalImage: () => BaseImage.googleStatic({ debian }),
    dockerignore: [],
    contextArtifacts: [binaryPath],
    plan(ctx: PlanContext) {
      const target = joinPath(ctx.workdir, baseName(binaryPath));
      return {
        shellImage: helperImage,
        stages: [],
        copies: [{ src: binaryPath, dest: target }],
        entrypoint: [target],
        cmd: [],
        env: [],
      };
    },
  };
}
