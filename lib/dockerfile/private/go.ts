import { checkBool, checkBuilder, exclusive } from './common';
import { checkName, checkPath, checkVersion, normalizeRelative } from './escape';
import { buildStage, codename, copyFrom, joinPath, run, RuntimeImpl } from './plan';
import { BaseImage, Libc } from '../../image';
import { GoRuntimeOptions } from '../runtime-options';

export function goRuntime(options: GoRuntimeOptions): RuntimeImpl {
  const what = 'Runtime.go';
  const cgo = checkBool(options.cgo, `${what}: cgo`) ?? false;
  exclusive(what, ['goVersion', options.goVersion], ['builderImage', options.builderImage]);
  const goVersion = checkVersion(options.goVersion ?? '1.25', `${what}: goVersion`, '1.25');
  const builder = checkBuilder(options.builderImage, `${what}: builderImage`) ?? BaseImage.golang(`${goVersion}-${codename(options.debian)}`);
  const pkg = normalizeRelative(checkPath(options.packagePath ?? '.', `${what}: packagePath`, { relative: true }));
  const packagePath = pkg === '.' ? '.' : `./${pkg}`;
  const binaryName = checkName(options.binaryName ?? 'app', `${what}: binaryName`, 'app');
  const debian = options.debian;

  return {
    requirements: { libc: cgo ? Libc.GLIBC : Libc.NONE },
    defaultFinalImage: () => cgo ? BaseImage.googleBase({ debian }) : BaseImage.googleStatic({ debian }),
    dockerignore: ['bin', 'dist', '*.test', '*.out', 'coverage.*'],
    contextArtifacts: [],
    plan(ctx) {
      const target = joinPath(ctx.workdir, binaryName);
      return {
        builderImage: builder,
        shellImage: builder,
        stages: [buildStage(builder, [
          '# Modules first: a change to the sources alone reuses the download layer.',
          'COPY go.* ./',
          run(ctx, 'go mod download', { caEnv: ['SSL_CERT_FILE'] }),
          'COPY . .',
          run(ctx, `CGO_ENABLED=${cgo ? 1 : 0} go build -trimpath -ldflags="-s -w" -o /out/${binaryName} ${packagePath}`,
            { caches: ['/root/.cache/go-build'], caEnv: ['SSL_CERT_FILE'] }),
        ])],
        copies: [copyFrom('build', `/out/${binaryName}`, target)],
        entrypoint: [target],
        cmd: [],
        env: [],
      };
    },
  };
}
