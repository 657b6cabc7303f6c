import * as fs from 'fs';
import * as path from 'path';
import { CHECK_HELP, checkCommand } from './check';
import { IMAGES_HELP, imagesCommand } from './images';
import { INIT_HELP, initCommand } from './init';
import { CliIo, EXIT_OK, EXIT_USAGE, UsageError } from './io';
import { LINT_HELP, lintCommand, PackageMeta } from './lint';

export type { CliIo } from './io';

const HELP = `Usage: cdk-distroless <command> [options]

Hardened distroless container images: lint Dockerfiles, generate them, list base images.

Commands:
  lint FILE...          check Dockerfiles against the cdk-distroless policy
  check PATH...         check templates, cdk.out folders and Kubernetes manifests for the hardened posture
  init --runtime NAME   write a hardened Dockerfile and .dockerignore for a runtime
  images                list the base-image catalog and what is known about each image
  help [COMMAND]        show help for a command

Options:
  -h, --help            show this help
  -v, --version         print the version

Run \`cdk-distroless <command> --help\` for a command's options.
`;

const COMMANDS: Record<string, { help: string; run(args: string[], io: CliIo, meta: PackageMeta): number }> = {
  lint: { help: LINT_HELP, run: lintCommand },
  check: { help: CHECK_HELP, run: checkCommand },
  init: { help: INIT_HELP, run: (args, io) => initCommand(args, io) },
  images: { help: IMAGES_HELP, run: (args, io) => imagesCommand(args, io) },
};

/**
 * Runs the CLI with `argv` (without `node` and the script) and returns the exit code.
 * All output goes through `io`, so tests run it in-process.
 */
export function main(argv: string[], io: CliIo): number {
  try {
    return dispatch(argv, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`cdk-distroless: ${e.message}\n${e.hint ?? 'Run `cdk-distroless --help` for usage.'}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
}

function dispatch(argv: string[], io: CliIo): number {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr(HELP);
    return EXIT_USAGE;
  }
  if (first === '-h' || first === '--help') {
    io.stdout(HELP);
    return EXIT_OK;
  }
  if (first === '-v' || first === '--version') {
    io.stdout(`${packageMeta().version}\n`);
    return EXIT_OK;
  }
  if (first === 'help') {
    const topic = rest[0];
    if (topic === undefined) {
      io.stdout(HELP);
      return EXIT_OK;
    }
    if (!Object.prototype.hasOwnProperty.call(COMMANDS, topic)) {
      throw new UsageError(`help: unknown command ${JSON.stringify(topic)}. Commands: ${Object.keys(COMMANDS).join(', ')}.`);
    }
    io.stdout(COMMANDS[topic].help);
    return EXIT_OK;
  }
  if (!Object.prototype.hasOwnProperty.call(COMMANDS, first)) {
    const what = first.startsWith('-') ? `option ${JSON.stringify(first)}` : `command ${JSON.stringify(first)}`;
    throw new UsageError(`unknown ${what}. Commands: ${Object.keys(COMMANDS).join(', ')}.`);
  }
  return COMMANDS[first].run(rest, io, packageMeta());
}

let meta: PackageMeta | undefined;

/** Version and home page from the package's own package.json (two levels up in source and compiled form alike). */
function packageMeta(): PackageMeta {
  if (!meta) {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
    const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url ?? '';
    meta = {
      version: pkg.version,
      informationUri: pkg.homepage ?? repo.replace(/^git\+/, '').replace(/\.git$/, ''),
    };
  }
  return meta;
}

/** The process entry point used by `bin/cdk-distroless`. */
export function run(): void {
  try {
    process.exitCode = main(process.argv.slice(2), {
      stdout: s => process.stdout.write(s),
      stderr: s => process.stderr.write(s),
    });
  } catch (e) {
    // A bug, not a usage error: show the stack so it can be reported.
    process.stderr.write(`cdk-distroless: internal error: ${(e as Error).stack ?? e}\n`);
    process.exitCode = 70;
  }
}
