import { CliIo, EXIT_OK, parseCommandArgs, UsageError } from './io';
import { BaseImage } from '../image';

export const IMAGES_HELP = `Usage: cdk-distroless images [--json]

Lists the base-image catalog: every repository with its well-known tags and what is known about it.

Options:
  --json       print a JSON array instead of a table
  -h, --help   show this help

Columns: reference, family, role (final or build stage), libc, shell, package manager,
default user uid, non-root uid the image ships, preset entrypoint, language runtime.
`;

/** One catalog image as the CLI shows it. */
export interface ImageRow {
  readonly reference: string;
  readonly family: string;
  readonly role: string;
  readonly libc: string;
  readonly shell: boolean;
  readonly packageManager: boolean;
  readonly defaultUid: number;
  readonly nonRootUid: number | null;
  readonly entrypoint: string[] | null;
  readonly runtime: string | null;
  readonly runtimeVersion: string | null;
  readonly description: string | null;
}

export function imagesCommand(args: string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs('images', args, {
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    io.stdout(IMAGES_HELP);
    return EXIT_OK;
  }
  if (positionals.length > 0) {
    throw new UsageError(`images: unexpected argument ${JSON.stringify(positionals[0])}. The command takes no arguments.`,
      'Run `cdk-distroless images --help` for the options.');
  }
  const rows = BaseImage.catalog().map(toRow);
  io.stdout(values.json ? JSON.stringify(rows, undefined, 2) + '\n' : table(rows));
  return EXIT_OK;
}

function toRow(image: BaseImage): ImageRow {
  const facts = image.facts;
  return {
    reference: image.reference,
    family: facts.family ?? 'custom',
    role: image.role,
    libc: facts.libc,
    shell: facts.hasShell,
    packageManager: facts.hasPackageManager,
    defaultUid: facts.defaultUser.uid,
    nonRootUid: image.nonRootUser?.uid ?? null,
    entrypoint: facts.entrypoint ?? null,
    runtime: facts.runtime ?? null,
    runtimeVersion: facts.runtimeVersion ?? null,
    description: facts.description ?? null,
  };
}

function table(rows: ImageRow[]): string {
  const header = ['REFERENCE', 'FAMILY', 'ROLE', 'LIBC', 'SHELL', 'PKG-MGR', 'UID', 'NONROOT-UID', 'ENTRYPOINT', 'RUNTIME'];
  const cells = rows.map(r => [
    r.reference,
    r.family,
    r.role,
    r.libc,
    r.shell ? 'yes' : 'no',
    r.packageManager ? 'yes' : 'no',
    String(r.defaultUid),
    r.nonRootUid === null ? '-' : String(r.nonRootUid),
    r.entrypoint ? r.entrypoint.join(' ') : '-',
    r.runtime ? `${r.runtime}${r.runtimeVersion ? ` ${r.runtimeVersion}` : ''}` : '-',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map(c => c[i].length)));
  const line = (c: string[]) => c.map((v, i) => (i === c.length - 1 ? v : v.padEnd(widths[i]))).join('  ').trimEnd() + '\n';
  return line(header) + cells.map(line).join('') + `${rows.length} images\n`;
}
