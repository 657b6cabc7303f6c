import * as fs from 'fs';
import * as path from 'path';
import { CliIo, EXIT_FAILED, EXIT_OK, parseCommandArgs, UsageError } from './io';
import { DistrolessDockerfile, Runtime } from '../dockerfile';
import { detectRuntime, hasManifest } from '../dockerfile/private/detect';
import { BaseImage } from '../image';
import { DockerfilePolicy } from '../policy';

/** Runtime names as users type them, each with its generator default. */
/** The runtimes `init` offers, by the name `--runtime` takes. */
export const RUNTIMES: Record<string, () => Runtime> = {
  'go': () => Runtime.go(),
  'rust': () => Runtime.rust(),
  'nodejs': () => Runtime.nodejs(),
  'python': () => Runtime.python(),
  'java-jar': () => Runtime.javaJar(),
  'java-jlink': () => Runtime.javaJlink(),
  'dotnet': () => Runtime.dotnet(),
  'cpp': () => Runtime.cpp(),
  'static-binary': () => Runtime.staticBinary(),
};

export const INIT_HELP = `Usage: cdk-distroless init [--runtime RUNTIME] [options]

Writes a hardened multi-stage Dockerfile and a .dockerignore for a runtime (with --health-probe also
.cdk-distroless/probe.c, the probe's source). When the folder holds a project, its files decide the
layout (lockfile and package manager, workspace, build script, entry point, modules) and the runtime
itself; an empty folder gets the runtime's generic Dockerfile.

Options:
  --runtime RUNTIME   one of: ${Object.keys(RUNTIMES).join(', ')}
                      (default: detected from the project's manifest, e.g. go.mod or package.json)
  --dir DIR           the project's folder (the build context) to read and write into, created if missing (default: .)
  --app-dir SUB       monorepo: the application's folder inside DIR, e.g. services/api (default: DIR itself)
  --base REFERENCE    final-stage base image from the catalog, e.g. gcr.io/distroless/cc-debian13:nonroot
                      (default: the runtime's own; \`cdk-distroless images\` lists the catalog)
  --health-probe      build the shell-free health probe into the image at /cdk-distroless/probe
                      (HTTP, TCP and gRPC checks for ECS and Docker HEALTHCHECK; about 0.7 MB)
  --force             overwrite existing generated files (Dockerfile, .dockerignore, ...)
  -h, --help          show this help

Exit codes:
  0  files written; the Dockerfile passes the policy (warnings allowed)
  1  Dockerfile or .dockerignore exists and --force was not given (nothing written),
     or the files were written but the Dockerfile fails the policy (e.g. a debug --base)
  2  usage error: unknown runtime or base image, a base the runtime cannot use, bad option
`;

export function initCommand(args: string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs('init', args, {
    'runtime': { type: 'string' },
    'dir': { type: 'string', default: '.' },
    'app-dir': { type: 'string' },
    'base': { type: 'string' },
    'force': { type: 'boolean', default: false },
    'health-probe': { type: 'boolean', default: false },
    'help': { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    io.stdout(INIT_HELP);
    return EXIT_OK;
  }
  if (positionals.length > 0) {
    throw new UsageError(`init: unexpected argument ${JSON.stringify(positionals[0])}. Use --dir to choose the folder.`,
      'Run `cdk-distroless init --help` for the options.');
  }
  const dir = path.resolve(io.cwd ?? process.cwd(), values.dir as string);
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) {
    throw new UsageError(`init: --dir ${JSON.stringify(values.dir)} is a file, not a folder (${dir}).`);
  }
  const appDirectory = values['app-dir'] as string | undefined;
  // A folder with a project is read; an empty (or new) folder gets the runtime's generic Dockerfile.
  const isProject = fs.existsSync(dir) && hasManifest(dir, appDirectory);
  let runtimeName = values.runtime as string | undefined;
  if (!runtimeName) {
    if (!isProject) {
      throw new UsageError(`init: --runtime is required. Use one of: ${Object.keys(RUNTIMES).join(', ')}.`);
    }
    try {
      const found = detectRuntime(dir, appDirectory);
      runtimeName = found.runtime;
      io.stdout(`runtime ${runtimeName} (${found.evidence})\n`);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  }
  if (!Object.prototype.hasOwnProperty.call(RUNTIMES, runtimeName)) {
    throw new UsageError(`init: unknown runtime ${JSON.stringify(runtimeName)}. Use one of: ${Object.keys(RUNTIMES).join(', ')}.`);
  }
  const baseRef = values.base as string | undefined;
  let baseImage: BaseImage | undefined;
  if (baseRef !== undefined) {
    baseImage = BaseImage.lookup(baseRef);
    if (!baseImage) {
      throw new UsageError(`init: --base ${JSON.stringify(baseRef)} is not in the base-image catalog. `
        + 'Run `cdk-distroless images` for the references it knows, e.g. gcr.io/distroless/static-debian13:nonroot.');
    }
  }

  let generator: DistrolessDockerfile;
  try {
    generator = new DistrolessDockerfile({
      runtime: RUNTIMES[runtimeName](),
      baseImage,
      appDirectory,
      projectDirectory: isProject ? dir : undefined,
      healthProbe: values['health-probe'] as boolean,
    });
  } catch (e) {
    // The generator's messages name the prop, the value and the fix: pass them on as usage errors.
    throw new UsageError(`init: ${(e as Error).message}`, 'Run `cdk-distroless init --help` for the options, `cdk-distroless images` for base images.');
  }

  const existing = generator.files().map(f => f.path).filter(name => fs.existsSync(path.join(dir, name)));
  if (existing.length > 0 && !values.force) {
    io.stderr(`cdk-distroless init: ${existing.join(' and ')} already exist${existing.length === 1 ? 's' : ''} in ${dir}; nothing written.\n`
      + 'Pass --force to overwrite, or --dir to write somewhere else.\n');
    return EXIT_FAILED;
  }
  for (const line of generator.detected) { io.stdout(`detected: ${line}\n`); }
  // The same refusal lives in writeTo: --force is its overwrite.
  generator.writeTo(dir, { overwrite: values.force as boolean });
  for (const file of generator.files()) {
    io.stdout(`wrote ${path.join(dir, file.path)}\n`);
  }

  // Say what the policy thinks of the result, so warnings (digest pinning) and a --base that weakens it show at once.
  const shown = path.join(values.dir as string, 'Dockerfile');
  // Linted with the options it was generated with (mirrors, non-catalog images): the one path for generated Dockerfiles.
  const result = generator.lint(shown);
  io.stdout(`policy check (cdk-distroless lint ${shown}):\n${DockerfilePolicy.format(result).replace(/\n*$/, '\n')}`);
  if (result.errorCount > 0) {
    // Written as asked, but not silently: the same file fails `lint` and the constructs' checks.
    io.stderr(`cdk-distroless init: the ${runtimeName} Dockerfile written to ${dir} fails the policy with `
      + `${result.errorCount} error${result.errorCount === 1 ? '' : 's'} (${[...new Set(result.findings.filter(f => !f.suppressed && f.level === 'error').map(f => f.ruleId))].join(', ')}). `
      + 'Choose another --base (see the fixes above), or suppress the rule in the Dockerfile with a reason.\n');
    return EXIT_FAILED;
  }
  return EXIT_OK;
}
