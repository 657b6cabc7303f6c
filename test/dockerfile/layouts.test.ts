// Layout detection: what the generator reads from a project's files, how options override it, and
// the errors for what it cannot tell apart. Every generated Dockerfile must pass the policy.
import * as fs from 'fs';
import * as path from 'path';
import { cleanProjects, Files, LAYOUTS, project } from './layouts';
import { execForm, finalStage } from './parse';
import {
  DistrolessDockerfile, DistrolessDockerfileProps, JavaBuild, NodePackageManager, PythonDependencies, Runtime,
} from '../../lib/dockerfile';
import { BaseImage } from '../../lib/image';
import { DockerfilePolicy } from '../../lib/policy';
import { DistrolessImage } from '../../lib/workload';

afterAll(cleanProjects);

function gen(runtime: Runtime, files: Files, props: Partial<DistrolessDockerfileProps> = {}): DistrolessDockerfile {
  return new DistrolessDockerfile({ runtime, projectDirectory: project(files), ...props });
}

const RUNTIMES: Record<string, () => Runtime> = {
  'npm with a TypeScript build': () => Runtime.nodejs(),
  'pnpm pinned by packageManager': () => Runtime.nodejs(),
  'pnpm workspace package': () => Runtime.nodejs({ workspace: '@acme/api' }),
  'yarn classic': () => Runtime.nodejs(),
  'yarn berry node-modules workspace': () => Runtime.nodejs(),
  'npm workspace with a native module': () => Runtime.nodejs({ workspace: 'packages/api' }),
  'python uv with a console script': () => Runtime.python(),
  'python poetry application': () => Runtime.python({ debian: undefined }),
  'python PEP 517 package run as a module': () => Runtime.python(),
  'go workspace with several binaries': () => Runtime.go({ packagePath: './services/api/cmd/server', additionalPackages: ['./services/api/cmd/migrate'], versionVariable: 'main.version', privateModules: 'github.com/acme/*' }),
  'go module asking for a newer Go, vendored': () => Runtime.go(),
  'rust workspace': () => Runtime.rust(),
  'maven multi-module Spring Boot': () => Runtime.javaJar(),
  'gradle Spring Boot 3.1 (layertools)': () => Runtime.javaJlink(),
  'javac with vendored jars': () => Runtime.javaJar(),
  'dotnet solution, self-contained and trimmed': () => Runtime.dotnet(),
  'dotnet worker with globalization': () => Runtime.dotnet(),
};

describe.each(Object.keys(LAYOUTS))('%s', (name) => {
  test('Dockerfile, .dockerignore and what was detected (snapshot), with no policy error', () => {
    const d = gen(RUNTIMES[name](), LAYOUTS[name]);
    const result = new DockerfilePolicy().lint(d.render(), 'Dockerfile');
    expect(result.findings.filter(f => f.level === 'error')).toEqual([]);
    expect({ detected: d.detected, dockerfile: d.render(), dockerignore: d.renderDockerignore() }).toMatchSnapshot();
  });
});

test('the project folder is only read', () => {
  const dir = project(LAYOUTS['rust workspace']);
  const before = fs.readdirSync(dir, { recursive: true }).sort();
  new DistrolessDockerfile({ runtime: Runtime.rust(), projectDirectory: dir }).render();
  expect(fs.readdirSync(dir, { recursive: true }).sort()).toEqual(before);
});

describe('Node.js', () => {
  test('npm: a lockfile, production install, the build output and production node_modules alone reach the final image', () => {
    const d = gen(Runtime.nodejs(), LAYOUTS['npm with a TypeScript build']);
    const text = d.render();
    expect(text).toContain('npm ci --omit=dev');
    expect(text).toMatch(/^RUN npm run build$/m);
    expect(text).toContain('cp -a /src/build/out /out/app/');
    expect(execForm(text, 'CMD')).toEqual(['/app/dist/server.js']);
    expect(finalStage(text).filter(i => i.keyword === 'COPY').map(i => i.args)).toEqual(['--from=build /out/app /app']);
  });

  test('pnpm: corepack reads the pinned version from packageManager', () => {
    const text = gen(Runtime.nodejs(), LAYOUTS['pnpm pinned by packageManager']).render();
    expect(text).toContain('RUN corepack enable pnpm');
    expect(text).toContain('pnpm install --frozen-lockfile --prod');
    expect(execForm(text, 'CMD')).toEqual(['/app/server.js']);
  });

  test('pnpm workspace: pnpm deploy writes the package with its production closure (--legacy from pnpm 10)', () => {
    const text = gen(Runtime.nodejs({ workspace: '@acme/api' }), LAYOUTS['pnpm workspace package']).render();
    expect(text).toMatch(/^ {4}pnpm fetch$/m);
    expect(text).toContain('pnpm --filter @acme/api... run build');
    expect(text).toContain('pnpm --filter @acme/api --prod deploy --legacy /out/app');
  });

  test('yarn classic and berry', () => {
    expect(gen(Runtime.nodejs(), LAYOUTS['yarn classic']).render()).toContain('yarn install --frozen-lockfile --non-interactive --production');
    const berry = gen(Runtime.nodejs(), LAYOUTS['yarn berry node-modules workspace']);
    expect(berry.render()).toContain('yarn workspaces focus api --production');
    expect(berry.render()).toContain('COPY package.json yarn.lock .yarnrc.yml ./');
    expect(berry.detected).toContain('workspace package api (services/api)');
  });

  test('workspace: only the package and its local production dependencies; native modules build on the final Debian release', () => {
    const d = gen(Runtime.nodejs({ workspace: 'packages/api' }), LAYOUTS['npm workspace with a native module']);
    const text = d.render();
    expect(text).toContain('npm ci --omit=dev --workspace packages/api');
    expect(text).toContain('cp -a /src/packages/api/dist /out/app/packages/api/');
    expect(text).toContain('tar -C /src/packages/lib');
    expect(text).not.toContain('packages/other/ /out');
    expect(text).toContain('apt-get install -y --no-install-recommends python3 make g++');
    expect(text).toMatch(/^FROM node:24-trixie-slim AS deps$/m);
    expect(execForm(text, 'CMD')).toEqual(['/app/packages/api/dist/index.js']);
  });

  test('options override what the files say', () => {
    const text = gen(Runtime.nodejs({ packageManager: NodePackageManager.PNPM, packageManagerVersion: '8.15.9', entry: 'main.js' }), {
      'package.json': '{"name":"x","packageManager":"pnpm@9.1.0"}', 'pnpm-lock.yaml': '', 'main.js': '',
    }).render();
    expect(text).toContain('corepack enable pnpm && corepack prepare pnpm@8.15.9 --activate');
    expect(execForm(text, 'CMD')).toEqual(['/app/main.js']);
  });

  test('fails if there is no lockfile', () => {
    expect(() => gen(Runtime.nodejs(), { 'package.json': '{}', 'index.js': '' })).toThrow(/has package.json but no lockfile .* Commit the lockfile/);
  });

  test('fails if lockfiles of two package managers are there', () => {
    expect(() => gen(Runtime.nodejs(), { 'package.json': '{}', 'package-lock.json': '{}', 'yarn.lock': '' }))
      .toThrow(/lockfiles of several package managers: "package-lock.json" and "yarn.lock". Delete the stale one, or set packageManager/);
  });

  test('fails if a workspace has several packages and none is chosen', () => {
    expect(() => gen(Runtime.nodejs(), LAYOUTS['pnpm workspace package'])).toThrow(/workspace with 3 packages: "@acme\/api", "@acme\/web" and "@acme\/db". Choose the one to build with workspace/);
  });

  test('fails if the workspace is not a package', () => {
    expect(() => gen(Runtime.nodejs({ workspace: '@acme/nope' }), LAYOUTS['pnpm workspace package'])).toThrow(/workspace "@acme\/nope" is not a package of the workspace/);
  });

  test('fails on Yarn Plug\'n\'Play', () => {
    expect(() => gen(Runtime.nodejs(), { 'package.json': '{"packageManager":"yarn@4.1.0"}', 'yarn.lock': '', '.yarnrc.yml': 'enableGlobalCache: true\n' }))
      .toThrow(/Plug'n'Play .* Set nodeLinker: node-modules in .yarnrc.yml/);
  });

  test('fails without an entry', () => {
    expect(() => gen(Runtime.nodejs(), { 'package.json': '{}', 'package-lock.json': '{}' })).toThrow(/names no entry .* Set entry/);
  });

  test('fails if package.json is missing', () => {
    expect(() => gen(Runtime.nodejs(), { 'go.mod': '' })).toThrow(/package.json is missing, so this is no Node.js project/);
  });

  test('fails if a workspace is asked for without the project files', () => {
    expect(() => new DistrolessDockerfile({ runtime: Runtime.nodejs({ workspace: 'api' }) })).toThrow(/workspace "api" needs the project's files/);
  });
});

describe('Python', () => {
  test('uv: the lock exported and installed for the final image\'s Python; the console script runs without its wrapper', () => {
    const d = gen(Runtime.python(), LAYOUTS['python uv with a console script']);
    const text = d.render();
    expect(text).toContain('COPY --from=ghcr.io/astral-sh/uv:0.8.3 /uv /usr/local/bin/uv');
    expect(text).toContain('uv export --frozen --no-dev');
    expect(text).toContain('--require-hashes --target /out/site-packages');
    expect(text).toContain('rm -rf /out/site-packages/bin');
    expect(text).toContain('--invalidation-mode checked-hash');
    expect(execForm(text, 'CMD')).toEqual(['-c', 'import sys; from svc.main import run; sys.exit(run())']);
  });

  test('poetry: the lock\'s Poetry version exports it, pip installs it; app.py is the entry', () => {
    const text = gen(Runtime.python(), LAYOUTS['python poetry application']).render();
    expect(text).toContain('"poetry==1.8.3" poetry-plugin-export');
    expect(text).toContain('poetry export --only main');
    expect(text).not.toMatch(/--no-deps --target \/out\/site-packages \.$/m);
    expect(execForm(text, 'CMD')).toEqual(['/app/app.py']);
  });

  test('PEP 517: pip installs the project; a package with __main__ runs with -m', () => {
    const text = gen(Runtime.python(), LAYOUTS['python PEP 517 package run as a module']).render();
    expect(text).toContain('--target /out/site-packages .');
    expect(execForm(text, 'CMD')).toEqual(['-m', 'svc']);
  });

  test('options override: module, dependencies', () => {
    const text = gen(Runtime.python({ module: 'svc.api', dependencies: PythonDependencies.REQUIREMENTS, requirementsFile: 'req/prod.txt' }),
      { 'req/prod.txt': '', 'uv.lock': '' }).render();
    expect(text).toContain('-r req/prod.txt');
    expect(execForm(text, 'CMD')).toEqual(['-m', 'svc.api']);
  });

  test('fails if requires-python excludes the final image\'s Python', () => {
    expect(() => gen(Runtime.python(), LAYOUTS['python uv with a console script'], { baseImage: BaseImage.googlePython3({ debian: 'debian12' as any }) }))
      .toThrow(/requires Python >=3.12 .* runs Python 3.11/);
  });

  test('fails with several console scripts', () => {
    expect(() => gen(Runtime.python(), { 'requirements.txt': '', 'pyproject.toml': '[project.scripts]\na = "x:a"\nb = "x:b"\n' }))
      .toThrow(/declares 2 console scripts: "a" and "b". Choose the one the image runs with consoleScript/);
  });

  test('fails with no dependency file', () => {
    expect(() => gen(Runtime.python(), { 'main.py': '' })).toThrow(/no dependency file the generator knows: no uv.lock, poetry.lock or requirements.txt/);
  });

  test('fails with both uv.lock and poetry.lock', () => {
    expect(() => gen(Runtime.python(), { 'uv.lock': '', 'poetry.lock': '', 'main.py': '' })).toThrow(/both uv.lock and poetry.lock/);
  });

  test('fails if entry, module and consoleScript are combined', () => {
    expect(() => Runtime.python({ entry: 'a.py', module: 'a' })).toThrow(/entry and module cannot be combined/);
  });

  test('fails without an entry point', () => {
    expect(() => gen(Runtime.python(), { 'requirements.txt': '' })).toThrow(/no entry point the generator can see/);
  });
});

describe('Go', () => {
  test('go.work: every module manifest first, several binaries, version stamping, private modules through a secret', () => {
    const d = gen(RUNTIMES['go workspace with several binaries'](), LAYOUTS['go workspace with several binaries']);
    const text = d.render();
    expect(text).toContain('COPY go.work ./');
    expect(text).toContain('COPY services/api/go.mod services/api/go.sum services/api/');
    expect(text).toContain('COPY libs/common/go.mod libs/common/');
    expect(text).toContain('RUN --mount=type=secret,id=netrc,target=/root/.netrc go mod download');
    expect(text).toContain('ARG VERSION=dev');
    expect(text).toContain('-trimpath -ldflags="-s -w -X main.version=${VERSION}" -o /out/app ./services/api/cmd/server');
    expect(text).toContain('-o /out/migrate ./services/api/cmd/migrate');
    expect(text).toContain('COPY --from=build /out/migrate /app/migrate');
    expect(text).not.toMatch(/ARG .*(TOKEN|NETRC|PASSWORD)/i);
  });

  test('a newer go line picks the build image; vendor/ builds with -mod=vendor and downloads nothing', () => {
    const d = gen(Runtime.go(), LAYOUTS['go module asking for a newer Go, vendored']);
    expect(d.builderImage?.reference).toBe('golang:1.26-trixie');
    expect(d.render()).toContain('-mod=vendor');
    expect(d.render()).not.toContain('go mod download');
  });

  test('fails if several main packages and none is chosen', () => {
    expect(() => gen(Runtime.go(), LAYOUTS['go workspace with several binaries']))
      .toThrow(/2 main packages: ".\/services\/api\/cmd\/migrate" and ".\/services\/api\/cmd\/server". Choose the one the image runs with packagePath/);
  });

  test('fails without go.mod', () => {
    expect(() => gen(Runtime.go(), { 'main.go': 'package main' })).toThrow(/has no go.mod or go.work/);
  });

  test('fails if two binaries would have one name', () => {
    expect(() => Runtime.go({ binaryName: 'migrate', additionalPackages: ['./cmd/migrate'] })).toThrow(/two binaries would be \/app\/migrate/);
  });

  test('fails if privateModules is not a GOPRIVATE list', () => {
    expect(() => Runtime.go({ privateModules: 'a b' })).toThrow(/is not a GOPRIVATE list/);
  });
});

describe('Rust', () => {
  test('workspace: manifests and stub targets build the dependency graph first; -p and --bin pick the binary', () => {
    const d = gen(Runtime.rust(), LAYOUTS['rust workspace']);
    const text = d.render();
    expect(text).toContain('COPY crates/api/Cargo.toml crates/api/');
    expect(text).toContain("echo 'fn main() {}' > crates/api/src/main.rs");
    expect(text).toContain(': > crates/core/src/lib.rs');
    expect(text).toContain("echo 'fn main() {}' > crates/api/build.rs");
    expect(text).toContain('cargo build --release --locked --offline -p api --bin api');
    expect(text).toMatch(/touch crates\/api\/src\/main\.rs crates\/api\/build\.rs crates\/core\/src\/lib\.rs/);
    expect(execForm(text, 'ENTRYPOINT')).toEqual(['/app/api']);
  });

  test('a base without a C library builds for musl', () => {
    const d = gen(Runtime.rust(), LAYOUTS['rust workspace'], { baseImage: BaseImage.scratch() });
    expect(d.render()).toContain('--target "$TARGET"');
    expect(d.detected).toContain('musl target: baseImage has no C library, so the binary is linked statically');
  });

  test('fails with several binaries and none chosen', () => {
    const files = { ...LAYOUTS['rust workspace'], 'crates/core/src/main.rs': '' };
    expect(() => gen(Runtime.rust(), files)).toThrow(/2 binaries: "api\/api" and "core\/core". Choose with package and binaryName/);
  });

  test('fails without Cargo.lock', () => {
    expect(() => gen(Runtime.rust(), { 'Cargo.toml': '[package]\nname = "a"\n' })).toThrow(/has no Cargo.lock/);
  });

  test('fails if the package is not a member', () => {
    expect(() => gen(Runtime.rust({ package: 'web' }), LAYOUTS['rust workspace'])).toThrow(/package "web" is not a member of the workspace/);
  });
});

describe('Java', () => {
  test('Maven multi-module: every pom first, -pl <module> -am, Spring Boot layers as four COPYs', () => {
    const d = gen(Runtime.javaJar(), LAYOUTS['maven multi-module Spring Boot']);
    const text = d.render();
    expect(text).toContain('COPY app/pom.xml app/');
    expect(text).toContain('-DskipTests -pl app -am package');
    expect(text).toContain('java -Djarmode=tools -jar /out/app.jar extract --layers --destination /out/layers');
    const copies = finalStage(text).filter(i => i.keyword === 'COPY').map(i => i.args);
    expect(copies).toEqual(['dependencies', 'spring-boot-loader', 'snapshot-dependencies', 'application'].map(l => `--from=build /out/layers/${l}/ /app/`));
    expect(execForm(text, 'ENTRYPOINT')).toEqual(['/usr/bin/java', '-jar']);
    expect(execForm(text, 'CMD')).toEqual(['/app/app.jar']);
  });

  test('Gradle Spring Boot before 3.3: layertools and the JarLauncher; jlink modules from jdeps on the layers', () => {
    const text = gen(Runtime.javaJlink(), LAYOUTS['gradle Spring Boot 3.1 (layertools)']).render();
    expect(text).toContain('gradle --no-daemon --quiet :api:bootJar -x test');
    expect(text).toContain('java -Djarmode=layertools -jar /out/app.jar extract');
    expect(text).toContain('COPY --from=build /out/layers /in/layers');
    expect(execForm(text, 'CMD')).toEqual(['-cp', '/app', 'org.springframework.boot.loader.JarLauncher']);
  });

  test('javac with lib/*.jar: class path, manifest Class-Path, and the jars as their own layer', () => {
    const text = gen(Runtime.javaJar(), LAYOUTS['javac with vendored jars']).render();
    expect(text).toContain("--class-path 'lib/*'");
    expect(text).toContain("Class-Path: %s\\n' 'lib/dep-1.0.jar'");
    const copies = finalStage(text).filter(i => i.keyword === 'COPY').map(i => i.args);
    expect(copies).toEqual(['lib /app/lib', '--from=build /out/app.jar /app/app.jar']);
  });

  test('springBootLayers: false keeps the fat jar', () => {
    const text = gen(Runtime.javaJar({ springBootLayers: false }), LAYOUTS['maven multi-module Spring Boot']).render();
    expect(text).not.toContain('jarmode');
  });

  test('fails if the multi-module build has no obvious application module', () => {
    expect(() => gen(Runtime.javaJar(), { 'pom.xml': '<project><modules><module>a</module><module>b</module></modules></project>' }))
      .toThrow(/multi-module build \("a" and "b"\) .* Set module/);
  });

  test('fails if module is not a module', () => {
    expect(() => gen(Runtime.javaJar({ module: 'web' }), LAYOUTS['maven multi-module Spring Boot'])).toThrow(/module "web" is not a module/);
  });

  test('fails with both Maven and Gradle files', () => {
    expect(() => gen(Runtime.javaJar(), { 'pom.xml': '<project/>', 'build.gradle': '' })).toThrow(/both pom.xml and "build.gradle". Set buildTool/);
  });

  test('fails if module is used with javac', () => {
    expect(() => gen(Runtime.javaJar({ buildTool: JavaBuild.JAVAC, module: 'x' }), LAYOUTS['javac with vendored jars'])).toThrow(/module "x" is not a module|module only applies/);
  });
});

describe('.NET', () => {
  test('solution: the only executable project; self-contained trimmed → runtime-deps, apphost entrypoint', () => {
    const d = gen(Runtime.dotnet(), LAYOUTS['dotnet solution, self-contained and trimmed']);
    expect(d.finalImage.reference).toBe('mcr.microsoft.com/dotnet/runtime-deps:9.0-noble-chiseled');
    const text = d.render();
    expect(text).toContain('COPY src/Api/Api.csproj src/Api/');
    expect(text).toContain('COPY src/Domain/Domain.csproj src/Domain/');
    expect(text).toContain('--self-contained true -p:PublishTrimmed=true');
    expect(execForm(text, 'ENTRYPOINT')).toEqual(['/app/Shop.Api']);
  });

  test('InvariantGlobalization false → the -extra image; a worker runs on the .NET runtime', () => {
    const d = gen(Runtime.dotnet(), LAYOUTS['dotnet worker with globalization']);
    expect(d.finalImage.reference).toBe('mcr.microsoft.com/dotnet/runtime:8.0-noble-chiseled-extra');
  });

  test('options override: selfContained false, globalization false', () => {
    const d = gen(Runtime.dotnet({ selfContained: false, globalization: false }), LAYOUTS['dotnet solution, self-contained and trimmed']);
    expect(d.finalImage.reference).toBe('mcr.microsoft.com/dotnet/aspnet:9.0-noble-chiseled');
  });

  test('fails with several executable projects', () => {
    expect(() => gen(Runtime.dotnet(), {
      'A.sln': 'Project("{X}") = "A", "A\\A.csproj", "{1}"\nProject("{X}") = "B", "B\\B.csproj", "{2}"\n',
      'A/A.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web"></Project>',
      'B/B.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web"></Project>',
    })).toThrow(/2 executable projects: "A\/A.csproj" and "B\/B.csproj". Choose the one to publish with projectFile/);
  });
});

describe('monorepo: appDirectory', () => {
  test('COPY reads from the app folder, .dockerignore keeps everything else out of the context', () => {
    const root = project({ 'services/api/go.mod': 'module x\n\ngo 1.24\n', 'services/api/main.go': 'package main\n', 'web/package.json': '{}' });
    const d = new DistrolessDockerfile({ runtime: Runtime.go(), projectDirectory: root, appDirectory: 'services/api' });
    expect(d.render()).toContain('COPY services/api/go.mod services/api/ ./'.replace('services/api/ ./', './'));
    expect(d.render()).toContain('COPY services/api/ .');
    const ignore = d.renderDockerignore().split('\n');
    // What lies beside the app is listed (buildah's cache misses every COPY when the file has "!" exceptions).
    expect(ignore.slice(1, 3)).toEqual(['# Monorepo: only the application\'s folder is sent to the builder', '/web']);
    expect(ignore.filter(l => l.startsWith('!'))).toEqual([]);
    expect(ignore).toContain('services/api/bin');
    const result = new DockerfilePolicy().lint(d.render(), 'Dockerfile');
    expect(result.errorCount).toBe(0);
  });

  test('without the project\'s files: everything but the app folder, by exception', () => {
    const ignore = new DistrolessDockerfile({ runtime: Runtime.go(), appDirectory: 'services/api' }).renderDockerignore().split('\n');
    expect(ignore.slice(1, 4)).toEqual(['# Monorepo: only the application\'s folder is sent to the builder', '*', '!services/api']);
  });

  test('fails if appDirectory is not a folder of the project', () => {
    const root = project({ 'go.mod': '' });
    expect(() => new DistrolessDockerfile({ runtime: Runtime.go(), projectDirectory: root, appDirectory: 'services/api' }))
      .toThrow(/appDirectory "services\/api" is not a folder/);
  });

  test('fails if appDirectory leaves the context', () => {
    expect(() => new DistrolessDockerfile({ runtime: Runtime.go(), appDirectory: '../x' })).toThrow(/appDirectory "..\/x" is not allowed: it contains a ".." segment/);
  });
});

test('fails if projectDirectory is not a folder', () => {
  expect(() => new DistrolessDockerfile({ runtime: Runtime.go(), projectDirectory: path.join(__dirname, 'no-such-folder') })).toThrow(/projectDirectory .* is not a folder/);
});

describe('DistrolessImage.fromSource', () => {
  test('reads its folder for the layout', () => {
    const dir = project(LAYOUTS['rust workspace']);
    const out = project({});
    const staged = DistrolessImage.fromSource(dir, { runtime: Runtime.rust() }).stage(out);
    expect(fs.readFileSync(path.join(staged.directory, 'Dockerfile'), 'utf8')).toContain('cargo build --release --locked --offline -p api --bin api');
  });

  test('fails with the layout\'s message when the folder is not what the runtime builds', () => {
    expect(() => DistrolessImage.fromSource(project({ 'main.go': '' }), { runtime: Runtime.go() })).toThrow(/has no go.mod or go.work/);
  });
});

describe('options that are not what they say', () => {
  test('fails if packageManager is not a NodePackageManager', () => {
    expect(() => Runtime.nodejs({ packageManager: 'bun' as any })).toThrow(/packageManager "bun" is not a NodePackageManager/);
  });

  test('fails if dependencies is not a PythonDependencies', () => {
    expect(() => Runtime.python({ dependencies: 'pipenv' as any })).toThrow(/dependencies "pipenv" is not a PythonDependencies/);
  });

  test('fails if springBootLayers is asked of a javac build', () => {
    expect(() => Runtime.javaJar({ buildTool: JavaBuild.JAVAC, springBootLayers: true })).toThrow(/springBootLayers needs a Maven or Gradle build/);
  });

  test('fails if a workspace name is not a package name', () => {
    expect(() => Runtime.nodejs({ workspace: 'a b' })).toThrow(/workspace "a b" is not a package name or folder/);
  });

  test('fails if a project file does not parse, naming it', () => {
    expect(() => gen(Runtime.rust(), { 'Cargo.toml': '[package\nname = 1', 'Cargo.lock': '' })).toThrow(/Cargo.toml is not valid TOML/);
  });
});
