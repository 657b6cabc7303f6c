import { runCli } from './harness';
import { BaseImage } from '../../lib/image';

describe('cdk-distroless images', () => {
  test('prints an aligned table with a header, one row per catalog image and a count', () => {
    const { code, stdout, stderr } = runCli(['images']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^REFERENCE\s+FAMILY\s+ROLE\s+LIBC\s+SHELL\s+PKG-MGR\s+UID\s+NONROOT-UID\s+ENTRYPOINT\s+RUNTIME$/);
    const count = BaseImage.catalog().length;
    expect(lines).toHaveLength(count + 2);
    expect(lines[lines.length - 1]).toBe(`${count} images`);
    // Aligned: every row starts its FAMILY column where the header does.
    const familyAt = lines[0].indexOf('FAMILY');
    for (const row of lines.slice(1, -1)) {
      expect(row[familyAt - 1]).toBe(' ');
      expect(row[familyAt]).not.toBe(' ');
    }
  });

  test('the table states known facts: static nonroot runs as 65532 with no libc and no shell', () => {
    const { stdout } = runCli(['images']);
    const row = stdout.split('\n').find(l => l.startsWith('gcr.io/distroless/static-debian13:nonroot '))!;
    expect(row.split(/\s+/)).toEqual(['gcr.io/distroless/static-debian13:nonroot', 'google-distroless', 'final', 'none', 'no', 'no', '65532', '65532', '-', '-']);
  });

  test('the table shows root default users, build roles, entrypoints and runtimes', () => {
    const { stdout } = runCli(['images']);
    const rows = stdout.split('\n');
    expect(rows.find(l => l.startsWith('gcr.io/distroless/static-debian13:latest '))!.split(/\s+/).slice(6, 8)).toEqual(['0', '65532']);
    expect(rows.find(l => l.startsWith('golang:'))!).toMatch(/ toolchain\s+build\s+glibc\s+yes\s+yes\s+0\s+-/);
    expect(rows.find(l => l.startsWith('gcr.io/distroless/java21-debian13:nonroot '))!).toMatch(/\/usr\/bin\/java -jar\s+java 21$/);
  });

  test('--json prints every catalog image with its facts', () => {
    const { code, stdout } = runCli(['images', '--json']);
    expect(code).toBe(0);
    const rows = JSON.parse(stdout);
    expect(rows).toHaveLength(BaseImage.catalog().length);
    expect(rows.find((r: { reference: string }) => r.reference === 'gcr.io/distroless/static-debian13:nonroot')).toEqual({
      reference: 'gcr.io/distroless/static-debian13:nonroot',
      family: 'google-distroless',
      role: 'final',
      libc: 'none',
      shell: false,
      packageManager: false,
      defaultUid: 65532,
      nonRootUid: 65532,
      entrypoint: null,
      runtime: null,
      runtimeVersion: null,
      description: expect.stringMatching(/static binaries/),
    });
    const python = rows.find((r: { reference: string }) => r.reference === 'gcr.io/distroless/python3-debian12:nonroot');
    expect(python).toMatchObject({ runtime: 'python', runtimeVersion: '3.11', entrypoint: ['/usr/bin/python3.11'] });
    const debug = rows.find((r: { reference: string }) => r.reference === 'gcr.io/distroless/base-debian13:debug');
    expect(debug).toMatchObject({ shell: true, defaultUid: 0, nonRootUid: 65532 });
  });

  test('--help prints the command help', () => {
    const { code, stdout } = runCli(['images', '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: cdk-distroless images \[--json\]/);
  });

  test('fails if given an unknown option', () => {
    const { code, stdout, stderr } = runCli(['images', '--yaml']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/images: Unknown option '--yaml'/);
    expect(stderr).toMatch(/cdk-distroless images --help/);
  });

  test('fails if given an argument', () => {
    const { code, stderr } = runCli(['images', 'golang']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/unexpected argument "golang"/);
  });
});
