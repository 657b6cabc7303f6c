import { checkBuilder, relPath } from './common';
import { listOf } from './detect';
import { checkJavaName, checkVersion, requireString, show } from './escape';
import { buildStage, codename, copyFrom, debianOf, inContext, joinPath, LayoutInput, PlanContext, run, RuntimeImpl } from './plan';
import { get, ProjectFiles } from './project';
import { BaseImage, Libc } from '../../image';
import { PythonDependencies, PythonRuntimeOptions } from '../runtime-options';

/** Where pip installs the dependencies in the final image (on PYTHONPATH). */
export const PYTHON_PACKAGES = '/opt/python-packages';

const WHAT = 'Runtime.python';
const KINDS = Object.values(PythonDependencies) as string[];

/** How the final image starts the app: a script, a module, or a console script's `module:function`. */
type Entry = { kind: 'script'; path: string } | { kind: 'module'; module: string } | { kind: 'function'; module: string; func: string; name: string };

interface PythonLayout {
  readonly deps: PythonDependencies;
  readonly requirements: string;
  /** The project itself is a package to install (it has a build backend). */
  readonly installProject: boolean;
  readonly entry: Entry;
  readonly uvVersion: string;
  readonly poetryVersion: string;
  readonly requiresPython?: string;
  readonly notes: string[];
}

export function pythonRuntime(options: PythonRuntimeOptions, input?: LayoutInput): RuntimeImpl {
  const builderImage = checkBuilder(options.builderImage, `${WHAT}: builderImage`);
  const given = [['entry', options.entry], ['module', options.module], ['consoleScript', options.consoleScript]].filter(([, x]) => x !== undefined);
  if (given.length > 1) {
    throw new Error(`${WHAT}: ${given.map(([k]) => k).join(' and ')} cannot be combined: each says how the app starts. Keep one.`);
  }
  if (options.dependencies !== undefined && !KINDS.includes(options.dependencies)) {
    throw new Error(`${WHAT}: dependencies ${show(options.dependencies)} is not a PythonDependencies. Use one of ${listOf(KINDS)} (PythonDependencies.UV, ...).`);
  }
  const entryOption: Entry | undefined = options.entry !== undefined ? { kind: 'script', path: relPath(options.entry, `${WHAT}: entry`) }
    : options.module !== undefined ? { kind: 'module', module: checkJavaName(options.module, `${WHAT}: module`, 'myapp.server') } : undefined;
  const consoleScript = options.consoleScript === undefined ? undefined : checkScriptName(options.consoleScript);
  const requirementsOption = options.requirementsFile === undefined ? undefined : relPath(options.requirementsFile, `${WHAT}: requirementsFile`);
  const uvOption = options.uvVersion === undefined ? undefined : checkVersion(options.uvVersion, `${WHAT}: uvVersion`, '0.9');
  const poetryOption = options.poetryVersion === undefined ? undefined : checkVersion(options.poetryVersion, `${WHAT}: poetryVersion`, '2.2.1');
  const debian = options.debian;

  let layout: PythonLayout;
  if (input?.project) {
    layout = detect(input.project, options.dependencies, requirementsOption, entryOption, consoleScript, uvOption, poetryOption);
  } else {
    if (consoleScript !== undefined && input) {
      throw new Error(`${WHAT}: consoleScript ${show(consoleScript)} is looked up in pyproject.toml, which the generator cannot read without a projectDirectory. `
        + 'Set projectDirectory (DistrolessImage.fromSource sets it), or use module instead.');
    }
    layout = {
      deps: options.dependencies ?? PythonDependencies.REQUIREMENTS,
      requirements: requirementsOption ?? 'requirements.txt',
      installProject: options.dependencies === PythonDependencies.PEP517,
      entry: entryOption ?? { kind: 'script', path: 'main.py' },
      uvVersion: uvOption ?? '0.9',
      poetryVersion: poetryOption ?? '2.2.1',
      notes: [],
    };
  }

  return {
    requirements: { libc: Libc.GLIBC, languageRuntime: 'python' },
    defaultFinalImage: () => BaseImage.googlePython3({ debian }),
    dockerignore: ['__pycache__', '**/__pycache__', '**/*.py[cod]', '.venv', 'venv', '.pytest_cache', '.mypy_cache', '.ruff_cache', '.tox', '*.egg-info', 'htmlcov', '.pypirc'],
    contextArtifacts: [],
    detected: layout.notes,
    resolve: (l: LayoutInput) => pythonRuntime(options, l),
    plan(ctx: PlanContext) {
      const finalVersion = ctx.finalImage.facts.runtimeVersion;
      const builder = builderImage
        ?? BaseImage.python(`${finalVersion ?? '3.13'}-slim-${codename(debian ?? debianOf(ctx.finalImage))}`);
      // Compiled wheels are built for one Python minor version: the builder's must be the final image's.
      const builderVersion = /^(\d+\.\d+)/.exec(builder.tag ?? '')?.[1];
      if (finalVersion && builderVersion && builderVersion !== finalVersion) {
        throw new Error(`DistrolessDockerfile: the python build image ${builder.reference} has Python ${builderVersion} but baseImage ${ctx.finalImage.reference} `
          + `runs Python ${finalVersion}, so packages installed by pip would not load. Use BaseImage.python('${finalVersion}-slim-...') as builderImage.`);
      }
      if (finalVersion && layout.requiresPython && !satisfies(finalVersion, layout.requiresPython)) {
        throw new Error(`DistrolessDockerfile: the project requires Python ${layout.requiresPython} (requires-python in pyproject.toml) but baseImage ${ctx.finalImage.reference} `
          + `runs Python ${finalVersion}. Choose a base with a matching Python (debian: DebianRelease.DEBIAN12 has 3.11, DEBIAN13 has 3.13; or BaseImage.chainguardPython()), or relax requires-python.`);
      }
      const entrypoint = ctx.finalImage.facts.entrypoint;
      if (!entrypoint || entrypoint.length === 0) {
        throw new Error(`DistrolessDockerfile: baseImage ${ctx.finalImage.reference} states no entrypoint, so the python runtime does not know where python is. `
          + 'Describe it with BaseImage.fromRegistry(reference, { ..., runtime: \'python\', entrypoint: [\'/usr/bin/python3\'] }).');
      }
      const target = '/out/site-packages';
      const pipCache = { caches: ['/root/.cache/pip'], caEnv: ['PIP_CERT'] };
      const pip = 'python3 -m pip install --disable-pip-version-check --no-warn-script-location --root-user-action=ignore --no-compile';
      const lines: string[] = layout.notes.map(n => `# Detected: ${n}`);
      const c = (f: string) => inContext(input, f);
      switch (layout.deps) {
        case PythonDependencies.UV:
          lines.push('# uv from its own image: the tool stays in this stage.',
            `COPY --from=ghcr.io/astral-sh/uv:${layout.uvVersion} /uv /usr/local/bin/uv`,
            '# The lockfile first: a change to the sources alone reuses the install layer.',
            `COPY ${c('pyproject.toml')} ${c('uv.lock')} ./`,
            run(ctx, 'uv export --frozen --no-dev --no-emit-project --no-emit-workspace --format requirements-txt --output-file /tmp/requirements.txt \\\n'
              + `    && uv pip install --python python3 --no-deps --require-hashes --target ${target} -r /tmp/requirements.txt`,
            { caches: ['/root/.cache/uv'], caEnv: ['SSL_CERT_FILE'] }));
          break;
        case PythonDependencies.POETRY:
          lines.push('# Poetry in its own virtual environment of this stage; it only exports the lock for pip.',
            run(ctx, `python3 -m venv /opt/poetry && /opt/poetry/bin/pip install --disable-pip-version-check "poetry==${layout.poetryVersion}" poetry-plugin-export`, pipCache),
            '# The lockfile first: a change to the sources alone reuses the install layer.',
            `COPY ${c('pyproject.toml')} ${c('poetry.lock')} ./`,
            run(ctx, '/opt/poetry/bin/poetry export --only main --format requirements.txt --output /tmp/requirements.txt \\\n'
              + `    && ${pip} --no-deps --require-hashes --target ${target} -r /tmp/requirements.txt`, pipCache));
          break;
        case PythonDependencies.PEP517:
          lines.push('# No lockfile: pip resolves the dependencies pyproject.toml declares, with the sources.');
          break;
        default:
          lines.push('# Dependencies first: a change to the sources alone reuses the pip layer.',
            `COPY ${c(layout.requirements)} ${layout.requirements}`,
            run(ctx, `mkdir -p ${target} \\\n    && ${pip} --target ${target} -r ${layout.requirements}`, pipCache));
      }
      lines.push(`COPY ${c('.')} .`);
      if (layout.installProject) {
        lines.push(run(ctx, `${pip}${layout.deps === PythonDependencies.PEP517 ? '' : ' --no-deps'} --target ${target} .`, pipCache));
      }
      lines.push('# Bytecode compiled once, valid whatever the file times (the root filesystem is read-only at run time);',
        '# console-script wrappers point at this stage\'s python, so they go.',
        `RUN mkdir -p ${target} && rm -rf ${target}/bin \\\n    && python3 -m compileall -q -j 0 --invalidation-mode checked-hash ${target} /src`);
      const e = layout.entry;
      const cmd = e.kind === 'script' ? [joinPath(ctx.workdir, e.path)]
        : e.kind === 'module' ? ['-m', e.module]
          : ['-c', `import sys; from ${e.module} import ${e.func.split('.')[0]}; sys.exit(${e.func}())`];
      return {
        builderImage: builder,
        shellImage: builder,
        stages: [buildStage(builder, lines)],
        copies: [copyFrom('build', target, PYTHON_PACKAGES), copyFrom('build', '/src', ctx.workdir)],
        entrypoint,
        cmd,
        env: [['PYTHONPATH', PYTHON_PACKAGES], ['PYTHONDONTWRITEBYTECODE', '1'], ['PYTHONUNBUFFERED', '1']],
      };
    },
  };
}

function checkScriptName(value: unknown): string {
  const name = requireString(value, `${WHAT}: consoleScript`);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
    throw new Error(`${WHAT}: consoleScript ${show(name)} is not a script name. Use the name of a [project.scripts] entry, e.g. "serve".`);
  }
  return name;
}

function detect(p: ProjectFiles, option: PythonDependencies | undefined, requirementsOption: string | undefined, entryOption: Entry | undefined,
  consoleScript: string | undefined, uvOption: string | undefined, poetryOption: string | undefined): PythonLayout {
  const notes: string[] = [];
  const pyproject = p.toml('pyproject.toml');
  const hasBackend = get(pyproject, 'build-system', 'build-backend') !== undefined;
  const requirements = requirementsOption ?? 'requirements.txt';
  let deps = option;
  if (deps === undefined) {
    const found: Array<[string, PythonDependencies]> = [];
    if (p.isFile('uv.lock')) { found.push(['uv.lock', PythonDependencies.UV]); }
    if (p.isFile('poetry.lock')) { found.push(['poetry.lock', PythonDependencies.POETRY]); }
    if (found.length > 1) {
      throw new Error(`${WHAT}: ${p.describe()} has both uv.lock and poetry.lock. Delete the stale one, or set dependencies (PythonDependencies.UV or POETRY) in the runtime's options.`);
    }
    if (found.length === 1) {
      deps = found[0][1];
      notes.push(`${deps} (${found[0][0]})`);
    } else if (p.isFile(requirements)) {
      deps = PythonDependencies.REQUIREMENTS;
      notes.push(`pip (${requirements})`);
    } else if (pyproject && hasBackend) {
      deps = PythonDependencies.PEP517;
      notes.push(`PEP 517 build (pyproject.toml, backend ${get(pyproject, 'build-system', 'build-backend')}; no lockfile)`);
    } else {
      throw new Error(`${WHAT}: ${p.describe()} has no dependency file the generator knows: no uv.lock, poetry.lock or ${requirements}`
        + `${pyproject ? ', and pyproject.toml has no [build-system]' : ', and no pyproject.toml'}. Add one (an empty requirements.txt for no dependencies), `
        + 'or set dependencies and requirementsFile in the runtime\'s options.');
    }
  } else {
    notes.push(`${deps} (dependencies option)`);
  }
  const need = (file: string) => {
    if (!p.isFile(file)) {
      throw new Error(`${WHAT}: dependencies is ${deps}, but ${p.describe(file)} is missing. Add it, or set dependencies to what the project uses.`);
    }
  };
  if (deps === PythonDependencies.UV) { need('uv.lock'); need('pyproject.toml'); }
  if (deps === PythonDependencies.POETRY) { need('poetry.lock'); need('pyproject.toml'); }
  if (deps === PythonDependencies.REQUIREMENTS) { need(requirements); }
  if (deps === PythonDependencies.PEP517) { need('pyproject.toml'); }
  const packageMode = get(pyproject, 'tool', 'poetry', 'package-mode') !== false;
  const installProject = deps !== PythonDependencies.REQUIREMENTS && hasBackend && packageMode;
  if (installProject) { notes.push('the project is a package: installed with its build backend, without dependencies of its own choosing'); }

  const requiredUv = get(pyproject, 'tool', 'uv', 'required-version');
  const uvVersion = uvOption ?? (typeof requiredUv === 'string' && /^==?\d+\.\d+(\.\d+)?$/.test(requiredUv) ? requiredUv.replace(/^==?/, '') : '0.9');
  const poetryVersion = poetryOption ?? /@generated by Poetry (\d+\.\d+\.\d+)/.exec(p.read('poetry.lock') ?? '')?.[1] ?? '2.2.1';
  const requiresPython = get(pyproject, 'project', 'requires-python') ?? get(pyproject, 'tool', 'poetry', 'dependencies', 'python');

  // The entry: the options, else the one console script, else a package's __main__, else main.py / app.py.
  const scripts: Record<string, unknown> = { ...get(pyproject, 'tool', 'poetry', 'scripts'), ...get(pyproject, 'project', 'scripts') };
  const names = Object.keys(scripts).filter(k => typeof scripts[k] === 'string');
  let entry = entryOption;
  const fromScript = (name: string): Entry => {
    const m = /^\s*([A-Za-z_][\w.]*)\s*:\s*([A-Za-z_][\w.]*)\s*$/.exec(String(scripts[name]));
    if (!m) {
      throw new Error(`${WHAT}: the console script ${show(name)} in ${p.describe('pyproject.toml')} is ${show(scripts[name])}, not "module:function". Fix it, or set module or entry.`);
    }
    return { kind: 'function', module: m[1], func: m[2], name };
  };
  if (consoleScript !== undefined) {
    if (!names.includes(consoleScript)) {
      throw new Error(`${WHAT}: consoleScript ${show(consoleScript)} is not in [project.scripts] of ${p.describe('pyproject.toml')} (it has ${names.length ? listOf(names) : 'none'}). Use one of them, or set module or entry.`);
    }
    entry = fromScript(consoleScript);
  }
  if (!entry) {
    if (names.length === 1) {
      entry = fromScript(names[0]);
      notes.push(`entry: console script ${names[0]} = ${scripts[names[0]]}`);
    } else if (names.length > 1) {
      throw new Error(`${WHAT}: ${p.describe('pyproject.toml')} declares ${names.length} console scripts: ${listOf(names)}. Choose the one the image runs with consoleScript (e.g. consoleScript: ${show(names[0])}), or set module or entry.`);
    } else {
      const mains = [...p.find('.', n => n === '__main__.py', 2)].filter(f => !f.startsWith('tests/'));
      const modules = mains.map(f => f.replace(/^src\//, '').replace(/\/__main__\.py$/, '').replace(/\//g, '.')).filter(m => /^[A-Za-z_][\w.]*$/.test(m));
      const scriptsFound = ['main.py', 'app.py'].filter(f => p.isFile(f));
      if (modules.length + scriptsFound.length > 1) {
        throw new Error(`${WHAT}: ${p.describe()} has several entry points: ${listOf([...modules.map(m => `-m ${m}`), ...scriptsFound])}. Choose with module or entry.`);
      }
      if (modules.length === 1) {
        entry = { kind: 'module', module: modules[0] };
        notes.push(`entry: python -m ${modules[0]} (${mains[0]})`);
      } else if (scriptsFound.length === 1) {
        entry = { kind: 'script', path: scriptsFound[0] };
        if (scriptsFound[0] !== 'main.py') { notes.push(`entry: ${scriptsFound[0]}`); }
      } else {
        throw new Error(`${WHAT}: ${p.describe()} has no entry point the generator can see: no [project.scripts], no package with __main__.py, no main.py or app.py. `
          + 'Set entry (a script), module (python -m) or consoleScript in the runtime\'s options.');
      }
    }
  }
  if (entry.kind === 'script' && !p.isFile(entry.path)) {
    throw new Error(`${WHAT}: entry ${entry.path} is not a file in ${p.describe()}. Set entry to the script python should run, or use module.`);
  }
  return { deps, requirements, installProject, entry, uvVersion, poetryVersion, requiresPython: typeof requiresPython === 'string' ? requiresPython : undefined, notes };
}

/** Whether a Python `major.minor` satisfies a PEP 440 specifier set (the operators projects use for requires-python). */
export function satisfies(version: string, spec: string): boolean {
  const v = version.split('.').map(Number);
  const cmp = (a: number[], b: number[]) => {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = (a[i] ?? 0) - (b[i] ?? 0);
      if (d !== 0) { return d; }
    }
    return 0;
  };
  return spec.split(',').map(s => s.trim()).filter(s => s).every(clause => {
    const m = /^(>=|<=|==|!=|~=|>|<|\^|~)?\s*(\d+(?:\.\d+)*)(\.\*)?$/.exec(clause);
    if (!m) { return true; }
    const op = m[1] ?? '==';
    const want = m[2].split('.').map(Number);
    // Compare at the precision the clause gives (3.12 vs a final 3.12 minor).
    const have = v.slice(0, Math.max(2, want.length));
    const c = cmp(have, want);
    switch (op) {
      case '>=': return c >= 0;
      case '>': return c > 0;
      case '<=': return c <= 0;
      case '<': return c < 0;
      case '!=': return c !== 0;
      case '~=': case '~': return c >= 0 && have[0] === want[0] && (want.length > 2 || op === '~' ? have[1] === want[1] : true);
      case '^': return c >= 0 && have[0] === want[0];
      default: return m[3] ? cmp(have.slice(0, want.length), want) === 0 : cmp(have.slice(0, want.length), want) === 0;
    }
  });
}
