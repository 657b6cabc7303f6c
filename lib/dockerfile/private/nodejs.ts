import { checkBuilder, exclusive, relPath } from './common';
import { checkMajor, requireString, show } from './escape';
import { buildStage, codename, copyFrom, debianOf, joinPath, PlanContext, run, RuntimeImpl } from './plan';
import { BaseImage, Libc } from '../../image';
import { NodejsRuntimeOptions } from '../runtime-options';

export function nodejsRuntime(options: NodejsRuntimeOptions): RuntimeImpl {
  const what = 'Runtime.nodejs';
  exclusive(what, ['nodeVersion', options.nodeVersion], ['builderImage', options.builderImage]);
  const nodeVersion = options.nodeVersion === undefined ? undefined : checkMajor(options.nodeVersion, `${what}: nodeVersion`, 24);
  const builderImage = checkBuilder(options.builderImage, `${what}: builderImage`);
  const entry = relPath(options.entry ?? 'index.js', `${what}: entry`);
  const buildScript = options.buildScript === undefined ? undefined : checkScript(options.buildScript, `${what}: buildScript`);
  const debian = options.debian;

  return {
    requirements: { libc: Libc.GLIBC, languageRuntime: 'nodejs' },
    defaultFinalImage: () => BaseImage.googleNodejs({ nodeVersion: nodeVersion ?? 24, debian }),
    dockerignore: ['node_modules', '**/node_modules', 'npm-debug.log*', 'coverage', '.nyc_output', '.npmrc'],
    contextArtifacts: [],
    plan(ctx: PlanContext) {
      const version = runtimeMajor(ctx.finalImage, nodeVersion, 24, 'Node.js', 'nodeVersion');
      const builder = builderImage ?? BaseImage.node(`${version}-${codename(debian ?? debianOf(ctx.finalImage))}-slim`);
      const entrypoint = ctx.finalImage.facts.entrypoint;
      if (!entrypoint || entrypoint.length === 0) {
        throw new Error(`DistrolessDockerfile: baseImage ${ctx.finalImage.reference} states no entrypoint, so the nodejs runtime does not know where node is. `
          + 'Describe it with BaseImage.fromRegistry(reference, { ..., runtime: \'nodejs\', entrypoint: [\'/usr/bin/node\'] }).');
      }
      const npm = { caches: ['/root/.npm'], caEnv: ['NODE_EXTRA_CA_CERTS'] };
      const lines = [
        '# Dependencies first: a change to the sources alone reuses the npm ci layer.',
        'COPY package*.json ./',
        run(ctx, buildScript ? 'npm ci' : 'npm ci --omit=dev', npm),
        'COPY . .',
      ];
      if (buildScript) {
        lines.push(run(ctx, `npm run ${buildScript} && npm prune --omit=dev`, npm));
      }
      return {
        builderImage: builder,
        shellImage: builder,
        stages: [buildStage(builder, lines)],
        copies: [copyFrom('build', '/src', ctx.workdir)],
        entrypoint,
        cmd: [joinPath(ctx.workdir, entry)],
        env: [['NODE_ENV', 'production']],
      };
    },
  };
}

function checkScript(value: unknown, what: string): string {
  const script = requireString(value, what);
  if (!/^[A-Za-z0-9][A-Za-z0-9:._-]{0,127}$/.test(script)) {
    throw new Error(`${what} ${show(script)} is not allowed. Use an npm script name of letters, digits, ":", ".", "_" and "-", e.g. "build" or "build:prod".`);
  }
  return script;
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
