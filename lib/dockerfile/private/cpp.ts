import { checkBool, checkBuilder, relPath } from './common';
import { show } from './escape';
import { aptInstall, baseName, buildStage, copyFrom, joinPath, PlanContext, RuntimeImpl } from './plan';
import { BaseImage, Libc } from '../../image';
import { CppBuild, CppRuntimeOptions } from '../runtime-options';

export function cppRuntime(options: CppRuntimeOptions): RuntimeImpl {
  const what = 'Runtime.cpp';
  const build = options.buildTool ?? CppBuild.MAKE;
  if (!(Object.values(CppBuild) as string[]).includes(build)) {
    throw new Error(`${what}: buildTool ${show(build)} is not a CppBuild. Use CppBuild.MAKE or CppBuild.CMAKE.`);
  }
  const staticLinking = checkBool(options.staticLinking, `${what}: staticLinking`) ?? false;
  const builderImage = checkBuilder(options.builderImage, `${what}: builderImage`);
  const binary = relPath(options.binaryName ?? 'app', `${what}: binaryName`);
  const name = baseName(binary);
  const debian = options.debian;

  return {
    requirements: { libc: staticLinking ? Libc.NONE : Libc.GLIBC },
    defaultFinalImage: () => staticLinking ? BaseImage.googleStatic({ debian }) : BaseImage.googleCc({ debian }),
    dockerignore: ['build', 'cmake-build-*', 'CMakeFiles', 'CMakeCache.txt', '*.o', '*.obj', '*.a', '*.so', '*.exe'],
    contextArtifacts: [],
    plan(ctx: PlanContext) {
      const builder = builderImage ?? BaseImage.gcc();
      const lines: string[] = [];
      let compile: string;
      let output: string;
      if (build === CppBuild.CMAKE) {
        lines.push('# The toolchain first: it does not change with the sources.', aptInstall(ctx, ['cmake']));
        compile = `cmake -S . -B build -DCMAKE_BUILD_TYPE=Release${staticLinking ? ' -DCMAKE_EXE_LINKER_FLAGS=-static' : ''} \\\n`
          + '    && cmake --build build --parallel "$(nproc)"';
        output = `build/${binary}`;
      } else {
        compile = `${staticLinking ? 'LDFLAGS=-static ' : ''}make -j"$(nproc)"`;
        output = binary;
      }
      // A binary that is still dynamic would fail on a base without libc with a baffling "no such file".
      const check = staticLinking
        ? ` \\\n    && if ldd /out/${name} >/dev/null 2>&1; then echo "/out/${name} is dynamically linked; link it statically (-static)" >&2; exit 1; fi`
        : '';
      lines.push('COPY . .', `RUN ${compile} \\\n    && mkdir -p /out && cp ${output} /out/${name}${check}`);
      const target = joinPath(ctx.workdir, name);
      return {
        builderImage: builder,
        shellImage: builder,
        stages: [buildStage(builder, lines)],
        copies: [copyFrom('build', `/out/${name}`, target)],
        entrypoint: [target],
        cmd: [],
        env: [],
      };
    },
  };
}
