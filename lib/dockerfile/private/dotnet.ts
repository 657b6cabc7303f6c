import { checkBool, checkBuilder, exclusive, relPath } from './common';
import { checkName, checkVersion, show } from './escape';
import { buildStage, copyFrom, joinPath, PlanContext, run, RuntimeImpl } from './plan';
import { BaseImage, DotnetFlavor, Libc } from '../../image';
import { DotnetRuntimeOptions } from '../runtime-options';

export function dotnetRuntime(options: DotnetRuntimeOptions): RuntimeImpl {
  const what = 'Runtime.dotnet';
  exclusive(what, ['dotnetVersion', options.dotnetVersion], ['builderImage', options.builderImage]);
  const aspnet = checkBool(options.aspnet, `${what}: aspnet`) ?? true;
  const dotnetVersion = options.dotnetVersion === undefined ? undefined : checkVersion(options.dotnetVersion, `${what}: dotnetVersion`, '10.0');
  if (dotnetVersion !== undefined && !/^\d+\.\d+$/.test(dotnetVersion)) {
    throw new Error(`${what}: dotnetVersion ${show(dotnetVersion)} is not a .NET channel. Use "major.minor", e.g. "8.0" or "10.0".`);
  }
  const builderImage = checkBuilder(options.builderImage, `${what}: builderImage`);
  const assemblyName = checkName(options.assemblyName ?? 'App', `${what}: assemblyName`, 'App');
  const projectFile = relPath(options.projectFile ?? `${assemblyName}.csproj`, `${what}: projectFile`);

  return {
    requirements: { libc: Libc.GLIBC, languageRuntime: 'dotnet' },
    defaultFinalImage: () => BaseImage.dotnetChiseled({ flavor: aspnet ? DotnetFlavor.ASPNET : DotnetFlavor.RUNTIME, dotnetVersion: dotnetVersion ?? '10.0' }),
    dockerignore: ['bin', 'obj', '**/bin', '**/obj', '.vs', '*.user', 'TestResults'],
    contextArtifacts: [],
    plan(ctx: PlanContext) {
      const known = ctx.finalImage.facts.runtimeVersion;
      if (dotnetVersion && known && /^\d+\.\d+$/.test(known) && known !== dotnetVersion) {
        throw new Error(`DistrolessDockerfile: the runtime builds for .NET ${dotnetVersion} (dotnetVersion) but baseImage ${ctx.finalImage.reference} carries .NET ${known}. `
          + `Set dotnetVersion to "${known}", or choose a base image with .NET ${dotnetVersion}.`);
      }
      const version = dotnetVersion ?? (known && /^\d+\.\d+$/.test(known) ? known : '10.0');
      const builder = builderImage ?? BaseImage.dotnetSdk(version);
      const dotnet = ctx.finalImage.facts.entrypoint?.[0] ?? '/usr/bin/dotnet';
      return {
        builderImage: builder,
        shellImage: builder,
        stages: [buildStage(builder, [
          '# The project file first: a change to the sources alone reuses the restore layer.',
          `COPY ${projectFile} ${projectFile}`,
          run(ctx, `dotnet restore ${projectFile}`, { caEnv: ['SSL_CERT_FILE'] }),
          'COPY . .',
          `RUN dotnet publish ${projectFile} --configuration Release --no-restore -p:UseAppHost=false --output /out`,
        ])],
        copies: [copyFrom('build', '/out', ctx.workdir)],
        entrypoint: [dotnet, joinPath(ctx.workdir, `${assemblyName}.dll`)],
        cmd: [],
        env: [],
      };
    },
  };
}
