import { checkBuilder, relPath } from './common';
import { buildStage, codename, copyFrom, debianOf, joinPath, PlanContext, run, RuntimeImpl } from './plan';
import { BaseImage, Libc } from '../../image';
import { PythonRuntimeOptions } from '../runtime-options';

/** Where pip installs the dependencies in the final image (on PYTHONPATH). */
export const PYTHON_PACKAGES = '/opt/python-packages';

export function pythonRuntime(options: PythonRuntimeOptions): RuntimeImpl {
  const what = 'Runtime.python';
  const builderImage = checkBuilder(options.builderImage, `${what}: builderImage`);
  const entry = relPath(options.entry ?? 'main.py', `${what}: entry`);
  const requirements = relPath(options.requirementsFile ?? 'requirements.txt', `${what}: requirementsFile`);
  const debian = options.debian;

  return {
    requirements: { libc: Libc.GLIBC, languageRuntime: 'python' },
    defaultFinalImage: () => BaseImage.googlePython3({ debian }),
    dockerignore: ['__pycache__', '**/__pycache__', '**/*.py[cod]', '.venv', 'venv', '.pytest_cache', '.mypy_cache', '.ruff_cache', '.tox', '*.egg-info', 'htmlcov', '.pypirc'],
    contextArtifacts: [],
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
      const entrypoint = ctx.finalImage.facts.entrypoint;
      if (!entrypoint || entrypoint.length === 0) {
        throw new Error(`DistrolessDockerfile: baseImage ${ctx.finalImage.reference} states no entrypoint, so the python runtime does not know where python is. `
          + 'Describe it with BaseImage.fromRegistry(reference, { ..., runtime: \'python\', entrypoint: [\'/usr/bin/python3\'] }).');
      }
      return {
        builderImage: builder,
        shellImage: builder,
        stages: [buildStage(builder, [
          '# Dependencies first: a change to the sources alone reuses the pip layer.',
          `COPY ${requirements} ${requirements}`,
          run(ctx, 'mkdir -p /out/site-packages \\\n    && python3 -m pip install --disable-pip-version-check --no-warn-script-location --root-user-action=ignore '
              + `--target /out/site-packages -r ${requirements}`, { caches: ['/root/.cache/pip'], caEnv: ['PIP_CERT'] }),
          'COPY . .',
        ])],
        copies: [
          copyFrom('build', '/out/site-packages', PYTHON_PACKAGES),
          copyFrom('build', '/src', ctx.workdir),
        ],
        entrypoint,
        cmd: [joinPath(ctx.workdir, entry)],
        env: [['PYTHONPATH', PYTHON_PACKAGES], ['PYTHONDONTWRITEBYTECODE', '1'], ['PYTHONUNBUFFERED', '1']],
      };
    },
  };
}
