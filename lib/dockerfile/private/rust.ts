import { checkBool, checkBuilder, exclusive } from './common';
import { listOf } from './detect';
import { checkName, checkPath, checkVersion, normalizeRelative, show } from './escape';
import { buildStage, codename, copyFrom, inContext, joinPath, LayoutInput, run, RuntimeImpl } from './plan';
import { get, ProjectFiles, strings } from './project';
import { BaseImage, Libc } from '../../image';
import { RustRuntimeOptions } from '../runtime-options';

const WHAT = 'Runtime.rust';

interface Member {
  /** Folder, app-relative ('.' for the root package). */
  readonly dir: string;
  readonly name: string;
  readonly bins: string[];
  /** Target source files (lib, bins, build script, declared tests/benches/examples), member-relative: stubbed for the dependency build. */
  readonly stubs: Array<[string, 'main' | 'lib']>;
}

interface RustLayout {
  readonly members: Member[];
  /** Cargo configuration and vendored sources (`cargo vendor`), app-relative: copied with the manifests. */
  readonly vendor: string[];
  readonly package?: string;
  readonly binary: string;
  readonly notes: string[];
}

export function rustRuntime(options: RustRuntimeOptions, input?: LayoutInput): RuntimeImpl {
  const muslOption = checkBool(options.musl, `${WHAT}: musl`);
  exclusive(WHAT, ['rustVersion', options.rustVersion], ['builderImage', options.builderImage]);
  const rustVersion = checkVersion(options.rustVersion ?? '1.91', `${WHAT}: rustVersion`, '1.91');
  const builder = checkBuilder(options.builderImage, `${WHAT}: builderImage`) ?? BaseImage.rust(`${rustVersion}-${codename(options.debian)}`);
  const binaryOption = options.binaryName === undefined ? undefined : checkName(options.binaryName, `${WHAT}: binaryName`, 'app');
  const packageOption = options.package === undefined ? undefined : checkName(options.package, `${WHAT}: package`, 'api');
  const debian = options.debian;
  // A base without a C library (static, scratch) needs a static binary: musl, unless said otherwise.
  const musl = muslOption ?? (input?.baseImage !== undefined && input.baseImage.facts.libc === Libc.NONE);
  const layout: RustLayout = input?.project ? detect(input.project, packageOption, binaryOption)
    : { members: [], vendor: [], package: packageOption, binary: binaryOption ?? 'app', notes: [] };
  const notes = [...layout.notes, ...(muslOption === undefined && musl ? ['musl target: baseImage has no C library, so the binary is linked statically'] : [])];
  const caEnv = ['CARGO_HTTP_CAINFO', 'SSL_CERT_FILE'];

  return {
    requirements: { libc: musl ? Libc.NONE : Libc.GLIBC },
    defaultFinalImage: () => musl ? BaseImage.googleStatic({ debian }) : BaseImage.googleCc({ debian }),
    dockerignore: ['target', '**/target'],
    contextArtifacts: [],
    buildReadsDocs: true,
    detected: notes,
    resolve: (l: LayoutInput) => rustRuntime(options, l),
    plan(ctx) {
      const binary = layout.binary;
      const target = joinPath(ctx.workdir, binary);
      const select = `${layout.package ? ` -p ${layout.package}` : ''}${layout.members.length > 0 || binaryOption ? ` --bin ${binary}` : ''}`;
      const triple = musl ? ' --target "$TARGET"' : '';
      const setTarget = musl ? 'TARGET="$(uname -m)-unknown-linux-musl" \\\n    && ' : '';
      const lines: string[] = notes.map(n => `# Detected: ${n}`);
      if (musl) {
        lines.push(run(ctx, 'rustup target add "$(uname -m)-unknown-linux-musl"', { caEnv }));
      }
      const out = musl ? `"target/$TARGET/release/${binary}"` : `target/release/${binary}`;
      if (layout.members.length === 0) {
        // Without the manifests at hand: one crate with src/main.rs.
        lines.push(
          '# Crates first, built against a stub target: a change to the sources alone reuses this layer.',
          `COPY ${inContext(input, 'Cargo.toml')} ${inContext(input, 'Cargo.lock')} ./`,
          run(ctx, `${setTarget}mkdir -p src && echo 'fn main() {}' > src/main.rs \\\n    && cargo fetch --locked \\\n`
            + `    && cargo build --release --locked --offline${triple}${select} \\\n    && rm -rf src`, { caEnv }),
          `COPY ${inContext(input, '.')} .`,
          run(ctx, `${setTarget}touch src/main.rs \\\n    && cargo build --release --locked --offline${triple}${select} \\\n    && mkdir -p /out && cp ${out} /out/`),
        );
      } else {
        const stubs = layout.members.flatMap(m => m.stubs.map(([f, kind]) => [m.dir === '.' ? f : `${m.dir}/${f}`, kind] as [string, string]));
        const dirs = [...new Set(stubs.map(([f]) => f.slice(0, f.lastIndexOf('/')) || '.'))].filter(d => d !== '.');
        const write = stubs.map(([f, kind]) => kind === 'main' ? `echo 'fn main() {}' > ${f}` : `: > ${f}`);
        lines.push('# The dependency graph from the manifests alone, every target a stub: a change to the sources reuses this layer.',
          `COPY ${inContext(input, 'Cargo.toml')} ${inContext(input, 'Cargo.lock')} ./`);
        for (const m of layout.members.filter(x => x.dir !== '.')) {
          lines.push(`COPY ${inContext(input, `${m.dir}/Cargo.toml`)} ${m.dir}/`);
        }
        for (const v of layout.vendor) {
          lines.push(`COPY ${inContext(input, v)} ${v}`);
        }
        lines.push(run(ctx, `${setTarget}${dirs.length ? `mkdir -p ${dirs.join(' ')} \\\n    && ` : ''}${write.join(' \\\n    && ')} \\\n    && cargo fetch --locked \\\n`
            + `    && cargo build --release --locked --offline${triple}${select} \\\n    && rm -f ${stubs.map(([f]) => f).join(' ')}`, { caEnv }),
        `COPY ${inContext(input, '.')} .`,
        '# Newer than the stubs\' build, whatever times the context kept: Cargo rebuilds the workspace\'s own crates.',
        run(ctx, `${setTarget}touch ${stubs.map(([f]) => f).join(' ')} \\\n    && cargo build --release --locked --offline${triple}${select} \\\n    && mkdir -p /out && cp ${out} /out/`));
      }
      return {
        builderImage: builder,
        shellImage: builder,
        stages: [buildStage(builder, lines)],
        copies: [copyFrom('build', `/out/${binary}`, target)],
        entrypoint: [target],
        cmd: [],
        env: [],
      };
    },
  };
}

function member(p: ProjectFiles, dir: string, manifest: any): Member | undefined {
  const pkg = get(manifest, 'package');
  if (!pkg) { return undefined; }
  const name = String(get(pkg, 'name'));
  const at = (f: string) => dir === '.' ? f : `${dir}/${f}`;
  const rel = (value: unknown, what: string) => normalizeRelative(checkPath(value, `${WHAT}: ${what} in ${p.describe(at('Cargo.toml'))}`, { relative: true }));
  const stubs: Array<[string, 'main' | 'lib']> = [];
  const bins: string[] = [];
  const libPath = get(manifest, 'lib', 'path');
  if (libPath !== undefined) { stubs.push([rel(libPath, 'lib.path'), 'lib']); } else if (p.isFile(at('src/lib.rs')) || get(manifest, 'lib')) { stubs.push(['src/lib.rs', 'lib']); }
  const declared = Array.isArray(get(manifest, 'bin')) ? get(manifest, 'bin') as any[] : [];
  for (const b of declared) {
    const binName = String(get(b, 'name') ?? name);
    bins.push(binName);
    const path = get(b, 'path') !== undefined ? rel(get(b, 'path'), `[[bin]] ${binName} path`) : p.isFile(at(`src/bin/${binName}.rs`)) ? `src/bin/${binName}.rs` : binName === name ? 'src/main.rs' : `src/bin/${binName}.rs`;
    stubs.push([path, 'main']);
  }
  if (get(pkg, 'autobins') !== false) {
    if (p.isFile(at('src/main.rs')) && !bins.includes(name) && !stubs.some(([f]) => f === 'src/main.rs')) { bins.push(name); stubs.push(['src/main.rs', 'main']); }
    for (const f of p.list(at('src/bin')).filter(x => x.endsWith('.rs'))) {
      const binName = f.slice(0, -3);
      if (!bins.includes(binName)) { bins.push(binName); stubs.push([`src/bin/${f}`, 'main']); }
    }
  }
  const build = get(pkg, 'build');
  if (typeof build === 'string') { stubs.push([rel(build, 'package.build'), 'main']); } else if (build !== false && p.isFile(at('build.rs'))) { stubs.push(['build.rs', 'main']); }
  for (const kind of ['bench', 'test', 'example']) {
    for (const t of (Array.isArray(get(manifest, kind)) ? get(manifest, kind) as any[] : [])) {
      if (get(t, 'path') !== undefined) { stubs.push([rel(get(t, 'path'), `[[${kind}]] path`), 'main']); }
    }
  }
  return { dir, name, bins, stubs };
}

function detect(p: ProjectFiles, packageOption: string | undefined, binaryOption: string | undefined): RustLayout {
  const root = p.toml('Cargo.toml');
  if (!root) {
    throw new Error(`${WHAT}: ${p.describe('Cargo.toml')} is missing. Point projectDirectory (and appDirectory, in a monorepo) at the crate or workspace root.`);
  }
  if (!p.isFile('Cargo.lock')) {
    throw new Error(`${WHAT}: ${p.describe()} has no Cargo.lock, so the build (cargo --locked) could not use the versions you tested. Run cargo generate-lockfile and commit Cargo.lock.`);
  }
  const notes: string[] = [];
  const members: Member[] = [];
  const rootMember = member(p, '.', root);
  if (rootMember) { members.push(rootMember); }
  const ws = get(root, 'workspace');
  if (ws) {
    const excluded = strings(get(ws, 'exclude')).flatMap(x => p.dirs(x));
    for (const d of strings(get(ws, 'members')).flatMap(x => p.dirs(x)).filter(m => !excluded.includes(m) && m !== '.')) {
      const m = p.isFile(`${d}/Cargo.toml`) ? member(p, d, p.toml(`${d}/Cargo.toml`)) : undefined;
      if (m) { members.push(m); }
    }
    notes.push(`Cargo workspace of ${listOf(members.map(m => m.name))}`);
  }
  // `cargo vendor`: the configuration that replaces crates.io and the folder it points at belong to the dependency layer.
  const vendor: string[] = [];
  const configFile = ['.cargo/config.toml', '.cargo/config'].find(f => p.isFile(f));
  if (configFile) {
    vendor.push('.cargo');
    const sources = get(p.toml(configFile), 'source') ?? {};
    for (const name of Object.keys(sources)) {
      const dir = get(sources[name], 'directory');
      if (typeof dir === 'string' && p.isDir(dir)) {
        vendor.push(normalizeRelative(checkPath(dir, `${WHAT}: source.${name}.directory in ${p.describe(configFile)}`, { relative: true })));
      }
    }
    if (vendor.length > 1) { notes.push(`vendored crates (${vendor.slice(1).join(', ')}, ${configFile}): copied with the manifests, built in the dependency layer`); }
  }
  const binaries = members.flatMap(m => m.bins.map(b => ({ member: m, bin: b })));
  let choice = binaries.filter(b => (!packageOption || b.member.name === packageOption) && (!binaryOption || b.bin === binaryOption));
  if (packageOption && !members.some(m => m.name === packageOption)) {
    throw new Error(`${WHAT}: package ${show(packageOption)} is not a member of the workspace in ${p.describe()} (members: ${listOf(members.map(m => m.name))}). Use one of them.`);
  }
  if (choice.length === 0) {
    throw new Error(`${WHAT}: ${p.describe()} has no binary${packageOption ? ` in package ${packageOption}` : ''}${binaryOption ? ` named ${binaryOption}` : ''}`
      + `${binaries.length ? `; its binaries are ${listOf(binaries.map(b => `${b.member.name}/${b.bin}`))}` : ''}. Set package and binaryName to one of them.`);
  }
  if (choice.length > 1) {
    throw new Error(`${WHAT}: ${p.describe()} has ${choice.length} binaries: ${listOf(choice.map(b => `${b.member.name}/${b.bin}`))}. `
      + `Choose with package and binaryName (e.g. package: ${show(choice[0].member.name)}, binaryName: ${show(choice[0].bin)}).`);
  }
  const picked = choice[0];
  if (!binaryOption || (ws && !packageOption)) { notes.push(`binary ${picked.bin} of package ${picked.member.name}`); }
  return { members, vendor, package: ws ? picked.member.name : packageOption, binary: picked.bin, notes };
}
