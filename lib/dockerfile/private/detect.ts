// Layout detection: which runtime a folder holds (for `cdk-distroless init`), and the runtime
// implementation adapted to the project's files (for the generator).
import { checkPath, normalizeRelative, show } from './escape';
import { LayoutInput, RuntimeImpl } from './plan';
import { ProjectFiles } from './project';
import { BaseImage } from '../../image';

/** The generator's layout props, validated: where the app is and, when readable, its files. */
export function layoutOf(projectDirectory: unknown, appDirectory: unknown, baseImage: BaseImage | undefined): LayoutInput {
  const app = appDirectory === undefined ? '.'
    : normalizeRelative(checkPath(appDirectory, 'DistrolessDockerfile: appDirectory', { relative: true }));
  const project = projectDirectory === undefined ? undefined : ProjectFiles.open(projectDirectory, 'DistrolessDockerfile: projectDirectory', app);
  return { project, appDirectory: app, baseImage };
}

/**
 * What lies beside the app's folder on the way down from the build context's root (`web`,
 * `services/billing`, `README.md`), for a `.dockerignore` that keeps the context to the app.
 */
export function siblingsOf(layout: LayoutInput): string[] | undefined {
  if (!layout.project || layout.appDirectory === '.') { return undefined; }
  const root = layout.project;
  const parts = layout.appDirectory.split('/');
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const dir = parts.slice(0, i).join('/') || '.';
    for (const name of root.listContext(dir)) {
      if (name !== parts[i]) { out.push(dir === '.' ? name : `${dir}/${name}`); }
    }
  }
  return out;
}

/** The runtime's implementation for this layout (the runtime's own when it does not adapt). */
export function resolveImpl(impl: RuntimeImpl, layout: LayoutInput): RuntimeImpl {
  return impl.resolve ? impl.resolve(layout) : impl;
}

/** Files that say which runtime a folder holds, in the order they are tried. */
const MARKERS: Array<[string, (p: ProjectFiles) => string | undefined]> = [
  ['go', p => p.isFile('go.work') ? 'go.work' : p.isFile('go.mod') ? 'go.mod' : undefined],
  ['rust', p => p.isFile('Cargo.toml') ? 'Cargo.toml' : undefined],
  ['nodejs', p => p.isFile('package.json') ? 'package.json' : undefined],
  ['python', p => ['pyproject.toml', 'requirements.txt', 'uv.lock', 'poetry.lock'].find(f => p.isFile(f))],
  ['java-jar', p => ['pom.xml', 'build.gradle', 'build.gradle.kts', 'settings.gradle', 'settings.gradle.kts'].find(f => p.isFile(f))],
  ['dotnet', p => p.list('.').find(f => /\.(sln|slnx|csproj|fsproj)$/.test(f) && p.isFile(f))],
  ['cpp', p => ['CMakeLists.txt', 'Makefile'].find(f => p.isFile(f))],
];

/** Whether a folder (or its app folder) holds any manifest `detectRuntime` knows. */
export function hasManifest(directory: string, appDirectory = '.'): boolean {
  try {
    const project = ProjectFiles.open(directory, 'init: --dir', appDirectory);
    return MARKERS.some(([, test]) => test(project) !== undefined);
  } catch {
    return false;
  }
}

/** What `init` found: the runtime name and the file that says so. */
export interface DetectedRuntime {
  readonly runtime: string;
  readonly evidence: string;
}

/**
 * The runtime a folder holds. Exactly one kind of manifest must be there: two (a Go service with
 * a package.json for its tooling) is an error that names both and the option that settles it.
 */
export function detectRuntime(directory: string, appDirectory = '.'): DetectedRuntime {
  const project = ProjectFiles.open(directory, 'init: --dir', appDirectory);
  const found = MARKERS.map(([runtime, test]) => ({ runtime, evidence: test(project) })).filter(f => f.evidence !== undefined) as DetectedRuntime[];
  if (found.length === 0) {
    throw new Error(`init: no manifest in ${project.describe()} says which runtime it is (looked for go.mod, go.work, Cargo.toml, package.json, `
      + 'pyproject.toml, requirements.txt, pom.xml, build.gradle(.kts), *.csproj/*.sln, CMakeLists.txt, Makefile). Choose it with --runtime, e.g. --runtime go.');
  }
  if (found.length > 1) {
    throw new Error(`init: ${project.describe()} holds manifests of several runtimes: ${found.map(f => `${f.evidence} (${f.runtime})`).join(', ')}. `
      + `Choose one with --runtime, e.g. --runtime ${found[0].runtime}.`);
  }
  return found[0];
}

/** A one-line list for messages: `"a", "b" and "c"`. */
export function listOf(values: string[]): string {
  const shown = values.map(v => show(v));
  return shown.length <= 1 ? shown.join('') : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}
