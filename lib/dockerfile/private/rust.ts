import { checkBool, checkBuilder, exclusive } from './common';
import { checkName, checkVersion } from './escape';
import { buildStage, codename, copyFrom, joinPath, run, RuntimeImpl } from './plan';
import { BaseImage, Libc } from '../../image';
import { RustRuntimeOptions } from '../runtime-options';

export function rustRuntime(options: RustRuntimeOptions): RuntimeImpl {
  const what = 'Runtime.rust';
  const musl = checkBool(options.musl, `${what}: musl`) ?? false;
  exclusive(what, ['rustVersion', options.rustVersion], ['builderImage', options.builderImage]);
  const rustVersion = checkVersion(options.rustVersion ?? '1.91', `${what}: rustVersion`, '1.91');
  const builder = checkBuilder(options.builderImage, `${what}: builderImage`) ?? BaseImage.rust(`${rustVersion}-${codename(options.debian)}`);
  const binaryName = checkName(options.binaryName ?? 'app', `${what}: binaryName`, 'app');
  const debian = options.debian;
  const caEnv = ['CARGO_HTTP_CAINFO', 'SSL_CERT_FILE'];

  return {
    requirements: { libc: musl ? Libc.NONE : Libc.GLIBC },
    defaultFinalImage: () => musl ? BaseImage.googleStatic({ debian }) : BaseImage.googleCc({ debian }),
    dockerignore: ['target'],
    contextArtifacts: [],
    buildReadsDocs: true,
    plan(ctx) {
      const target = joinPath(ctx.workdir, binaryName);
      const lines: string[] = [];
      if (musl) {
        lines.push(run(ctx, 'rustup target add "$(uname -m)-unknown-linux-musl"', { caEnv }));
      }
      lines.push(
        '# Crates first, fetched against a stub target: a change to the sources alone reuses this layer.',
        'COPY Cargo.toml Cargo.lock ./',
        run(ctx, 'mkdir -p src && echo \'fn main() {}\' > src/main.rs && cargo fetch --locked && rm -rf src', { caEnv }),
        'COPY . .',
        musl
          ? run(ctx, 'TARGET="$(uname -m)-unknown-linux-musl" \\\n    '
            + `&& cargo build --release --locked --offline --target "$TARGET" \\\n    && mkdir -p /out && cp "target/$TARGET/release/${binaryName}" /out/`,
          { caches: ['/src/target'] })
          : run(ctx, `cargo build --release --locked --offline \\\n    && mkdir -p /out && cp target/release/${binaryName} /out/`, { caches: ['/src/target'] }),
      );
      return {
        builderImage: builder,
        shellImage: builder,
        stages: [buildStage(builder, lines)],
        copies: [copyFrom('build', `/out/${binaryName}`, target)],
        entrypoint: [target],
        cmd: [],
        env: [],
      };
    },
  };
}
