import { checkBool, checkBuilder, exclusive } from './common';
import { listOf } from './detect';
import { checkJavaName, checkName, checkPath, checkVersion, normalizeRelative, requireString, show } from './escape';
import { baseName, buildStage, codename, copyFrom, inContext, joinPath, LayoutInput, run, RuntimeImpl } from './plan';
import { ProjectFiles } from './project';
import { BaseImage, Libc } from '../../image';
import { GoRuntimeOptions } from '../runtime-options';

const WHAT = 'Runtime.go';
const DEFAULT_GO = '1.25';

interface GoLayout {
  /** Context files for the download layer, app-relative, grouped by destination folder. */
  readonly manifests: Array<[string, string[]]>;
  readonly packagePath: string;
  readonly vendored: boolean;
  /** A newer Go than the default that go.mod or go.work asks for. */
  readonly goVersion?: string;
  readonly notes: string[];
}

function pkgPath(value: unknown, what: string): string {
  const pkg = normalizeRelative(checkPath(value, what, { relative: true }));
  return pkg === '.' ? '.' : `./${pkg}`;
}

export function goRuntime(options: GoRuntimeOptions, input?: LayoutInput): RuntimeImpl {
  const cgo = checkBool(options.cgo, `${WHAT}: cgo`) ?? false;
  exclusive(WHAT, ['goVersion', options.goVersion], ['builderImage', options.builderImage]);
  const goVersionOption = options.goVersion === undefined ? undefined : checkVersion(options.goVersion, `${WHAT}: goVersion`, DEFAULT_GO);
  const builderOption = checkBuilder(options.builderImage, `${WHAT}: builderImage`);
  const packageOption = options.packagePath === undefined ? undefined : pkgPath(options.packagePath, `${WHAT}: packagePath`);
  const binaryName = checkName(options.binaryName ?? 'app', `${WHAT}: binaryName`, 'app');
  if (options.additionalPackages !== undefined && !Array.isArray(options.additionalPackages)) {
    throw new Error(`${WHAT}: additionalPackages must be a list of package paths, got ${show(options.additionalPackages)}. Use e.g. ["./cmd/migrate"].`);
  }
  const extra = (options.additionalPackages ?? []).map((x, i) => pkgPath(x, `${WHAT}: additionalPackages[${i}]`));
  const names = [binaryName, ...extra.map(x => baseName(x) ?? 'app')];
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) {
    throw new Error(`${WHAT}: two binaries would be /app/${dup} (binaryName and additionalPackages end in the same name). Rename binaryName, or build the packages in separate images.`);
  }
  const privateModules = options.privateModules === undefined ? undefined : requireString(options.privateModules, `${WHAT}: privateModules`);
  if (privateModules !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._~*/-]*(,[A-Za-z0-9][A-Za-z0-9._~*/-]*)*$/.test(privateModules)) {
    throw new Error(`${WHAT}: privateModules ${show(privateModules)} is not a GOPRIVATE list. Use comma-separated module path patterns, e.g. "github.com/acme/*,go.acme.dev".`);
  }
  const versionVariable = options.versionVariable === undefined ? undefined
    : checkJavaName(options.versionVariable, `${WHAT}: versionVariable`, 'main.version');
  const debian = options.debian;

  const layout: GoLayout = input?.project ? detect(input.project, packageOption)
    : { manifests: [['./', ['go.*']]], packagePath: packageOption ?? '.', vendored: false, notes: [] };
  const goVersion = goVersionOption ?? layout.goVersion ?? DEFAULT_GO;
  const builder = builderOption ?? BaseImage.golang(`${goVersion}-${codename(debian)}`);

  return {
    requirements: { libc: cgo ? Libc.GLIBC : Libc.NONE },
    defaultFinalImage: () => cgo ? BaseImage.googleBase({ debian }) : BaseImage.googleStatic({ debian }),
    dockerignore: ['bin', 'dist', '*.test', '*.out', 'coverage.*'],
    contextArtifacts: [],
    detected: layout.notes,
    resolve: (l: LayoutInput) => goRuntime(options, l),
    plan(ctx) {
      const target = joinPath(ctx.workdir, binaryName);
      const env = [`CGO_ENABLED=${cgo ? 1 : 0}`];
      const ldflags = ['-s', '-w', ...(versionVariable ? [`-X ${versionVariable}=\${VERSION}`] : [])].join(' ');
      const lines: string[] = layout.notes.map(n => `# Detected: ${n}`);
      const secretMount = privateModules ? ' --mount=type=secret,id=netrc,target=/root/.netrc' : '';
      if (privateModules) {
        lines.push('# Private modules come straight from their hosts, with the credentials of the "netrc" build secret (--secret id=netrc,src=$HOME/.netrc).',
          `ENV GOPRIVATE=${privateModules}`);
      }
      if (!layout.vendored) {
        lines.push('# Modules first: a change to the sources alone reuses the download layer.');
        for (const [dir, files] of layout.manifests) { lines.push(`COPY ${files.map(f => inContext(input, f)).join(' ')} ${dir}`); }
        lines.push(run(ctx, 'go mod download', { caEnv: ['SSL_CERT_FILE'] }).replace(/^RUN /, `RUN${secretMount} `).replace(/^RUN {2}/, 'RUN '));
      } else {
        lines.push('# Dependencies are vendored: nothing to download.');
      }
      lines.push(`COPY ${inContext(input, '.')} .`);
      if (versionVariable) { lines.push('# The version stamped into the binary: --build-arg VERSION=1.2.3.', 'ARG VERSION=dev'); }
      const builds = [[layout.packagePath, binaryName], ...extra.map(x => [x, baseName(x)])]
        .map(([pkg, name]) => `go build -trimpath ${layout.vendored ? '-mod=vendor ' : ''}-ldflags="${ldflags}" -o /out/${name} ${pkg}`);
      lines.push(run(ctx, `${env.join(' ')} ${builds.join(' \\\n    && ')}`, { caches: ['/root/.cache/go-build'], caEnv: ['SSL_CERT_FILE'] })
        .replace(/^RUN /, `RUN${privateModules ? secretMount : ''} `).replace(/^RUN {2}/, 'RUN '));
      return {
        builderImage: builder,
        shellImage: builder,
        stages: [buildStage(builder, lines)],
        copies: [copyFrom('build', `/out/${binaryName}`, target), ...extra.map(x => copyFrom('build', `/out/${baseName(x)}`, joinPath(ctx.workdir, baseName(x))))],
        entrypoint: [target],
        cmd: [],
        env: [],
      };
    },
  };
}

/** `go 1.24` / `toolchain go1.25.1` lines: the newest Go the module asks for, as major.minor. */
function goLine(text: string | undefined): string | undefined {
  if (!text) { return undefined; }
  const versions = [/^go\s+(\d+\.\d+)/m.exec(text)?.[1], /^toolchain\s+go(\d+\.\d+)/m.exec(text)?.[1]].filter((x): x is string => !!x);
  return versions.sort(compareVersions).pop();
}

function compareVersions(a: string, b: string): number {
  const [a1, a2] = a.split('.').map(Number);
  const [b1, b2] = b.split('.').map(Number);
  return a1 - b1 || a2 - b2;
}

function detect(p: ProjectFiles, packageOption: string | undefined): GoLayout {
  const notes: string[] = [];
  const work = p.read('go.work');
  let modules: string[];
  const manifests: Array<[string, string[]]> = [];
  if (work !== undefined) {
    const uses: string[] = [];
    const block = /^use\s*\(([\s\S]*?)\)/m.exec(work);
    if (block) { uses.push(...block[1].split('\n').map(l => l.replace(/\/\/.*$/, '').trim()).filter(l => l)); }
    for (const m of work.matchAll(/^use\s+([^\s(][^\s]*)\s*$/gm)) { uses.push(m[1]); }
    modules = uses.map(u => normalizeRelative(checkPath(u.replace(/^"|"$/g, ''), `${WHAT}: a use directive in ${p.describe('go.work')}`, { relative: true })));
    if (modules.length === 0) {
      throw new Error(`${WHAT}: ${p.describe('go.work')} uses no module. Add \`use ./module\` lines (go work use), or delete go.work.`);
    }
    manifests.push(['./', ['go.work', ...(p.isFile('go.work.sum') ? ['go.work.sum'] : [])]]);
    notes.push(`go.work workspace of ${listOf(modules)}`);
  } else if (p.isFile('go.mod')) {
    modules = ['.'];
  } else {
    throw new Error(`${WHAT}: ${p.describe()} has no go.mod or go.work. Point projectDirectory (and appDirectory, in a monorepo) at the module, or run go mod init.`);
  }
  for (const m of modules) {
    if (!p.isFile(`${m}/go.mod`)) {
      throw new Error(`${WHAT}: ${p.describe(m)} is used by go.work but has no go.mod. Fix the use directive in go.work.`);
    }
    const files = ['go.mod', ...(p.isFile(`${m}/go.sum`) ? ['go.sum'] : [])].map(f => m === '.' ? f : `${m}/${f}`);
    const dest = m === '.' ? './' : `${m}/`;
    const group = manifests.find(([d]) => d === dest);
    if (group) { group[1].push(...files); } else { manifests.push([dest, files]); }
  }
  const versions = [goLine(work), ...modules.map(m => goLine(p.read(`${m}/go.mod`)))].filter((x): x is string => !!x).sort(compareVersions);
  const newest = versions.pop();
  const goVersion = newest && compareVersions(newest, DEFAULT_GO) > 0 ? newest : undefined;
  if (goVersion) { notes.push(`Go ${goVersion} (go.mod asks for it)`); }
  const vendored = work === undefined && p.isFile('vendor/modules.txt');
  if (vendored) { notes.push('vendored modules (vendor/modules.txt): built with -mod=vendor'); }

  // Main packages: folders with a .go file that says `package main`.
  const mains = [...new Set(p.find('.', n => n.endsWith('.go') && !n.endsWith('_test.go'), 5)
    .filter(f => !/(^|\/)(vendor|testdata)\//.test(f) && /^package\s+main\b/m.test(p.read(f) ?? ''))
    .map(f => f.includes('/') ? `./${f.slice(0, f.lastIndexOf('/'))}` : '.'))].sort();
  let packagePath = packageOption;
  if (packagePath === undefined) {
    if (mains.length === 1) {
      packagePath = mains[0];
      if (packagePath !== '.') { notes.push(`main package ${packagePath}`); }
    } else if (mains.length === 0) {
      throw new Error(`${WHAT}: ${p.describe()} has no main package (no .go file says \`package main\`). Set packagePath to the package to build.`);
    } else {
      throw new Error(`${WHAT}: ${p.describe()} has ${mains.length} main packages: ${listOf(mains)}. Choose the one the image runs with packagePath `
        + `(e.g. packagePath: ${show(mains[0])}), and add others to additionalPackages to ship them too.`);
    }
  } else if (!p.isDir(packagePath)) {
    throw new Error(`${WHAT}: packagePath ${show(packagePath)} is not a folder in ${p.describe()}${mains.length ? `; its main packages are ${listOf(mains)}` : ''}. Use one of them.`);
  }
  return { manifests, packagePath, vendored, goVersion, notes };
}
