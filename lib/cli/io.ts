import { parseArgs, ParseArgsConfig } from 'util';

/** Where a command writes, and the context it runs in. Tests pass their own to run the CLI in-process. */
export interface CliIo {
  /** Directory relative paths are resolved against. Defaults to `process.cwd()`. */
  readonly cwd?: string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads all of standard input (for the file `-`). Defaults to reading file descriptor 0. */
  readStdin?(): string;
}

/** Exit codes shared by all commands. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** A problem with how the CLI was called: printed with a hint, exit code 2. */
export class UsageError extends Error {
  constructor(message: string, public readonly hint?: string) {
    super(message);
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Option values by long name, and the arguments that are not options. */
export interface ParsedCommandArgs {
  readonly values: { readonly [name: string]: string | boolean | Array<string | boolean> | undefined };
  readonly positionals: string[];
}

/** Parses `args` strictly, turning node's parse errors into `UsageError`s that name the command. */
export function parseCommandArgs(command: string, args: string[], options: Options): ParsedCommandArgs {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    // util.parseArgs reports ERR_PARSE_ARGS_* codes with messages that already name the option.
    const message = (e as Error).message.replace(/\. To specify a positional argument starting with a '-'.*$/s, '.');
    throw new UsageError(`${command}: ${message}`, `Run \`cdk-distroless ${command} --help\` for the options.`);
  }
}
