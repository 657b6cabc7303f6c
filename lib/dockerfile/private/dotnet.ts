import { checkBool, checkBuilder, exclusive, relPath } from './common';
import { listOf } from './detect';
import { checkName, checkVersion, show } from './escape';
import { buildStage, copyFrom, inContext, joinPath, LayoutInput, PlanContext, run, RuntimeImpl } from './plan';
import { get, ProjectFiles } from './project';
import { BaseImage, DotnetFlavor, Libc } from '../../image';
import { DotnetRuntimeOptions } from '../runtime-options';

const WHAT = 'Runtime.dotnet';

interface DotnetLayout {
  readonly projectFile: string;
  readonly assemblyName: string;
  readonly aspnet: boolean;
  readonly selfContained: boolean;
  readonly trimmed: boolean;
  readonly globalization: boolean;
  readonly dotnetVersion?: string;
  /** Files the restore needs, app-relative (solution, project files, Directory.*.props, NuGet.config, global.json). */
  readonly restoreFiles: string[];
  readonly notes: string[];
}

export function dotnetRuntime(options: DotnetRuntimeOptions, input?: LayoutInput): RuntimeImpl {
  exclusive(WHAT, ['dotnetVersion', options.dotnetVersion], ['builderImage', options.builderImage]);
  const aspnetOption = checkBool(options.aspnet, `${WHAT}: aspnet`);
  const selfContainedOption = checkBool(options.selfContained, `${WHAT}: selfContained`);
  const globalizationOption = checkBool(options.globalization, `${WHAT}: globalization`);
  const versionOption = options.dotnetVersion === undefined ? undefined : checkVersion(options.dotnetVersion, `${WHAT}: dotnetVersion`, '10.0');
  if (versionOption !== undefined && !/^\d+\.\d+$/.test(versionOption)) {
    throw new Error(`${WHAT}: dotnetVersion ${show(versionOption)} is not a .NET channel. Use "major.minor", e.g. "8.0" or "10.0".`);
  }
  const builderImage = checkBuilder(options.builderImage, `${WHAT}: builderImage`);
  const assemblyOption = options.assemblyName === undefined ? undefined : checkName(options.assemblyName, `${WHAT}: assemblyName`, 'App');
  const projectOption = options.projectFile === undefined ? undefined : relPath(options.projectFile, `${WHAT}: projectFile`);

  const l: DotnetLayout = input?.project
    ? detect(input.project, projectOption, assemblyOption, aspnetOption, selfContainedOption, globalizationOption)
    : {
      projectFile: projectOption ?? `${assemblyOption ?? 'App'}.csproj`,
      assemblyName: assemblyOption ?? 'App',
      aspnet: aspnetOption ?? true,
      selfContained: selfContainedOption ?? false,
      trimmed: false,
      globalization: globalizationOption ?? false,
      restoreFiles: [],
      notes: [],
    };
  const dotnetVersion = versionOption ?? l.dotnetVersion;
  const flavor = l.selfContained ? DotnetFlavor.RUNTIME_DEPS : l.aspnet ? DotnetFlavor.ASPNET : DotnetFlavor.RUNTIME;

  return {
    requirements: { libc: Libc.GLIBC, languageRuntime: l.selfContained ? undefined : 'dotnet' },
    defaultFinalImage: () => BaseImage.dotnetChiseled({ flavor, dotnetVersion: dotnetVersion ?? '10.0', extra: l.globalization }),
    dockerignore: ['bin', 'obj', '**/bin', '**/obj', '.vs', '*.user', 'TestResults'],
    contextArtifacts: [],
    detected: l.notes,
    resolve: (x: LayoutInput) => dotnetRuntime(options, x),
    plan(ctx: PlanContext) {
      const known = ctx.finalImage.facts.runtimeVersion;
      if (dotnetVersion && known && /^\d+\.\d+$/.test(known) && known !== dotnetVersion) {
        throw new Error(`DistrolessDockerfile: the runtime builds for .NET ${dotnetVersion} (${versionOption ? 'dotnetVersion' : `TargetFramework of ${l.projectFile}`}) but baseImage ${ctx.finalImage.reference} carries .NET ${known}. `
          + `Set dotnetVersion to "${known}", or choose a base image with .NET ${dotnetVersion}.`);
      }
      const version = dotnetVersion ?? (known && /^\d+\.\d+$/.test(known) ? known : '10.0');
      const builder = builderImage ?? BaseImage.dotnetSdk(version);
      const dotnet = ctx.finalImage.facts.entrypoint?.[0] ?? '/usr/bin/dotnet';
      const c = (f: string) => inContext(input, f);
      const copies = l.restoreFiles.length
        ? groupByDir(l.restoreFiles).map(([dir, files]) => `COPY ${files.map(c).join(' ')} ${dir}`)
        : [`COPY ${c(l.projectFile)} ${l.projectFile}`];
      const arch = l.selfContained ? ' -a "$TARGETARCH"' : '';
      const publish = l.selfContained
        ? `--self-contained true${l.trimmed ? ' -p:PublishTrimmed=true' : ''} -p:InvariantGlobalization=${!l.globalization}`
        : '-p:UseAppHost=false';
      return {
        builderImage: builder,
        shellImage: builder,
        stages: [buildStage(builder, [
          ...l.notes.map(n => `# Detected: ${n}`),
          ...(l.selfContained ? ['# The target architecture (amd64, arm64) picks the runtime identifier.', 'ARG TARGETARCH'] : []),
          `# The project file${copies.length > 1 || l.restoreFiles.length > 1 ? 's' : ''} first: a change to the sources alone reuses the restore layer.`,
          ...copies,
          run(ctx, `dotnet restore ${l.projectFile}${arch}`, { caEnv: ['SSL_CERT_FILE'] }),
          `COPY ${c('.')} .`,
          `RUN dotnet publish ${l.projectFile} --configuration Release --no-restore${arch} ${publish} --output /out`,
        ])],
        copies: [copyFrom('build', '/out', ctx.workdir)],
        entrypoint: l.selfContained ? [joinPath(ctx.workdir, l.assemblyName)] : [dotnet, joinPath(ctx.workdir, `${l.assemblyName}.dll`)],
        cmd: [],
        env: [],
      };
    },
  };
}

function groupByDir(files: string[]): Array<[string, string[]]> {
  const groups: Array<[string, string[]]> = [];
  for (const f of files) {
    const dir = f.includes('/') ? `${f.slice(0, f.lastIndexOf('/'))}/` : './';
    const g = groups.find(([d]) => d === dir);
    if (g) { g[1].push(f); } else { groups.push([dir, [f]]); }
  }
  return groups;
}

/** The MSBuild property of a project file (the last PropertyGroup that sets it wins). */
function property(project: any, name: string): string | undefined {
  let value: string | undefined;
  for (const group of get(project, 'Project', 'PropertyGroup') ?? []) {
    const v = get(group, name);
    if (typeof v === 'string') { value = v.trim(); }
  }
  return value;
}

function projectOf(xml: any): any {
  const p = get(xml, 'Project');
  return Array.isArray(p) ? p[0] : p;
}

function detect(p: ProjectFiles, projectOption: string | undefined, assemblyOption: string | undefined, aspnetOption: boolean | undefined,
  selfContainedOption: boolean | undefined, globalizationOption: boolean | undefined): DotnetLayout {
  const notes: string[] = [];
  const rootProjects = p.list('.').filter(f => /\.(cs|fs|vb)proj$/.test(f));
  const solutions = p.list('.').filter(f => /\.slnx?$/.test(f));
  let projectFile = projectOption;
  let inSolution: string[] = [];
  if (solutions.length > 1 && !projectFile) {
    throw new Error(`${WHAT}: ${p.describe()} has several solutions: ${listOf(solutions)}. Set projectFile to the project to publish.`);
  }
  if (solutions.length === 1) {
    const sln = solutions[0];
    const text = p.read(sln) ?? '';
    inSolution = sln.endsWith('.slnx')
      ? [...text.matchAll(/<Project\s+Path="([^"]+)"/g)].map(m => m[1])
      : [...text.matchAll(/^Project\("[^"]*"\)\s*=\s*"[^"]*",\s*"([^"]+\.(?:cs|fs|vb)proj)"/gm)].map(m => m[1]);
    inSolution = inSolution.map(x => x.replace(/\\/g, '/')).filter(x => p.isFile(x));
  }
  const isExe = (file: string) => {
    const proj = projectOf(p.xml(file));
    const sdk = String(get(proj, '@Sdk') ?? '');
    return sdk === 'Microsoft.NET.Sdk.Web' || /^exe$/i.test(property({ Project: proj }, 'OutputType') ?? '');
  };
  if (!projectFile) {
    if (rootProjects.length === 1 && solutions.length === 0) {
      projectFile = rootProjects[0];
    } else {
      const candidates = (inSolution.length ? inSolution : rootProjects).filter(isExe);
      if (candidates.length === 1) {
        projectFile = candidates[0];
        notes.push(`project ${projectFile}${solutions.length ? ` (the only executable project of ${solutions[0]})` : ''}`);
      } else if (candidates.length === 0) {
        throw new Error(`${WHAT}: ${p.describe()} has no executable .NET project (an SDK-style project with OutputType Exe or Sdk Microsoft.NET.Sdk.Web)`
          + `${solutions.length ? ` in ${solutions[0]}` : ''}. Set projectFile to the project to publish.`);
      } else {
        throw new Error(`${WHAT}: ${p.describe()} has ${candidates.length} executable projects: ${listOf(candidates)}. Choose the one to publish with projectFile (e.g. projectFile: ${show(candidates[0])}).`);
      }
    }
  }
  if (!p.isFile(projectFile)) {
    throw new Error(`${WHAT}: projectFile ${show(projectFile)} is not a file in ${p.describe()}. Give the .csproj to publish, relative to the project root.`);
  }
  const project = { Project: projectOf(p.xml(projectFile)) };
  const sdk = String(get(project, 'Project', '@Sdk') ?? '');
  const fileName = projectFile.slice(projectFile.lastIndexOf('/') + 1).replace(/\.(cs|fs|vb)proj$/, '');
  const assemblyName = assemblyOption ?? checkName(property(project, 'AssemblyName') ?? fileName, `${WHAT}: AssemblyName of ${p.describe(projectFile)}`, 'App');
  const tfm = property(project, 'TargetFramework') ?? property(project, 'TargetFrameworks')?.split(';')[0];
  const dotnetVersion = tfm && /^net(\d+\.\d+)$/.exec(tfm)?.[1];
  if (tfm && !dotnetVersion) {
    throw new Error(`${WHAT}: TargetFramework ${show(tfm)} of ${p.describe(projectFile)} is not a .NET (Core) framework the chiseled images carry. `
      + 'Target net8.0 or later, or set dotnetVersion and builderImage.');
  }
  const yes = (name: string) => /^true$/i.test(property(project, name) ?? '');
  const trimmed = yes('PublishTrimmed') || yes('PublishAot');
  const selfContained = selfContainedOption ?? (yes('SelfContained') || trimmed);
  const invariant = property(project, 'InvariantGlobalization');
  const globalization = globalizationOption ?? /^false$/i.test(invariant ?? '');
  const aspnet = aspnetOption ?? sdk === 'Microsoft.NET.Sdk.Web';
  notes.push(`${projectFile}: ${sdk || 'SDK-style'} project, assembly ${assemblyName}${dotnetVersion ? `, .NET ${dotnetVersion}` : ''}`);
  notes.push(selfContained ? `self-contained${trimmed ? ', trimmed' : ''}: runs on runtime-deps, no .NET runtime in the image`
    : `framework-dependent on the ${aspnet ? 'ASP.NET Core' : '.NET'} runtime`);
  notes.push(globalization ? 'InvariantGlobalization is false: the -extra image with ICU and tzdata' : 'globalization-invariant: the image without ICU');

  // What restore reads: the project and the projects it references, and the repository-wide build files.
  const files: string[] = [];
  const queue = [projectFile];
  while (queue.length) {
    const f = queue.shift()!;
    if (files.includes(f) || !p.isFile(f)) { continue; }
    files.push(f);
    const dir = f.includes('/') ? f.slice(0, f.lastIndexOf('/') + 1) : '';
    for (const group of get(projectOf(p.xml(f)), 'ItemGroup') ?? []) {
      for (const ref of get(group, 'ProjectReference') ?? []) {
        const include = String(get(ref, '@Include') ?? '').replace(/\\/g, '/');
        const parts: string[] = [];
        for (const seg of `${dir}${include}`.split('/')) { if (seg === '..') { parts.pop(); } else if (seg && seg !== '.') { parts.push(seg); } }
        if (include) { queue.push(parts.join('/')); }
      }
    }
  }
  const extras = ['Directory.Build.props', 'Directory.Build.targets', 'Directory.Packages.props', 'NuGet.config', 'nuget.config', 'global.json'].filter(f => p.isFile(f));
  return {
    projectFile,
    assemblyName,
    aspnet,
    selfContained,
    trimmed,
    globalization,
    dotnetVersion: dotnetVersion || undefined,
    restoreFiles: [...extras, ...files],
    notes,
  };
}
