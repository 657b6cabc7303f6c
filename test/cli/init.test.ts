import * as fs from 'fs';
import * as path from 'path';
import { cleanupTempDirs, runCli, tempDir } from './harness';
import { DistrolessDockerfile, Runtime } from '../../lib/dockerfile';
import { BaseImage } from '../../lib/image';
import { DockerfilePolicy } from '../../lib/policy';

afterAll(cleanupTempDirs);

const RUNTIMES: Array<[string, () => Runtime]> = [
  ['go', () => Runtime.go()],
  ['rust', () => Runtime.rust()],
  ['nodejs', () => Runtime.nodejs()],
  ['python', () => Runtime.python()],
  ['java-jar', () => Runtime.javaJar()],
  ['java-jlink', () => Runtime.javaJlink()],
  ['dotnet', () => Runtime.dotnet()],
  ['cpp', () => Runtime.cpp()],
  ['static-binary', () => Runtime.staticBinary()],
];

describe('cdk-distroless init', () => {
  test.each(RUNTIMES)('--runtime %s writes the generated Dockerfile and .dockerignore, which pass the policy', (name, runtime) => {
    const dir = tempDir();
    const { code, stdout, stderr } = runCli(['init', '--runtime', name, '--dir', 'app'], { cwd: dir });
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const generator = new DistrolessDockerfile({ runtime: runtime() });
    expect(fs.readFileSync(path.join(dir, 'app', 'Dockerfile'), 'utf8')).toBe(generator.render());
    expect(fs.readFileSync(path.join(dir, 'app', '.dockerignore'), 'utf8')).toBe(generator.renderDockerignore());
    expect(stdout).toContain(`wrote ${path.join(dir, 'app', 'Dockerfile')}\n`);
    expect(stdout).toContain(`wrote ${path.join(dir, 'app', '.dockerignore')}\n`);
    expect(new DockerfilePolicy().lint(generator.render()).errorCount).toBe(0);
  });

  test('--dir defaults to the working directory', () => {
    const dir = tempDir();
    expect(runCli(['init', '--runtime', 'go'], { cwd: dir }).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toBe(new DistrolessDockerfile({ runtime: Runtime.go() }).render());
    expect(fs.existsSync(path.join(dir, '.dockerignore'))).toBe(true);
  });

  test('prints the policy check of what it wrote, with paths as given', () => {
    const dir = tempDir();
    const { stdout } = runCli(['init', '--runtime', 'go', '--dir', 'svc'], { cwd: dir });
    const expected = DockerfilePolicy.format(new DockerfilePolicy().lint(new DistrolessDockerfile({ runtime: Runtime.go() }).render(), path.join('svc', 'Dockerfile')));
    expect(stdout).toContain(`policy check (cdk-distroless lint ${path.join('svc', 'Dockerfile')}):\n${expected}\n`);
    expect(stdout).toMatch(/svc\/Dockerfile: (no findings|0 errors)/);
  });

  test('--base uses a catalog image for the final stage', () => {
    const dir = tempDir();
    const { code } = runCli(['init', '--runtime', 'go', '--base', 'gcr.io/distroless/static-debian12:nonroot'], { cwd: dir });
    expect(code).toBe(0);
    const dockerfile = fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
    expect(dockerfile).toBe(new DistrolessDockerfile({ runtime: Runtime.go(), baseImage: BaseImage.lookup('gcr.io/distroless/static-debian12:nonroot') }).render());
    expect(dockerfile).toMatch(/^FROM gcr\.io\/distroless\/static-debian12:nonroot/m);
  });

  test('writes but exits 1 when the chosen --base makes the Dockerfile fail the policy', () => {
    const dir = tempDir();
    const { code, stdout, stderr } = runCli(['init', '--runtime', 'go', '--base', 'gcr.io/distroless/static-debian13:debug'], { cwd: dir });
    expect(code).toBe(1);
    expect(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toMatch(/^FROM gcr\.io\/distroless\/static-debian13:debug$/m);
    expect(stdout).toMatch(/error {2}CDL004 /);
    expect(stderr).toMatch(/the go Dockerfile written to .* fails the policy with 1 error \(CDL004\)\. Choose another --base/);
  });

  test('fails if the runtime cannot use the --base, with the generator\'s reason', () => {
    const dir = tempDir();
    const { code, stdout, stderr } = runCli(['init', '--runtime', 'nodejs', '--base', 'gcr.io/distroless/static-debian13:nonroot'], { cwd: dir });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^cdk-distroless: init: DistrolessDockerfile: .*static-debian13:nonroot has no C library/);
    expect(stderr).toMatch(/Run `cdk-distroless init --help` for the options/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('fails if --base is a build image', () => {
    const { code, stderr } = runCli(['init', '--runtime', 'go', '--base', 'golang:1.25'], { cwd: tempDir() });
    expect(code).toBe(2);
    expect(stderr).toMatch(/golang:1\.25 .*cannot be the final stage/);
  });

  test('refuses to overwrite an existing Dockerfile without --force: exit 1, nothing written', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM scratch\n');
    const { code, stdout, stderr } = runCli(['init', '--runtime', 'go'], { cwd: dir });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/Dockerfile already exists in .*; nothing written\.\nPass --force to overwrite/);
    expect(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toBe('FROM scratch\n');
    expect(fs.existsSync(path.join(dir, '.dockerignore'))).toBe(false);
  });

  test('refuses to overwrite an existing .dockerignore without --force', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, '.dockerignore'), 'secrets/\n');
    const { code, stderr } = runCli(['init', '--runtime', 'rust'], { cwd: dir });
    expect(code).toBe(1);
    expect(stderr).toMatch(/\.dockerignore already exists/);
    expect(fs.existsSync(path.join(dir, 'Dockerfile'))).toBe(false);
    expect(fs.readFileSync(path.join(dir, '.dockerignore'), 'utf8')).toBe('secrets/\n');
  });

  test('--force overwrites both files', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM scratch\n');
    fs.writeFileSync(path.join(dir, '.dockerignore'), 'x\n');
    const { code } = runCli(['init', '--runtime', 'python', '--force'], { cwd: dir });
    expect(code).toBe(0);
    const generator = new DistrolessDockerfile({ runtime: Runtime.python() });
    expect(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toBe(generator.render());
    expect(fs.readFileSync(path.join(dir, '.dockerignore'), 'utf8')).toBe(generator.renderDockerignore());
  });

  test('--health-probe: off by default, so only Dockerfile and .dockerignore are written', () => {
    const dir = tempDir();
    expect(runCli(['init', '--runtime', 'go'], { cwd: dir }).code).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual(['.dockerignore', 'Dockerfile']);
    expect(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).not.toMatch(/probe/);
  });

  test('--health-probe writes the probe stage and the probe source, and the result passes the policy', () => {
    const dir = tempDir();
    const { code, stdout, stderr } = runCli(['init', '--runtime', 'nodejs', '--health-probe', '--dir', 'app'], { cwd: dir });
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const generator = new DistrolessDockerfile({ runtime: Runtime.nodejs(), healthProbe: true });
    for (const file of generator.files()) {
      expect(fs.readFileSync(path.join(dir, 'app', file.path), 'utf8')).toBe(file.content);
      expect(stdout).toContain(`wrote ${path.join(dir, 'app', file.path)}\n`);
    }
    expect(generator.files().map(f => f.path)).toContain('.cdk-distroless/probe.c');
    expect(fs.readFileSync(path.join(dir, 'app', 'Dockerfile'), 'utf8')).toMatch(/^COPY --from=probe \/out\/probe \/cdk-distroless\/probe$/m);
    expect(stdout).toMatch(/app\/Dockerfile: 0 errors/);
  });

  test('--health-probe refuses to overwrite an existing probe source without --force', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, '.cdk-distroless'));
    fs.writeFileSync(path.join(dir, '.cdk-distroless', 'probe.c'), 'int main(void) { return 0; }\n');
    const { code, stderr } = runCli(['init', '--runtime', 'go', '--health-probe'], { cwd: dir });
    expect(code).toBe(1);
    expect(stderr).toMatch(/\.cdk-distroless\/probe\.c already exists in .*; nothing written/);
    expect(fs.existsSync(path.join(dir, 'Dockerfile'))).toBe(false);
    expect(runCli(['init', '--runtime', 'go', '--health-probe', '--force'], { cwd: dir }).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, '.cdk-distroless', 'probe.c'), 'utf8')).toMatch(/cdk-distroless health probe/);
  });

  test('--help documents --health-probe', () => {
    expect(runCli(['init', '--help'], { cwd: tempDir() }).stdout).toMatch(/--health-probe {6}build the shell-free health probe into the image at \/cdk-distroless\/probe/);
  });

  test('fails if --runtime is missing', () => {
    const { code, stdout, stderr } = runCli(['init'], { cwd: tempDir() });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/init: --runtime is required\. Use one of: go, rust, nodejs, python, java-jar, java-jlink, dotnet, cpp, static-binary\./);
  });

  test('fails if --runtime is unknown', () => {
    const dir = tempDir();
    const { code, stderr } = runCli(['init', '--runtime', 'ruby'], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toMatch(/init: unknown runtime "ruby"\. Use one of: go, /);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('fails if --base is not in the catalog', () => {
    const dir = tempDir();
    const { code, stderr } = runCli(['init', '--runtime', 'go', '--base', 'registry.example.com/team/base:1'], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toMatch(/init: --base "registry\.example\.com\/team\/base:1" is not in the base-image catalog\. Run `cdk-distroless images`/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('fails if --base is not an image reference', () => {
    const { code, stderr } = runCli(['init', '--runtime', 'go', '--base', 'Not A Reference'], { cwd: tempDir() });
    expect(code).toBe(2);
    expect(stderr).toMatch(/--base "Not A Reference" is not in the base-image catalog/);
  });

  test('fails if --dir is a file', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'file'), '');
    const { code, stderr } = runCli(['init', '--runtime', 'go', '--dir', 'file'], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toMatch(/init: --dir "file" is a file, not a folder/);
  });

  test('fails if given a positional argument', () => {
    const { code, stderr } = runCli(['init', '--runtime', 'go', 'app'], { cwd: tempDir() });
    expect(code).toBe(2);
    expect(stderr).toMatch(/init: unexpected argument "app"\. Use --dir/);
  });

  test('fails if an option is unknown or lacks its value', () => {
    expect(runCli(['init', '--runtime', 'go', '--overwrite'], { cwd: tempDir() }).stderr).toMatch(/init: Unknown option '--overwrite'/);
    const missing = runCli(['init', '--runtime'], { cwd: tempDir() });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/init: Option '--runtime <value>' argument missing/);
  });
});

describe('cdk-distroless init on a project', () => {
  function write(dir: string, files: Record<string, string>): void {
    for (const [f, c] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      fs.writeFileSync(path.join(dir, f), c);
    }
  }

  test('without --runtime, the manifest names the runtime and the files decide the layout', () => {
    const dir = tempDir();
    write(dir, { 'package.json': '{"name":"web","packageManager":"pnpm@9.12.3","main":"server.js"}', 'pnpm-lock.yaml': '', 'server.js': '' });
    const { code, stdout } = runCli(['init'], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^runtime nodejs \(package\.json\)$/m);
    expect(stdout).toMatch(/^detected: pnpm \(packageManager pnpm@9\.12\.3 in package\.json\)$/m);
    const dockerfile = fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
    expect(dockerfile).toBe(new DistrolessDockerfile({ runtime: Runtime.nodejs(), projectDirectory: dir }).render());
    expect(dockerfile).toContain('pnpm install --frozen-lockfile --prod');
  });

  test('--app-dir: a monorepo app, the context at the repository root', () => {
    const dir = tempDir();
    write(dir, { 'services/api/go.mod': 'module x\n\ngo 1.24\n', 'services/api/main.go': 'package main\n', 'web/index.html': '' });
    const { code } = runCli(['init', '--app-dir', 'services/api'], { cwd: dir });
    expect(code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toContain('COPY services/api/ .');
    expect(fs.readFileSync(path.join(dir, '.dockerignore'), 'utf8')).toContain('builder\n/web\n');
  });

  test('fails if the folder holds manifests of several runtimes, naming them and --runtime', () => {
    const dir = tempDir();
    write(dir, { 'go.mod': 'module x\n', 'package.json': '{}' });
    const { code, stderr } = runCli(['init'], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toMatch(/manifests of several runtimes: go\.mod \(go\), package\.json \(nodejs\)\. Choose one with --runtime/);
  });

  test('fails with the layout\'s message when the project is ambiguous', () => {
    const dir = tempDir();
    write(dir, { 'package.json': '{}', 'package-lock.json': '{}', 'yarn.lock': '' });
    const { code, stderr } = runCli(['init'], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toMatch(/lockfiles of several package managers/);
    expect(fs.existsSync(path.join(dir, 'Dockerfile'))).toBe(false);
  });
});
