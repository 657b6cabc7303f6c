import { checkBuilder, exclusive, relPath } from './common';
import { listOf } from './detect';
import { checkMajor, checkPath, checkVersion, normalizeRelative, requireString, show } from './escape';
import { buildStage, codename, copyFrom, debianOf, inContext, joinPath, LayoutInput, PlanContext, run, RuntimeImpl, Stage } from './plan';
import { get, ProjectFiles, strings } from './project';
import { BaseImage, Libc } from '../../image';
import { NodejsRuntimeOptions, NodePackageManager } from '../runtime-options';

const WHAT = 'Runtime.nodejs';
const MANAGERS = Object.values(NodePackageManager) as string[];

/** Dependencies that compile native code with node-gyp when installed (the common ones). */
const NATIVE = ['bcrypt', 'better-sqlite3', 'sqlite3', 'argon2', 'canvas', 'node-sass', 'cpu-features', 'ssh2', 'usb', 'serialport',
  '@serialport/bindings-cpp', 'leveldown', 're2', 'bufferutil', 'utf-8-validate', 'zeromq', 'kerberos', 'libxmljs', 'libxmljs2', 'isolated-vm'];

interface Validated {
  readonly nodeVersion?: number;
  readonly builderImage?: BaseImage;
  readonly entry?: string;
  readonly buildScript?: string;
  readonly packageManager?: NodePackageManager;
  readonly packageManagerVersion?: string;
  readonly workspace?: string;
  readonly outputDirectory?: string;
}

/** What the project's files say (or the defaults, without a project). */
interface NodeLayout {
  readonly pm: NodePackageManager;
  /** `name@version` for corepack, when pinned. */
  readonly pin?: string;
  /** Whether package.json's `packageManager` pins it (corepack reads it itself). */
  readonly pinnedByField: boolean;
  /** Context files the dependency install needs, app-relative. */
  readonly manifests: string[];
  /** The workspace package (folder, app-relative) and the folders of its local production dependencies. */
  readonly workspace?: {
    readonly dir: string; readonly name: string; readonly closure: string[]; readonly members: string[]; readonly built: string[];
  };
  readonly buildScript?: string;
  readonly outputDirectory?: string;
  readonly entry: string;
  readonly native: string[];
  readonly pnpmMajor?: number;
  readonly pnpmInjected: boolean;
  readonly notes: string[];
}

function validate(options: NodejsRuntimeOptions): Validated {
  exclusive(WHAT, ['nodeVersion', options.nodeVersion], ['builderImage', options.builderImage]);
  const pm = options.packageManager;
  if (pm !== undefined && !MANAGERS.includes(pm)) {
    throw new Error(`${WHAT}: packageManager ${show(pm)} is not a NodePackageManager. Use one of ${listOf(MANAGERS)} (NodePackageManager.NPM, ...).`);
  }
  const workspace = options.workspace === undefined ? undefined : requireString(options.workspace, `${WHAT}: workspace`);
  if (workspace !== undefined && !/^(@[a-z0-9][a-z0-9._~-]*\/)?[A-Za-z0-9][A-Za-z0-9._~/-]*$/.test(workspace)) {
    throw new Error(`${WHAT}: workspace ${show(workspace)} is not a package name or folder. Use the name in its package.json (e.g. "@acme/api") or its folder (e.g. "packages/api").`);
  }
  return {
    nodeVersion: options.nodeVersion === undefined ? undefined : checkMajor(options.nodeVersion, `${WHAT}: nodeVersion`, 24),
    builderImage: checkBuilder(options.builderImage, `${WHAT}: builderImage`),
    entry: options.entry === undefined ? undefined : relPath(options.entry, `${WHAT}: entry`),
    buildScript: options.buildScript === undefined ? undefined : checkScript(options.buildScript, `${WHAT}: buildScript`),
    packageManager: pm,
    packageManagerVersion: options.packageManagerVersion === undefined ? undefined
      : checkVersion(options.packageManagerVersion, `${WHAT}: packageManagerVersion`, '9.12.3'),
    workspace,
    outputDirectory: options.outputDirectory === undefined ? undefined : relPath(options.outputDirectory, `${WHAT}: outputDirectory`),
  };
}

export function nodejsRuntime(options: NodejsRuntimeOptions, input?: LayoutInput): RuntimeImpl {
  const v = validate(options);
  const debian = options.debian;
  const layout = input?.project ? detect(input.project, v) : defaults(v, input !== undefined);
  const pm = layout.pm;

  return {
    requirements: { libc: Libc.GLIBC, languageRuntime: 'nodejs' },
    defaultFinalImage: () => BaseImage.googleNodejs({ nodeVersion: v.nodeVersion ?? 24, debian }),
    dockerignore: ['node_modules', '**/node_modules', 'npm-debug.log*', 'coverage', '.nyc_output', '.npmrc',
      ...(pm === NodePackageManager.PNPM ? ['.pnpm-store'] : []),
      ...(pm === NodePackageManager.YARN_BERRY ? ['.yarn/cache', '.yarn/install-state.gz', '.pnp.*'] : []),
      ...(layout.outputDirectory ? [layout.outputDirectory, ...(layout.workspace?.closure ?? []).map(d => `${d}/${layout.outputDirectory}`)] : [])],
    contextArtifacts: [],
    detected: layout.notes,
    resolve: (l: LayoutInput) => nodejsRuntime(options, l),
    plan(ctx: PlanContext) {
      const version = runtimeMajor(ctx.finalImage, v.nodeVersion, 24, 'Node.js', 'nodeVersion');
      const builder = v.builderImage ?? BaseImage.node(`${version}-${codename(debian ?? debianOf(ctx.finalImage))}-slim`);
      const entrypoint = ctx.finalImage.facts.entrypoint;
      if (!entrypoint || entrypoint.length === 0) {
        throw new Error(`DistrolessDockerfile: baseImage ${ctx.finalImage.reference} states no entrypoint, so the nodejs runtime does not know where node is. `
          + 'Describe it with BaseImage.fromRegistry(reference, { ..., runtime: \'nodejs\', entrypoint: [\'/usr/bin/node\'] }).');
      }
      return { ...planNode(ctx, input, layout, builder), entrypoint };
    },
  };
}

function planNode(ctx: PlanContext, input: LayoutInput | undefined, l: NodeLayout, builder: BaseImage) {
  const pm = l.pm;
  const download = { caches: [cacheOf(pm)], caEnv: ['NODE_EXTRA_CA_CERTS'] };
  const notes = l.notes.map(n => `# Detected: ${n}`);
  const setup: string[] = [];
  if (l.native.length > 0) {
    const apt = ctx.caBundle ? 'apt-get -o Acquire::https::CAInfo=/run/secrets/ca' : 'apt-get';
    setup.push(`# Native modules (${l.native.join(', ')}) compile here, on the Debian release (and glibc) of the final image.`,
      run(ctx, `${apt} update && ${apt} install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*`, { mountCa: true }));
  }
  if (pm !== NodePackageManager.NPM || l.pin) {
    // corepack reads packageManager from package.json; an explicit version is activated instead.
    const tool = pm === NodePackageManager.PNPM ? 'pnpm' : pm === NodePackageManager.NPM ? 'npm' : 'yarn';
    setup.push(l.pin && !l.pinnedByField
      ? run(ctx, `corepack enable ${tool} && corepack prepare ${l.pin} --activate`, { caEnv: ['NODE_EXTRA_CA_CERTS'] })
      : `RUN corepack enable ${tool}`);
  }
  const manifests = `COPY ${l.manifests.map(m => inContext(input, m)).join(' ')} ./`;
  const copySources = `COPY ${inContext(input, '.')} .`;
  const memberManifests = (l.workspace?.members ?? []).map(d => `COPY ${inContext(input, `${d}/package.json`)} ${d}/`);
  const target = l.workspace?.dir;
  const entry = joinPath(ctx.workdir, target ? `${target}/${l.entry}` : l.entry);
  const env: Array<[string, string]> = [['NODE_ENV', 'production']];
  const depsFirst = `# Dependencies first: a change to the sources alone reuses the ${pm === NodePackageManager.NPM ? 'npm ci' : 'install'} layer.`;

  // The plain layout: production dependencies, then the sources, all in one stage.
  if (!l.buildScript && !l.workspace) {
    return {
      builderImage: builder,
      shellImage: builder,
      stages: [buildStage(builder, [...notes, ...setup, depsFirst, manifests, run(ctx, install(pm, 'prod'), download), copySources])],
      copies: [copyFrom('build', '/src', ctx.workdir)],
      cmd: [entry],
      env,
    };
  }
  // A build script without a known output folder: build, then prune the dev dependencies away.
  if (l.buildScript && !l.outputDirectory && !l.workspace) {
    return {
      builderImage: builder,
      shellImage: builder,
      stages: [buildStage(builder, [...notes, ...setup, depsFirst, manifests, run(ctx, install(pm, 'all'), download), copySources,
        run(ctx, `${runScript(pm, l.buildScript)} && ${prune(pm)}`, download)])],
      copies: [copyFrom('build', '/src', ctx.workdir)],
      cmd: [entry],
      env,
    };
  }

  // pnpm: `pnpm deploy` writes one package with its production closure.
  if (pm === NodePackageManager.PNPM && l.workspace) {
    const ws = l.workspace;
    const legacy = (l.pnpmMajor ?? 10) >= 10 && !l.pnpmInjected ? ' --legacy' : '';
    const lines = [...notes, ...setup,
      '# pnpm fetch reads only the lockfile: a change to the sources alone reuses the download layer.',
      `COPY ${l.manifests.filter(m => /pnpm-lock\.yaml$|\.npmrc$|pnpm-workspace\.yaml$/.test(m)).map(m => inContext(input, m)).join(' ')} ./`,
      run(ctx, 'pnpm fetch', download),
      copySources,
      run(ctx, 'pnpm install --offline --frozen-lockfile', download)];
    if (l.buildScript) { lines.push(`RUN pnpm --filter ${shellWord(ws.name)}... run ${l.buildScript}`); }
    lines.push(`# ${ws.name} with its production dependencies only (workspace packages copied in, not linked).`,
      `RUN pnpm --filter ${shellWord(ws.name)} --prod deploy${legacy} /out/app`);
    return {
      builderImage: builder,
      shellImage: builder,
      stages: [buildStage(builder, lines)],
      copies: [copyFrom('build', '/out/app', ctx.workdir)],
      cmd: [joinPath(ctx.workdir, l.entry)],
      env,
    };
  }

  // Production dependencies in their own stage, keyed on the manifests alone; the build stage
  // compiles, then assembles what runs from both.
  const prodInstall = run(ctx, install(pm, 'prod', l.workspace), download);
  const out = l.outputDirectory;
  const prodRoot = l.buildScript ? '/prod' : '/src';
  const assemble = ['mkdir -p /out/app', `cp -a ${prodRoot}/package.json /out/app/`,
    `if [ -d ${prodRoot}/node_modules ]; then cp -a ${prodRoot}/node_modules /out/app/; fi`];
  for (const d of l.workspace ? l.workspace.closure : ['.']) {
    const dest = d === '.' ? '/out/app' : `/out/app/${d}`;
    const src = d === '.' ? '/src' : `/src/${d}`;
    if (d !== '.') { assemble.push(`mkdir -p ${dest}`, `cp -a ${src}/package.json ${dest}/`); }
    const built = l.buildScript && (!l.workspace || l.workspace.built.includes(d));
    assemble.push(out && built
      ? `cp -a ${src}/${out} ${dest}/`
      : `tar -C ${src} --exclude=./node_modules -cf - . | tar -C ${dest} -xf -`);
    if (d !== '.') { assemble.push(`if [ -d ${prodRoot}/${d}/node_modules ]; then cp -a ${prodRoot}/${d}/node_modules ${dest}/; fi`); }
  }
  const assembleLines = ['# What runs: package.json, the production node_modules and the build output (or the sources), nothing else.',
    `RUN ${assemble.join(' \\\n    && ')}`];
  const stages: Stage[] = l.buildScript
    ? [
      { name: 'deps', image: builder, lines: ['WORKDIR /src', ...setup, depsFirst, manifests, ...memberManifests, prodInstall] },
      buildStage(builder, [...notes, ...setup, '# Every dependency for the build; the final image gets the production ones from the deps stage.',
        manifests, ...memberManifests, run(ctx, install(pm, 'all'), download), copySources,
        `RUN ${l.workspace ? buildClosure(pm, l.workspace, l.buildScript) : runScript(pm, l.buildScript)}`,
        'COPY --from=deps /src /prod', ...assembleLines]),
    ]
    : [buildStage(builder, [...notes, ...setup, depsFirst, manifests, ...memberManifests, prodInstall, copySources, ...assembleLines])];
  return {
    builderImage: builder,
    shellImage: builder,
    stages,
    copies: [copyFrom('build', '/out/app', ctx.workdir)],
    cmd: [entry],
    env,
  };
}

function cacheOf(pm: NodePackageManager): string {
  switch (pm) {
    case NodePackageManager.PNPM: return '/root/.local/share/pnpm/store';
    case NodePackageManager.YARN_CLASSIC: return '/usr/local/share/.cache/yarn';
    case NodePackageManager.YARN_BERRY: return '/root/.yarn/berry/cache';
    default: return '/root/.npm';
  }
}

function install(pm: NodePackageManager, what: 'prod' | 'all', ws?: NodeLayout['workspace']): string {
  const prod = what === 'prod';
  switch (pm) {
    case NodePackageManager.PNPM: return `pnpm install --frozen-lockfile${prod ? ' --prod' : ''}`;
    case NodePackageManager.YARN_CLASSIC: return `yarn install --frozen-lockfile --non-interactive${prod ? ' --production' : ''}`;
    case NodePackageManager.YARN_BERRY:
      return prod ? `yarn workspaces focus${ws ? ` ${shellWord(ws.name)}` : ''} --production` : 'yarn install --immutable';
    default: return `npm ci${prod ? ' --omit=dev' : ''}${prod && ws ? ` --workspace ${ws.dir}` : ''}`;
  }
}

function runScript(pm: NodePackageManager, script: string): string {
  return pm === NodePackageManager.NPM ? `npm run ${script}` : `${pm === NodePackageManager.PNPM ? 'pnpm' : 'yarn'} run ${script}`;
}

/** Builds the package and the workspace packages it depends on, dependencies first. */
function buildClosure(pm: NodePackageManager, ws: NonNullable<NodeLayout['workspace']>, script: string): string {
  switch (pm) {
    case NodePackageManager.YARN_BERRY: return `yarn workspaces foreach --recursive --topological --from ${shellWord(ws.name)} run ${script}`;
    case NodePackageManager.YARN_CLASSIC: return ws.closure.map(d => `yarn --cwd ${d} run ${script}`).join(' && ');
    default: return `npm run ${script} --if-present ${[...ws.closure].reverse().map(d => `--workspace ${d}`).join(' ')}`;
  }
}

function prune(pm: NodePackageManager): string {
  switch (pm) {
    case NodePackageManager.PNPM: return 'pnpm prune --prod';
    case NodePackageManager.YARN_CLASSIC: return 'yarn install --frozen-lockfile --non-interactive --production --offline';
    case NodePackageManager.YARN_BERRY: return 'yarn workspaces focus --production';
    default: return 'npm prune --omit=dev';
  }
}

/** A package name as one shell word: names are [@a-z0-9._~/-], which need no quoting. */
function shellWord(name: string): string {
  return name;
}

function defaults(v: Validated, resolved: boolean): NodeLayout {
  const pm = v.packageManager ?? NodePackageManager.NPM;
  if (v.workspace !== undefined && resolved) {
    throw new Error(`${WHAT}: workspace ${show(v.workspace)} needs the project's files to find the package and its local dependencies. `
      + 'Set projectDirectory on the generator (DistrolessImage.fromSource sets it), or remove workspace.');
  }
  const manifests = pm === NodePackageManager.NPM ? ['package*.json'] : ['package.json', lockfileOf(pm)];
  return {
    pm,
    pin: v.packageManagerVersion ? `${toolOf(pm)}@${v.packageManagerVersion}` : undefined,
    pinnedByField: false,
    manifests,
    buildScript: v.buildScript,
    outputDirectory: v.buildScript ? v.outputDirectory : undefined,
    entry: v.entry ?? 'index.js',
    native: [],
    pnpmInjected: false,
    notes: [],
  };
}

function toolOf(pm: NodePackageManager): string {
  return pm === NodePackageManager.PNPM ? 'pnpm' : pm === NodePackageManager.NPM ? 'npm' : 'yarn';
}

function lockfileOf(pm: NodePackageManager): string {
  return pm === NodePackageManager.PNPM ? 'pnpm-lock.yaml' : pm === NodePackageManager.NPM ? 'package-lock.json' : 'yarn.lock';
}

function detect(p: ProjectFiles, v: Validated): NodeLayout {
  const pkg = p.json('package.json');
  if (!pkg || typeof pkg !== 'object') {
    throw new Error(`${WHAT}: ${p.describe('package.json')} is missing, so this is no Node.js project. `
      + 'Point projectDirectory (and appDirectory, in a monorepo) at the folder with package.json, or choose another Runtime.');
  }
  const notes: string[] = [];
  // The package manager: the option, else packageManager in package.json, else the lockfile.
  const field = typeof pkg.packageManager === 'string' ? /^(npm|pnpm|yarn)@(\d+)(\.\d+\.\d+\S*?)(\+\S+)?$/.exec(pkg.packageManager) : null;
  if (typeof pkg.packageManager === 'string' && !field) {
    throw new Error(`${WHAT}: packageManager ${show(pkg.packageManager)} in ${p.describe('package.json')} is not "<npm|pnpm|yarn>@<version>". `
      + 'Fix it (e.g. "pnpm@9.12.3"), or set packageManager and packageManagerVersion in the runtime\'s options.');
  }
  const locks: Array<[string, NodePackageManager]> = [];
  for (const [file, m] of [['package-lock.json', NodePackageManager.NPM], ['npm-shrinkwrap.json', NodePackageManager.NPM],
    ['pnpm-lock.yaml', NodePackageManager.PNPM], ['yarn.lock', NodePackageManager.YARN_CLASSIC]] as Array<[string, NodePackageManager]>) {
    if (p.isFile(file)) { locks.push([file, m]); }
  }
  const yarnrc = p.yaml('.yarnrc.yml');
  const berry = (field?.[1] === 'yarn' && Number(field[2]) >= 2) || yarnrc !== undefined || /^__metadata:/m.test(p.read('yarn.lock') ?? '');
  const fromLock = (m: NodePackageManager) => m === NodePackageManager.YARN_CLASSIC && berry ? NodePackageManager.YARN_BERRY : m;
  let pm = v.packageManager;
  if (pm === undefined) {
    if (field) {
      pm = field[1] === 'npm' ? NodePackageManager.NPM : field[1] === 'pnpm' ? NodePackageManager.PNPM : Number(field[2]) >= 2 ? NodePackageManager.YARN_BERRY : NodePackageManager.YARN_CLASSIC;
      notes.push(`${pm} (packageManager ${pkg.packageManager} in package.json)`);
    } else {
      const kinds = [...new Set(locks.map(([, m]) => m))];
      if (kinds.length > 1) {
        throw new Error(`${WHAT}: ${p.describe()} has lockfiles of several package managers: ${listOf(locks.map(([f]) => f))}. `
          + 'Delete the stale one, or set packageManager (e.g. NodePackageManager.PNPM) in the runtime\'s options.');
      }
      if (kinds.length === 0) {
        throw new Error(`${WHAT}: ${p.describe()} has package.json but no lockfile (package-lock.json, npm-shrinkwrap.json, pnpm-lock.yaml or yarn.lock), `
          + 'so the build could not install the versions you tested. Commit the lockfile your package manager writes (npm install, pnpm install, yarn install).');
      }
      pm = fromLock(kinds[0]);
      notes.push(`${pm} (${locks.map(([f]) => f).join(', ')})`);
    }
  } else {
    notes.push(`${pm} (packageManager option)`);
  }
  const lock = locks.find(([, m]) => fromLock(m) === pm);
  if (!lock) {
    throw new Error(`${WHAT}: the package manager is ${pm}, but ${p.describe()} has no ${pm === NodePackageManager.NPM ? 'package-lock.json or npm-shrinkwrap.json' : lockfileOf(pm)}`
      + `${locks.length ? ` (found ${listOf(locks.map(([f]) => f))})` : ''}. Commit that lockfile, or set packageManager to the one the lockfile belongs to.`);
  }
  if (pm === NodePackageManager.YARN_BERRY && get(yarnrc, 'nodeLinker') !== 'node-modules') {
    throw new Error(`${WHAT}: ${p.describe('.yarnrc.yml')} uses Yarn Plug'n'Play (nodeLinker is ${show(get(yarnrc, 'nodeLinker') ?? 'pnp (the default)')}), `
      + 'whose loader the generated image would have to start node with. Set nodeLinker: node-modules in .yarnrc.yml.');
  }
  // The version: the option, else the field (corepack reads it), else the Yarn release checked in.
  const fieldMatches = field && (field[1] === toolOf(pm));
  const pin = v.packageManagerVersion ? `${toolOf(pm)}@${v.packageManagerVersion}` : fieldMatches ? `${field[1]}@${field[2]}${field[3]}` : undefined;
  if (pm === NodePackageManager.YARN_BERRY && !pin && typeof get(yarnrc, 'yarnPath') !== 'string') {
    throw new Error(`${WHAT}: ${p.describe()} is a Yarn Berry project without a pinned Yarn version (no packageManager in package.json, no yarnPath in .yarnrc.yml). `
      + 'Pin it with `corepack use yarn@4` (writes packageManager), or set packageManagerVersion in the runtime\'s options.');
  }
  const pnpmMajor = pm === NodePackageManager.PNPM ? pnpmMajorOf(pin, p) : undefined;

  // Workspaces: npm and Yarn in package.json, pnpm in pnpm-workspace.yaml.
  const pnpmWs = p.yaml('pnpm-workspace.yaml');
  const patterns = pm === NodePackageManager.PNPM ? strings(get(pnpmWs, 'packages'))
    : Array.isArray(pkg.workspaces) ? strings(pkg.workspaces) : strings(get(pkg.workspaces, 'packages'));
  const excluded = patterns.filter(x => x.startsWith('!')).flatMap(x => p.dirs(x.slice(1)));
  const members = [...new Set(patterns.filter(x => !x.startsWith('!')).flatMap(x => p.dirs(x)))]
    .filter(d => !excluded.includes(d) && d !== '.' && p.isFile(`${d}/package.json`));
  const names = new Map<string, string>();
  for (const d of members) {
    const name = get(p.json(`${d}/package.json`), 'name');
    if (typeof name === 'string') { names.set(name, d); }
  }
  let workspace: NodeLayout['workspace'];
  if (v.workspace !== undefined) {
    const dir = names.get(v.workspace) ?? members.find(d => d === normalizeRelative(v.workspace!));
    if (!dir) {
      throw new Error(`${WHAT}: workspace ${show(v.workspace)} is not a package of the workspace in ${p.describe()}`
        + `${members.length ? `; its packages are ${listOf([...names.keys()])} (in ${listOf(members)})` : ' (package.json declares no workspaces)'}. `
        + 'Use one of those names or folders.');
    }
    workspace = member(p, dir, names, members);
  } else if (members.length > 0) {
    if (members.length === 1) {
      workspace = member(p, members[0], names, members);
    } else {
      throw new Error(`${WHAT}: ${p.describe()} is a workspace with ${members.length} packages: ${listOf([...names.keys()])}. `
        + `Choose the one to build with workspace (e.g. workspace: ${show([...names.keys()][0] ?? members[0])}).`);
    }
  }
  if (workspace) {
    notes.push(`workspace package ${workspace.name} (${workspace.dir})${workspace.closure.length > 1 ? ` with its local dependencies ${listOf(workspace.closure.slice(1))}` : ''}`);
  }
  const app = workspace ? p.sub(workspace.dir) : p;
  const appPkg = workspace ? p.json(`${workspace.dir}/package.json`) : pkg;

  // Build script and its output.
  const scripts = get(appPkg, 'scripts') ?? {};
  const buildScript = v.buildScript ?? (typeof scripts.build === 'string' ? 'build' : undefined);
  if (v.buildScript && typeof scripts[v.buildScript] !== 'string') {
    throw new Error(`${WHAT}: buildScript ${show(v.buildScript)} is not a script of ${app.describe('package.json')} (scripts: ${listOf(Object.keys(scripts))}). `
      + 'Use one of them, or add it to package.json.');
  }
  let outputDirectory = v.outputDirectory;
  if (buildScript && !outputDirectory) {
    const outDir = get(app.json('tsconfig.json') ?? {}, 'compilerOptions', 'outDir');
    outputDirectory = typeof outDir === 'string' ? normalizeRelative(checkPath(outDir, `${WHAT}: outDir in ${app.describe('tsconfig.json')}`, { relative: true })) : 'dist';
  }
  if (buildScript) { notes.push(`build script "${buildScript}" writing ${outputDirectory}/ (only it and the production dependencies reach the final image)`); }

  // Entry: the option, else `node <file>` in scripts.start, else main, else bin, else index.js.
  const start = typeof scripts.start === 'string' ? /^node\s+(?:--\S+\s+)*([A-Za-z0-9._@+/-]+\.[cm]?js)\s*$/.exec(scripts.start)?.[1] : undefined;
  const bin = typeof appPkg.bin === 'string' ? appPkg.bin : appPkg.bin && typeof appPkg.bin === 'object' && Object.keys(appPkg.bin).length === 1 ? Object.values(appPkg.bin)[0] as string : undefined;
  const candidate = v.entry ?? start ?? (typeof appPkg.main === 'string' ? appPkg.main : undefined) ?? bin;
  let entry: string;
  if (candidate !== undefined) {
    entry = relPath(candidate, `${WHAT}: the entry from ${app.describe('package.json')}`);
    if (!v.entry) { notes.push(`entry ${entry} (${start ? 'scripts.start' : typeof appPkg.main === 'string' ? 'main' : 'bin'} in package.json)`); }
  } else if (app.isFile('index.js') || buildScript) {
    entry = buildScript && !app.isFile('index.js') ? `${outputDirectory}/index.js` : 'index.js';
  } else {
    throw new Error(`${WHAT}: ${app.describe('package.json')} names no entry (no "start": "node <file>" script, no main, no single bin) and there is no index.js. `
      + 'Set entry in the runtime\'s options, e.g. entry: "dist/server.js".');
  }
  if (!buildScript && !entry.includes('*') && !app.isFile(entry)) {
    throw new Error(`${WHAT}: the entry ${entry} is not a file in ${app.describe()} and nothing builds it (no build script). `
      + 'Set entry to the script node should run, or buildScript to the script that writes it.');
  }

  // Native modules in the production closure compile on the builder: it must share the final image's libc.
  const native = new Set<string>();
  for (const dir of workspace ? workspace.closure : ['.']) {
    const deps = { ...get(p.json(`${dir}/package.json`), 'dependencies'), ...get(p.json(`${dir}/package.json`), 'optionalDependencies') };
    for (const n of Object.keys(deps)) { if (NATIVE.includes(n)) { native.add(n); } }
    if (p.isFile(`${dir}/binding.gyp`)) { native.add(`${dir === '.' ? 'the project' : dir}'s binding.gyp`); }
  }
  if (native.size > 0) { notes.push(`native modules ${listOf([...native])}: compiled in the build stage on the final image's Debian release`); }

  const manifests = ['package.json', lock[0]];
  if (pm === NodePackageManager.PNPM && p.isFile('pnpm-workspace.yaml')) { manifests.push('pnpm-workspace.yaml'); }
  if (pm === NodePackageManager.YARN_BERRY) {
    manifests.push('.yarnrc.yml');
    for (const d of ['.yarn/releases', '.yarn/plugins', '.yarn/patches']) { if (p.isDir(d)) { manifests.push(d); } }
  }
  return {
    pm,
    pin,
    pinnedByField: !!fieldMatches && !v.packageManagerVersion,
    manifests,
    workspace,
    buildScript,
    outputDirectory,
    entry,
    native: [...native],
    pnpmMajor,
    pnpmInjected: get(pnpmWs, 'injectWorkspacePackages') === true,
    notes,
  };
}

function member(p: ProjectFiles, dir: string, names: Map<string, string>, members: string[]): NonNullable<NodeLayout['workspace']> {
  const closure = closureOf(p, dir, names);
  const built = closure.filter(d => typeof get(p.json(`${d}/package.json`), 'scripts', 'build') === 'string');
  return { dir, name: String(get(p.json(`${dir}/package.json`), 'name') ?? dir), closure, members, built };
}

function pnpmMajorOf(pin: string | undefined, p: ProjectFiles): number | undefined {
  if (pin) { return Number(/@(\d+)/.exec(pin)?.[1]); }
  const lockVersion = String(get(p.yaml('pnpm-lock.yaml') ?? {}, 'lockfileVersion') ?? '');
  return lockVersion.startsWith('9') ? 9 : lockVersion.startsWith('6') ? 8 : undefined;
}

/** The package folder and the folders of the workspace packages it needs at run time, transitively. */
function closureOf(p: ProjectFiles, dir: string, names: Map<string, string>): string[] {
  const out = [dir];
  for (let i = 0; i < out.length; i++) {
    const pkg = p.json(`${out[i]}/package.json`) ?? {};
    for (const dep of Object.keys({ ...get(pkg, 'dependencies'), ...get(pkg, 'optionalDependencies') })) {
      const d = names.get(dep);
      if (d && !out.includes(d)) { out.push(d); }
    }
  }
  return out;
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
