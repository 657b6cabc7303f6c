// Project layouts the generator detects (issue 11), as the image tests and the image-size bench
// build them: each case writes a small project into its build context (workspaces, several
// binaries, vendored dependencies, a monorepo) around the example apps of apps/, and the
// generator reads that folder. Everything builds offline: no third-party dependency is fetched.
import * as fs from 'fs';
import * as path from 'path';
import { APPS_DIR, DATA_DIR, PORT } from './cases';
import { podmanOk } from './podman';
import { DistrolessDockerfile, DistrolessDockerfileProps, Runtime } from '../../../lib';

export interface RuntimeCase {
  /** Test and image name. */
  readonly name: string;
  /** What the healthz answer names as its runtime. */
  readonly runtime: string;
  /** A source file (relative to the context) to edit for the source-only rebuild. */
  readonly sourceFile: string;
  /** A change of code (not only a comment) to the source file, so the artifact really changes; default: a comment. */
  readonly codeChange?: (stamp: number) => string;
  /** Build steps that must come from the cache after a source-only change. */
  readonly dependencySteps: RegExp[];
  /** Files the image must hold besides the entrypoint (extra binaries, dependency layers). */
  readonly expectFiles?: string[];
  /** Lines the generated .dockerignore must have. */
  readonly expectIgnored?: string[];
  /** What `detected` must say, in part. */
  readonly expectDetected: RegExp[];
  /** Writes the project into the (empty) context folder. */
  write(contextDir: string): void;
  /** The generator's props besides projectDirectory, writable paths and port. */
  props(): Omit<DistrolessDockerfileProps, 'projectDirectory'>;
}

const JDK = 'docker.io/library/amazoncorretto:21-al2023-jdk';
const RUST = 'docker.io/library/rust:1.91-trixie';

function put(dir: string, file: string, content: string): void {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), content);
}

function app(name: string, file: string): string {
  return fs.readFileSync(path.join(APPS_DIR, name, file), 'utf8');
}

const json = (x: unknown) => `${JSON.stringify(x, undefined, 2)}\n`;

/** A crate that takes a while to compile: the stand-in for a real dependency tree in the rebuild measure. */
function heavyCrate(functions: number): string {
  const lines = ['//! Vendored stand-in for a dependency: many functions, so compiling it costs what a real crate graph would.', ''];
  for (let i = 0; i < functions; i++) {
    lines.push(`#[inline(never)] pub fn f${i}(x: u64) -> u64 { let mut a = x ^ ${i}; for j in 0..${(i % 7) + 3}u64 { a = a.rotate_left(${(i % 31) + 1}).wrapping_mul(0x9E3779B97F4A7C15).wrapping_add(j ^ ${i * 7}); } a }`);
  }
  lines.push('pub fn mix(x: u64) -> u64 {', '    let mut a = x;');
  for (let i = 0; i < functions; i += 1) { lines.push(`    a = f${i}(a);`); }
  lines.push('    a', '}');
  return lines.join('\n') + '\n';
}

export const RUNTIME_CASES: RuntimeCase[] = [
  {
    name: 'rt-node-workspace',
    runtime: 'nodejs',
    sourceFile: 'packages/api/src/index.js',
    // The production install reads the manifests alone.
    dependencySteps: [/npm ci --omit=dev --workspace packages\/api/],
    expectFiles: ['/app/packages/api/dist/index.js', '/app/packages/greet/index.js', '/app/node_modules/@rt/greet'],
    expectDetected: [/npm \(package-lock\.json\)/, /workspace package @rt\/api \(packages\/api\) with its local dependencies "packages\/greet"/, /build script "build"/],
    write(dir) {
      put(dir, 'package.json', json({ name: 'rt-workspace', private: true, workspaces: ['packages/*'] }));
      put(dir, 'packages/api/package.json', json({
        name: '@rt/api',
        version: '1.0.0',
        private: true,
        scripts: { build: 'node build.js', start: 'node dist/index.js' },
        dependencies: { '@rt/greet': '1.0.0' },
      }));
      put(dir, 'packages/api/build.js', "// The build: copies src/ to dist/, as tsc or a bundler would write it.\nconst fs = require('fs');\nfs.mkdirSync('dist', { recursive: true });\n"
        + "fs.copyFileSync('src/index.js', 'dist/index.js');\n");
      put(dir, 'packages/api/src/index.js', "if (require('@rt/greet')() !== 'hello') { throw new Error('the workspace dependency did not load'); }\n"
        + app('nodejs', 'index.js').replace(/^#!.*\n/, ''));
      put(dir, 'packages/greet/package.json', json({ name: '@rt/greet', version: '1.0.0', main: 'index.js' }));
      put(dir, 'packages/greet/index.js', "module.exports = () => 'hello';\n");
      put(dir, 'packages/other/package.json', json({ name: '@rt/other', version: '1.0.0' }));
      // The lockfile npm writes for the workspace (no registry package in it).
      put(dir, 'package-lock.json', json({
        name: 'rt-workspace',
        lockfileVersion: 3,
        requires: true,
        packages: {
          '': { name: 'rt-workspace', workspaces: ['packages/*'] },
          'node_modules/@rt/api': { resolved: 'packages/api', link: true },
          'node_modules/@rt/greet': { resolved: 'packages/greet', link: true },
          'node_modules/@rt/other': { resolved: 'packages/other', link: true },
          'packages/api': { name: '@rt/api', version: '1.0.0', dependencies: { '@rt/greet': '1.0.0' } },
          'packages/greet': { name: '@rt/greet', version: '1.0.0' },
          'packages/other': { name: '@rt/other', version: '1.0.0' },
        },
      }));
    },
    props: () => ({ runtime: Runtime.nodejs({ workspace: '@rt/api' }) }),
  },
  {
    name: 'rt-python-console-script',
    runtime: 'python',
    sourceFile: 'svc/server.py',
    dependencySteps: [/pip install/],
    expectDetected: [/pip \(requirements\.txt\)/, /entry: console script serve = svc\.server:serve/],
    write(dir) {
      put(dir, 'requirements.txt', '');
      put(dir, 'pyproject.toml', '[project]\nname = "svc"\nversion = "1.0.0"\nrequires-python = ">=3.11"\n\n[project.scripts]\nserve = "svc.server:serve"\n');
      put(dir, 'svc/__init__.py', '');
      put(dir, 'svc/server.py', `${app('python', 'main.py')}\n\ndef serve():\n    """The console script: what \`serve\` would run after pip install."""\n    return main(sys.argv[1:])\n`);
    },
    props: () => ({ runtime: Runtime.python() }),
  },
  {
    name: 'rt-go-workspace',
    runtime: 'go',
    sourceFile: 'services/api/cmd/server/main.go',
    dependencySteps: [/^COPY go\.work /, /go mod download/],
    expectFiles: ['/app/migrate'],
    expectDetected: [/go\.work workspace of "services\/api" and "tools\/migrate"/],
    write(dir) {
      put(dir, 'go.work', 'go 1.22\n\nuse (\n\t./services/api\n\t./tools/migrate\n)\n');
      put(dir, 'services/api/go.mod', 'module example.com/api\n\ngo 1.22\n');
      put(dir, 'services/api/cmd/server/main.go', app('go', 'main.go'));
      put(dir, 'services/api/cmd/server/version.go', 'package main\n\n// version is stamped at build time: -ldflags "-X main.version=...".\nvar version = "dev"\n');
      put(dir, 'tools/migrate/go.mod', 'module example.com/migrate\n\ngo 1.22\n');
      put(dir, 'tools/migrate/main.go', 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("migrations: none") }\n');
    },
    props: () => ({ runtime: Runtime.go({ packagePath: './services/api/cmd/server', additionalPackages: ['./tools/migrate'], versionVariable: 'main.version' }) }),
  },
  {
    name: 'rt-rust-workspace',
    runtime: 'rust',
    sourceFile: 'crates/app/src/main.rs',
    // The stub build of the whole dependency graph (the vendored crate included) comes from the cache.
    dependencySteps: [/^COPY vendor /, /cargo fetch --locked/],
    expectDetected: [/Cargo workspace of "app" and "util"/, /vendored crates \(vendor/],
    write(dir) {
      put(dir, 'Cargo.toml', '[workspace]\nmembers = ["crates/*"]\nresolver = "2"\n\n[profile.release]\nstrip = true\n');
      put(dir, 'crates/app/Cargo.toml', '[package]\nname = "app"\nversion = "1.0.0"\nedition = "2021"\npublish = false\n\n'
        + '[dependencies]\nutil = { path = "../util" }\nheavy = "1.0.0"\n');
      put(dir, 'crates/app/src/main.rs', `${app('rust', 'src/main.rs')}\n// Link the workspace library and the vendored crate.\nuse heavy as _;\nuse util as _;\n`);
      put(dir, 'crates/util/Cargo.toml', '[package]\nname = "util"\nversion = "1.0.0"\nedition = "2021"\npublish = false\n');
      put(dir, 'crates/util/src/lib.rs', 'pub fn answer() -> u32 { 42 }\n');
      // `cargo vendor` output: crates.io replaced by the vendor folder.
      put(dir, '.cargo/config.toml', '[source.crates-io]\nreplace-with = "vendored-sources"\n\n[source.vendored-sources]\ndirectory = "vendor"\n');
      put(dir, 'vendor/heavy/Cargo.toml', '[package]\nname = "heavy"\nversion = "1.0.0"\nedition = "2021"\n');
      put(dir, 'vendor/heavy/src/lib.rs', heavyCrate(4000));
      put(dir, 'vendor/heavy/.cargo-checksum.json', `{"files":{},"package":"${'ab'.repeat(32)}"}\n`);
      // The lockfile cargo writes, made by the Rust stand-in itself (offline, from the vendor folder).
      podmanOk(['run', '--rm', '--pull=never', '--network', 'none', '-v', `${dir}:/src`, '-w', '/src', RUST,
        'cargo', 'generate-lockfile', '--offline'], 'writing Cargo.lock');
    },
    props: () => ({ runtime: Runtime.rust() }),
  },
  {
    name: 'rt-java-layered',
    runtime: 'java',
    sourceFile: 'src/Main.java',
    // The vendored jars are their own layer, before the sources.
    dependencySteps: [/^COPY lib \.\/lib/],
    codeChange: stamp => `\nfinal class Changed${stamp} {}\n`,
    expectFiles: ['/app/lib/greet-1.0.jar', '/app/app.jar'],
    expectDetected: [/plain javac/, /vendored dependencies "greet-1\.0\.jar" \(lib\/\)/],
    write(dir) {
      put(dir, 'src/Main.java', app('java', 'src/Main.java'));
      // A dependency built elsewhere (as a repository manager would serve it), vendored into lib/.
      put(dir, 'greet-src/greet/Greet.java', 'package greet;\n\npublic final class Greet {\n  public static String hello() { return "hello"; }\n}\n');
      podmanOk(['run', '--rm', '--pull=never', '--network', 'none', '-v', `${dir}:/src`, '-w', '/src', JDK, 'sh', '-c',
        'mkdir -p /tmp/greet lib && javac -d /tmp/greet greet-src/greet/Greet.java && jar --create --file lib/greet-1.0.jar -C /tmp/greet . && rm -rf greet-src'],
      'building the vendored jar');
    },
    props: () => ({ runtime: Runtime.javaJar() }),
  },
  {
    name: 'rt-java-jlink-jdeps',
    runtime: 'java',
    sourceFile: 'src/Main.java',
    // A source change changes the jar, but not the module list: jlink comes from the cache.
    dependencySteps: [/^RUN .*jlink/],
    expectDetected: [/plain javac/],
    write(dir) {
      put(dir, 'src/Main.java', app('java', 'src/Main.java'));
    },
    props: () => ({ runtime: Runtime.javaJlink() }),
  },
  {
    name: 'rt-monorepo-go',
    runtime: 'go',
    sourceFile: 'services/api/main.go',
    dependencySteps: [/^COPY services\/api\/go\.mod /, /go mod download/],
    expectDetected: [],
    expectIgnored: ['/web', '/services/billing', '/README.md'],
    write(dir) {
      put(dir, 'services/api/go.mod', app('go', 'go.mod'));
      put(dir, 'services/api/main.go', app('go', 'main.go'));
      // The rest of the repository: the .dockerignore keeps it out of the build context.
      put(dir, 'services/billing/go.mod', 'module example.com/billing\n\ngo 1.22\n');
      put(dir, 'web/package.json', '{"name":"web"}\n');
      put(dir, 'web/big.bin', 'x'.repeat(4 * 1024 * 1024));
      put(dir, 'README.md', '# monorepo\n');
    },
    props: () => ({ runtime: Runtime.go(), appDirectory: 'services/api' }),
  },
];

/** A fresh build context for a case: the project, then the Dockerfile the generator writes from reading it. */
export function prepareRuntimeContext(c: RuntimeCase, contextDir: string): DistrolessDockerfile {
  fs.rmSync(contextDir, { recursive: true, force: true });
  fs.mkdirSync(contextDir, { recursive: true });
  c.write(contextDir);
  const dockerfile = new DistrolessDockerfile({ ...c.props(), projectDirectory: contextDir, writablePaths: ['/tmp', DATA_DIR], exposedPorts: [PORT] });
  dockerfile.writeTo(contextDir);
  return dockerfile;
}

/** A source-only change: a comment appended to the case's source file. */
export function touchRuntimeSource(c: RuntimeCase, contextDir: string): void {
  const comment = c.sourceFile.endsWith('.py') ? '#' : '//';
  fs.appendFileSync(path.join(contextDir, c.sourceFile), c.codeChange ? c.codeChange(Date.now()) : `${comment} source-only change ${Date.now()}\n`);
}
