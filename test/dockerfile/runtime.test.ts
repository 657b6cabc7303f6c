import { dockerInstructions, envOf, execForm, finalStage, lineIndex } from './parse';
import {
  CppBuild, DistrolessDockerfile, DistrolessDockerfileProps, JavaBuild, JlinkJdk, Runtime,
} from '../../lib/dockerfile';
import { BaseImage, DebianRelease, DotnetFlavor, Libc } from '../../lib/image';

function gen(runtime: Runtime, props: Partial<DistrolessDockerfileProps> = {}): DistrolessDockerfile {
  return new DistrolessDockerfile({ runtime, ...props });
}

function text(runtime: Runtime, props: Partial<DistrolessDockerfileProps> = {}): string {
  return gen(runtime, props).render();
}

/** FROM references in order (build stages first, final last). */
function froms(dockerfile: string): string[] {
  return dockerInstructions(dockerfile).filter(i => i.keyword === 'FROM').map(i => i.args);
}

/** Asserts that the dependency manifest is copied and the download runs before the sources are copied. */
function expectDependenciesFirst(dockerfile: string, manifest: RegExp, download: RegExp) {
  const copyManifest = lineIndex(dockerfile, manifest);
  const fetch = lineIndex(dockerfile, download);
  const copySources = lineIndex(dockerfile, /^COPY \. \.$/);
  expect(copyManifest).toBeGreaterThan(0);
  expect(fetch).toBeGreaterThan(copyManifest);
  expect(copySources).toBeGreaterThan(fetch);
}

describe('every runtime', () => {
  const factories: Array<[string, () => Runtime]> = [
    ['go', () => Runtime.go()], ['rust', () => Runtime.rust()], ['nodejs', () => Runtime.nodejs()],
    ['python', () => Runtime.python()], ['java-jar', () => Runtime.javaJar()], ['java-jlink', () => Runtime.javaJlink()],
    ['dotnet', () => Runtime.dotnet()], ['cpp', () => Runtime.cpp()], ['static-binary', () => Runtime.staticBinary()],
  ];

  test.each(factories)('%s works without options and has its name', (name, factory) => {
    const runtime = factory();
    expect(runtime.name).toBe(name);
    expect(runtime.toString()).toBe(name);
    const dockerfile = text(runtime);
    expect(dockerfile.split('\n')[0]).toBe('# syntax=docker/dockerfile:1');
  });

  test.each(factories)('%s: the final stage has no RUN or SHELL, a numeric user and exec-form ENTRYPOINT', (_name, factory) => {
    const final = finalStage(text(factory()));
    expect(final.map(i => i.keyword)).not.toContain('RUN');
    expect(final.map(i => i.keyword)).not.toContain('SHELL');
    expect(final.find(i => i.keyword === 'USER')?.args).toMatch(/^[1-9]\d*:\d+$/);
    for (const i of final.filter(x => ['ENTRYPOINT', 'CMD', 'VOLUME'].includes(x.keyword))) {
      expect(i.args.startsWith('[')).toBe(true);
    }
    // Only artifacts of build stages, or prebuilt files from the context.
    for (const copy of final.filter(i => i.keyword === 'COPY')) {
      expect(copy.args).toMatch(/^(--from=(build|jlink|rootfs) |target\/\*\.jar |app )/);
    }
  });

  test.each(factories)('%s: Runtime.isRuntime recognizes it', (_name, factory) => {
    expect(Runtime.isRuntime(factory())).toBe(true);
  });

  test('Runtime.isRuntime rejects other values', () => {
    expect(Runtime.isRuntime({})).toBe(false);
    expect(Runtime.isRuntime(undefined)).toBe(false);
    expect(Runtime.isRuntime('go')).toBe(false);
  });
});

describe('Runtime.go', () => {
  test('defaults: golang:1.25-trixie builds a static binary for distroless/static', () => {
    const g = gen(Runtime.go());
    expect(g.builderImage?.reference).toBe('golang:1.25-trixie');
    expect(g.finalImage.reference).toBe('gcr.io/distroless/static-debian13:nonroot');
    expect(Runtime.go().defaultFinalImage.reference).toBe('gcr.io/distroless/static-debian13:nonroot');
    expect(Runtime.go().isStatic).toBe(true);
    const d = g.render();
    expect(froms(d)).toEqual(['golang:1.25-trixie AS build', 'gcr.io/distroless/static-debian13:nonroot']);
    expect(d).toContain('CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app .');
    expect(execForm(d, 'ENTRYPOINT')).toEqual(['/app/app']);
    expect(execForm(d, 'CMD')).toBeUndefined();
    expect(d).toContain('COPY --from=build /out/app /app/app');
  });

  test('go.mod and go.sum come before the sources, with go mod download between', () => {
    expectDependenciesFirst(text(Runtime.go()), /^COPY go\.\* \.\/$/, /^RUN go mod download$/);
  });

  test('the build cache is a cache mount', () => {
    expect(text(Runtime.go())).toMatch(/^RUN --mount=type=cache,target=\/root\/\.cache\/go-build \\$/m);
  });

  test('cgo builds a dynamic binary for distroless/base', () => {
    const runtime = Runtime.go({ cgo: true });
    expect(runtime.isStatic).toBe(false);
    const d = text(runtime);
    expect(d).toContain('CGO_ENABLED=1 go build');
    expect(froms(d).pop()).toBe('gcr.io/distroless/base-debian13:nonroot');
  });

  test('goVersion, debian, packagePath and binaryName', () => {
    const d = text(Runtime.go({ goVersion: '1.24', debian: DebianRelease.DEBIAN12, packagePath: 'cmd/server', binaryName: 'server' }));
    expect(froms(d)).toEqual(['golang:1.24-bookworm AS build', 'gcr.io/distroless/static-debian12:nonroot']);
    expect(d).toContain('-o /out/server ./cmd/server');
    expect(execForm(d, 'ENTRYPOINT')).toEqual(['/app/server']);
  });

  test('packagePath may be written with ./', () => {
    expect(text(Runtime.go({ packagePath: './cmd/app/' }))).toContain(' ./cmd/app\n');
  });

  test('builderImage replaces the build image', () => {
    expect(froms(text(Runtime.go({ builderImage: BaseImage.golang('1.24-bookworm') })))[0]).toBe('golang:1.24-bookworm AS build');
  });

  test('fails if goVersion and builderImage are both given', () => {
    expect(() => Runtime.go({ goVersion: '1.24', builderImage: BaseImage.golang() })).toThrow(/Runtime.go: goVersion and builderImage cannot be combined/);
  });

  test('fails if goVersion is not a version', () => {
    expect(() => Runtime.go({ goVersion: 'latest' })).toThrow(/Runtime.go: goVersion "latest" is not a version/);
  });

  test('fails if the builder image has no shell', () => {
    expect(() => Runtime.go({ builderImage: BaseImage.googleStatic() })).toThrow(/Runtime.go: builderImage .* has no shell/);
  });

  test('fails if cgo is not a boolean', () => {
    expect(() => Runtime.go({ cgo: 'yes' as unknown as boolean })).toThrow(/Runtime.go: cgo must be true or false, got "yes"/);
  });

  test('fails if packagePath leaves the module', () => {
    expect(() => Runtime.go({ packagePath: '../other' })).toThrow(/Runtime.go: packagePath "..\/other" is not allowed: it contains a ".." segment/);
    expect(() => Runtime.go({ packagePath: '/abs' })).toThrow(/packagePath "\/abs" is not allowed: it is absolute/);
  });

  test('fails if binaryName has a slash', () => {
    expect(() => Runtime.go({ binaryName: 'bin/app' })).toThrow(/Runtime.go: binaryName "bin\/app" is not allowed/);
  });
});

describe('Runtime.rust', () => {
  test('defaults: rust:1.91-trixie builds a glibc binary for distroless/cc', () => {
    const g = gen(Runtime.rust());
    expect(g.builderImage?.reference).toBe('rust:1.91-trixie');
    expect(g.finalImage.reference).toBe('gcr.io/distroless/cc-debian13:nonroot');
    expect(Runtime.rust().isStatic).toBe(false);
    const d = g.render();
    expect(d).toContain('cargo build --release --locked --offline');
    expect(d).toContain('cp target/release/app /out/');
    expect(execForm(d, 'ENTRYPOINT')).toEqual(['/app/app']);
  });

  test('Cargo.toml and Cargo.lock come before the sources, with cargo fetch between', () => {
    expectDependenciesFirst(text(Runtime.rust()), /^COPY Cargo\.toml Cargo\.lock \.\/$/, /cargo fetch --locked/);
  });

  test('the dependencies are built into a layer against a stub main, which survives an empty cache', () => {
    const d = text(Runtime.rust());
    expect(d).toContain("mkdir -p src && echo 'fn main() {}' > src/main.rs");
    expect(d).not.toContain('--mount=type=cache,target=/src/target');
    // The real sources are newer than the stub's build, whatever times the context kept.
    expect(lineIndex(d, /touch src\/main\.rs/)).toBeGreaterThan(lineIndex(d, /^COPY \. \.$/));
  });

  test('musl builds a static binary for distroless/static', () => {
    const runtime = Runtime.rust({ musl: true, binaryName: 'svc' });
    expect(runtime.isStatic).toBe(true);
    const d = text(runtime);
    expect(d).toContain('rustup target add "$(uname -m)-unknown-linux-musl"');
    expect(d).toContain('--target "$TARGET"');
    expect(d).toContain('cp "target/$TARGET/release/svc" /out/');
    expect(froms(d).pop()).toBe('gcr.io/distroless/static-debian13:nonroot');
    // The target is added before the manifest is copied: it does not change with the project.
    expect(lineIndex(d, /rustup target add/)).toBeLessThan(lineIndex(d, /^COPY Cargo/));
  });

  test('rustVersion and debian pick the build image', () => {
    expect(froms(text(Runtime.rust({ rustVersion: '1.90', debian: DebianRelease.DEBIAN12 })))).toEqual([
      'rust:1.90-bookworm AS build', 'gcr.io/distroless/cc-debian12:nonroot',
    ]);
  });

  test('fails if rustVersion and builderImage are both given', () => {
    expect(() => Runtime.rust({ rustVersion: '1.90', builderImage: BaseImage.rust() })).toThrow(/Runtime.rust: rustVersion and builderImage cannot be combined/);
  });

  test('fails if binaryName is not a file name', () => {
    expect(() => Runtime.rust({ binaryName: '-rf' })).toThrow(/Runtime.rust: binaryName "-rf" is not allowed/);
  });
});

describe('Runtime.nodejs', () => {
  test('defaults: node:24-trixie-slim and distroless/nodejs24, node runs index.js', () => {
    const g = gen(Runtime.nodejs());
    expect(g.builderImage?.reference).toBe('node:24-trixie-slim');
    expect(g.finalImage.reference).toBe('gcr.io/distroless/nodejs24-debian13:nonroot');
    const d = g.render();
    expect(execForm(d, 'ENTRYPOINT')).toEqual(['/nodejs/bin/node']);
    expect(execForm(d, 'CMD')).toEqual(['/app/index.js']);
    expect(envOf(d)).toEqual({ NODE_ENV: 'production' });
    expect(d).toContain('npm ci --omit=dev');
    expect(d).not.toContain('npm run');
    expect(d).toContain('COPY --from=build /src /app');
  });

  test('package.json and package-lock.json come before the sources, with npm ci between', () => {
    expectDependenciesFirst(text(Runtime.nodejs()), /^COPY package\*\.json \.\/$/, /^ {4}npm ci/);
  });

  test('the npm download cache is a cache mount', () => {
    expect(text(Runtime.nodejs())).toMatch(/^RUN --mount=type=cache,target=\/root\/\.npm \\\n {4}npm ci --omit=dev$/m);
  });

  test('a build script installs dev dependencies, runs the script and prunes them', () => {
    const d = text(Runtime.nodejs({ buildScript: 'build:prod' }));
    expect(d).toMatch(/^ {4}npm ci$/m);
    expect(d).toContain('npm run build:prod && npm prune --omit=dev');
    expect(lineIndex(d, /npm run/)).toBeGreaterThan(lineIndex(d, /^COPY \. \.$/));
  });

  test('nodeVersion, entry and debian', () => {
    const d = text(Runtime.nodejs({ nodeVersion: 22, entry: './dist/server.js', debian: DebianRelease.DEBIAN12 }));
    expect(froms(d)).toEqual(['node:22-bookworm-slim AS build', 'gcr.io/distroless/nodejs22-debian12:nonroot']);
    expect(execForm(d, 'CMD')).toEqual(['/app/dist/server.js']);
  });

  test('the Node.js version follows a given base image', () => {
    const d = text(Runtime.nodejs(), { baseImage: BaseImage.googleNodejs({ nodeVersion: 22 }) });
    expect(froms(d)[0]).toBe('node:22-trixie-slim AS build');
  });

  test('Chainguard node: its entrypoint is used', () => {
    const d = text(Runtime.nodejs(), { baseImage: BaseImage.chainguardNode() });
    expect(execForm(d, 'ENTRYPOINT')).toEqual(['/usr/bin/node']);
    expect(froms(d).pop()).toBe('cgr.dev/chainguard/node:latest');
  });

  test('fails if nodeVersion differs from the base image\'s Node.js', () => {
    expect(() => gen(Runtime.nodejs({ nodeVersion: 22 }), { baseImage: BaseImage.googleNodejs({ nodeVersion: 24 }) }))
      .toThrow(/builds for Node.js 22 \(nodeVersion\) but baseImage gcr.io\/distroless\/nodejs24-debian13:nonroot carries Node.js 24/);
  });

  test('fails if Google publishes no such Node.js image', () => {
    expect(() => Runtime.nodejs({ nodeVersion: 19 })).toThrow(/Google distroless publishes no nodejs19-debian13/);
  });

  test('fails if nodeVersion is not a whole number', () => {
    expect(() => Runtime.nodejs({ nodeVersion: 22.5 })).toThrow(/Runtime.nodejs: nodeVersion 22.5 is not a major version/);
  });

  test('fails if nodeVersion and builderImage are both given', () => {
    expect(() => Runtime.nodejs({ nodeVersion: 22, builderImage: BaseImage.node() })).toThrow(/nodeVersion and builderImage cannot be combined/);
  });

  test('fails if buildScript is not an npm script name', () => {
    expect(() => Runtime.nodejs({ buildScript: 'build; rm -rf /' })).toThrow(/Runtime.nodejs: buildScript "build; rm -rf \/" is not allowed/);
  });

  test('fails if entry is the project root', () => {
    expect(() => Runtime.nodejs({ entry: '.' })).toThrow(/Runtime.nodejs: entry "." is not allowed: it names the project root/);
  });

  test('fails if the base image carries no Node.js', () => {
    expect(() => gen(Runtime.nodejs(), { baseImage: BaseImage.googleBase() }))
      .toThrow(/the nodejs runtime needs a base image with nodejs, but baseImage gcr.io\/distroless\/base-debian13:nonroot carries no language runtime/);
  });

  test('fails if a custom Node.js base states no entrypoint', () => {
    const custom = BaseImage.fromRegistry('registry.example.com/node:1', {
      libc: Libc.GLIBC, hasShell: false, hasPackageManager: false, runtime: 'nodejs', defaultUser: { uid: 1000, gid: 1000 },
    });
    expect(() => gen(Runtime.nodejs(), { baseImage: custom })).toThrow(/states no entrypoint, so the nodejs runtime does not know where node is/);
  });
});

describe('Runtime.python', () => {
  test('defaults: python:3.13-slim-trixie and distroless/python3 (Python 3.13), pip --target on PYTHONPATH', () => {
    const g = gen(Runtime.python());
    expect(g.builderImage?.reference).toBe('python:3.13-slim-trixie');
    expect(g.finalImage.reference).toBe('gcr.io/distroless/python3-debian13:nonroot');
    const d = g.render();
    expect(execForm(d, 'ENTRYPOINT')).toEqual(['/usr/bin/python3.13']);
    expect(execForm(d, 'CMD')).toEqual(['/app/main.py']);
    expect(d).toContain('--target /out/site-packages -r requirements.txt');
    expect(d).toContain('COPY --from=build /out/site-packages /opt/python-packages');
    expect(envOf(d)).toEqual({ PYTHONPATH: '/opt/python-packages', PYTHONDONTWRITEBYTECODE: '1', PYTHONUNBUFFERED: '1' });
  });

  test('requirements.txt comes before the sources, with pip install between', () => {
    expectDependenciesFirst(text(Runtime.python()), /^COPY requirements\.txt requirements\.txt$/, /pip install/);
  });

  test('the pip download cache is a cache mount', () => {
    expect(text(Runtime.python())).toMatch(/^RUN --mount=type=cache,target=\/root\/\.cache\/pip \\$/m);
  });

  test('Debian 12 pairs Python 3.11 in both stages', () => {
    const d = text(Runtime.python({ debian: DebianRelease.DEBIAN12 }));
    expect(froms(d)).toEqual(['python:3.11-slim-bookworm AS build', 'gcr.io/distroless/python3-debian12:nonroot']);
    expect(execForm(d, 'ENTRYPOINT')).toEqual(['/usr/bin/python3.11']);
  });

  test('a Debian 12 base image given as baseImage picks the 3.11 builder', () => {
    expect(froms(text(Runtime.python(), { baseImage: BaseImage.googlePython3({ debian: DebianRelease.DEBIAN12 }) }))[0])
      .toBe('python:3.11-slim-bookworm AS build');
  });

  test('entry and requirementsFile', () => {
    const d = text(Runtime.python({ entry: 'src/app.py', requirementsFile: 'requirements/prod.txt' }));
    expect(d).toContain('COPY requirements/prod.txt requirements/prod.txt');
    expect(d).toContain('-r requirements/prod.txt');
    expect(execForm(d, 'CMD')).toEqual(['/app/src/app.py']);
  });

  test('fails if the builder\'s Python differs from the final image\'s', () => {
    expect(() => gen(Runtime.python({ builderImage: BaseImage.python('3.11-slim-bookworm') })))
      .toThrow(/python build image python:3.11-slim-bookworm has Python 3.11 but baseImage gcr.io\/distroless\/python3-debian13:nonroot runs Python 3.13/);
  });

  test('Chainguard python: its entrypoint is used', () => {
    expect(execForm(text(Runtime.python(), { baseImage: BaseImage.chainguardPython() }), 'ENTRYPOINT')).toEqual(['/usr/bin/python']);
  });

  test('fails if entry has a space', () => {
    expect(() => Runtime.python({ entry: 'my app.py' })).toThrow(/Runtime.python: entry "my app.py" is not allowed: it contains " "/);
  });
});

describe('Runtime.javaJar', () => {
  test('defaults: Maven with Corretto 21 builds, distroless/java21 runs java -jar', () => {
    const g = gen(Runtime.javaJar());
    expect(g.builderImage?.reference).toBe('maven:3.9-amazoncorretto-21-debian');
    expect(g.finalImage.reference).toBe('gcr.io/distroless/java21-debian13:nonroot');
    const d = g.render();
    expect(execForm(d, 'ENTRYPOINT')).toEqual(['/usr/bin/java', '-jar']);
    expect(execForm(d, 'CMD')).toEqual(['/app/app.jar']);
    expect(d).toContain('cp target/*.jar /out/app.jar');
  });

  test('Maven: the pom comes before the sources, with dependency:go-offline between', () => {
    expectDependenciesFirst(text(Runtime.javaJar()), /^COPY pom\.xml \.\/$/, /mvn .*dependency:go-offline/);
  });

  test('Gradle: the build scripts come before the sources', () => {
    const g = gen(Runtime.javaJar({ buildTool: JavaBuild.GRADLE }));
    expect(g.builderImage?.reference).toBe('gradle:8-jdk21');
    const d = g.render();
    expectDependenciesFirst(d, /^COPY \*\.gradle\* \.\/$/, /gradle .*dependencies/);
    expect(d).toContain('cp build/libs/*.jar /out/app.jar');
  });

  test('javac: a JDK compiles the main class and writes the jar', () => {
    const g = gen(Runtime.javaJar({ buildTool: JavaBuild.JAVAC, mainClass: 'com.example.Main', sourceDirectory: 'java' }));
    expect(g.builderImage?.reference).toBe('amazoncorretto:21-al2023-jdk');
    const d = g.render();
    expect(d).toContain('COPY java ./java');
    expect(d).toContain('javac -d /out/classes --source-path java java/com/example/Main.java');
    expect(d).toContain('--main-class com.example.Main');
  });

  test('javac: mainClass defaults to Main in src', () => {
    expect(text(Runtime.javaJar({ buildTool: JavaBuild.JAVAC }))).toContain('--source-path src src/Main.java');
  });

  test('prebuilt: the jar is copied from the build context, with no build stage', () => {
    const g = gen(Runtime.javaJar({ buildTool: JavaBuild.PREBUILT, jarPath: 'dist/service.jar' }));
    expect(g.builderImage).toBeUndefined();
    const d = g.render();
    expect(froms(d)).toEqual(['gcr.io/distroless/java21-debian13:nonroot']);
    expect(d).toContain('COPY dist/service.jar /app/app.jar');
  });

  test('javaVersion picks both stages', () => {
    const d = text(Runtime.javaJar({ javaVersion: 17 }));
    expect(froms(d)).toEqual(['maven:3.9-amazoncorretto-17-debian AS build', 'gcr.io/distroless/java17-debian13:nonroot']);
  });

  test('Chainguard jre: -jar is added to its java entrypoint', () => {
    expect(execForm(text(Runtime.javaJar(), { baseImage: BaseImage.chainguardJre() }), 'ENTRYPOINT')).toEqual(['/usr/bin/java', '-jar']);
  });

  test('fails if the Java version differs from the base image\'s', () => {
    expect(() => gen(Runtime.javaJar({ javaVersion: 25 }), { baseImage: BaseImage.googleJava({ javaVersion: 21 }) }))
      .toThrow(/builds for Java 25 \(javaVersion\) but baseImage gcr.io\/distroless\/java21-debian13:nonroot carries Java 21/);
  });

  test('fails if buildTool is unknown', () => {
    expect(() => Runtime.javaJar({ buildTool: 'ant' as JavaBuild })).toThrow(/Runtime.javaJar: buildTool "ant" is not a JavaBuild/);
  });

  test('fails if builderImage is given for a prebuilt jar', () => {
    expect(() => Runtime.javaJar({ buildTool: JavaBuild.PREBUILT, builderImage: BaseImage.maven() })).toThrow(/builderImage cannot be used with JavaBuild.PREBUILT/);
  });

  test('fails if jarPath is given for javac', () => {
    expect(() => Runtime.javaJar({ buildTool: JavaBuild.JAVAC, jarPath: 'x.jar' })).toThrow(/jarPath cannot be used with JavaBuild.JAVAC/);
  });

  test('fails if mainClass is given for Maven', () => {
    expect(() => Runtime.javaJar({ mainClass: 'a.B' })).toThrow(/mainClass and sourceDirectory only apply to JavaBuild.JAVAC/);
  });

  test('fails if mainClass is not a class name', () => {
    expect(() => Runtime.javaJar({ buildTool: JavaBuild.JAVAC, mainClass: 'a.B; rm' })).toThrow(/mainClass "a.B; rm" is not allowed/);
  });

  test('fails if the base image carries no Java', () => {
    expect(() => gen(Runtime.javaJar(), { baseImage: BaseImage.googleJavaBase() })).toThrow(/needs a base image with java/);
  });
});

describe('Runtime.javaJlink', () => {
  test('defaults: Maven builds, Corretto 21 runs jlink, distroless/java-base runs the runtime', () => {
    const g = gen(Runtime.javaJlink());
    expect(g.builderImage?.reference).toBe('maven:3.9-amazoncorretto-21-debian');
    expect(g.finalImage.reference).toBe('gcr.io/distroless/java-base-debian13:nonroot');
    const d = g.render();
    expect(froms(d)).toEqual(['maven:3.9-amazoncorretto-21-debian AS build', 'amazoncorretto:21-al2023-jdk AS modules',
      'amazoncorretto:21-al2023-jdk AS jlink', 'gcr.io/distroless/java-base-debian13:nonroot']);
    // The module list comes from the application's bytecode, in a stage of its own, plus TLS's elliptic curves.
    expect(d).toMatch(/jdeps --ignore-missing-deps --print-module-deps --multi-release 21 --recursive/);
    expect(d).toContain("printf ',jdk.crypto.ec' >> /out/modules");
    expect(d).toContain('COPY --from=modules /out/modules /tmp/modules');
    expect(d).toContain('--add-modules "$(cat /tmp/modules)"');
    expect(d).toContain('--compress=zip-6');
    // --strip-debug needs objcopy on some JDK builds; slim JDK images have none.
    expect(d).toContain('--strip-java-debug-attributes');
    expect(d).not.toMatch(/^\s+--strip-debug /m);
    expect(d).toContain('COPY --from=jlink /out/java /opt/java');
    expect(execForm(d, 'ENTRYPOINT')).toEqual(['/opt/java/bin/java', '-jar']);
    expect(execForm(d, 'CMD')).toEqual(['/app/app.jar']);
    expect(envOf(d)).toEqual({ JAVA_HOME: '/opt/java' });
  });

  test('Liberica: the jdk-all image has the jmods', () => {
    expect(froms(text(Runtime.javaJlink({ jdk: JlinkJdk.LIBERICA })))[2]).toBe('bellsoft/liberica-runtime-container:jdk-all-21-glibc AS jlink');
  });

  test('modules and javaVersion', () => {
    const d = text(Runtime.javaJlink({ modules: ['java.base', 'java.sql'], javaVersion: 25 }));
    expect(d).toContain('--add-modules java.base,java.sql \\');
    expect(froms(d)[1]).toBe('amazoncorretto:25-al2023-jdk AS jlink');
  });

  test('after Java 21, elliptic curves are in java.base', () => {
    expect(text(Runtime.javaJlink({ javaVersion: 25 }))).not.toContain('jdk.crypto.ec');
  });

  test('Java 17 uses the numeric compression level', () => {
    expect(text(Runtime.javaJlink({ javaVersion: 17 }))).toContain('--compress=2');
  });

  test('javac builds in the jlink JDK; prebuilt needs no build stage', () => {
    expect(froms(text(Runtime.javaJlink({ buildTool: JavaBuild.JAVAC })))[0]).toBe('amazoncorretto:21-al2023-jdk AS build');
    const prebuilt = text(Runtime.javaJlink({ buildTool: JavaBuild.PREBUILT }));
    expect(froms(prebuilt)).toEqual(['amazoncorretto:21-al2023-jdk AS modules', 'amazoncorretto:21-al2023-jdk AS jlink', 'gcr.io/distroless/java-base-debian13:nonroot']);
    expect(prebuilt).toContain('COPY target/*.jar /app/app.jar');
    expect(prebuilt).toContain('COPY target/*.jar /in/app.jar');
  });

  test('jdkImage replaces the JDK', () => {
    expect(froms(text(Runtime.javaJlink({ jdkImage: BaseImage.libericaRuntimeContainer() })))[2])
      .toBe('bellsoft/liberica-runtime-container:jdk-21-glibc AS jlink');
  });

  test('fails if jdk and jdkImage are both given', () => {
    expect(() => Runtime.javaJlink({ jdk: JlinkJdk.CORRETTO, jdkImage: BaseImage.corretto() })).toThrow(/jdk and jdkImage cannot be combined/);
  });

  test('fails if the JDK uses musl', () => {
    expect(() => Runtime.javaJlink({ jdkImage: BaseImage.corretto({ libc: Libc.MUSL }) })).toThrow(/jdkImage amazoncorretto:21-alpine uses musl libc/);
  });

  test('fails if modules is empty or holds a bad name', () => {
    expect(() => Runtime.javaJlink({ modules: [] })).toThrow(/modules must be a non-empty list/);
    expect(() => Runtime.javaJlink({ modules: ['java.base,evil'] })).toThrow(/modules\[0\] "java.base,evil" is not allowed/);
  });

  test('fails if jdk is unknown', () => {
    expect(() => Runtime.javaJlink({ jdk: 'zulu' as JlinkJdk })).toThrow(/jdk "zulu" is not a JlinkJdk/);
  });

  test('fails on a base without glibc', () => {
    expect(() => gen(Runtime.javaJlink(), { baseImage: BaseImage.googleStatic() })).toThrow(/links glibc, but baseImage .* has no C library/);
  });
});

describe('Runtime.dotnet', () => {
  test('defaults: the .NET 10 SDK builds, chiseled ASP.NET Core runs App.dll as app (1654)', () => {
    const g = gen(Runtime.dotnet());
    expect(g.builderImage?.reference).toBe('mcr.microsoft.com/dotnet/sdk:10.0');
    expect(g.finalImage.reference).toBe('mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled');
    expect(g.user.uid).toBe(1654);
    const d = g.render();
    expect(execForm(d, 'ENTRYPOINT')).toEqual(['/usr/bin/dotnet', '/app/App.dll']);
    expect(d).toMatch(/^USER 1654:1654$/m);
    expect(d).toContain('dotnet publish App.csproj --configuration Release --no-restore -p:UseAppHost=false --output /out');
  });

  test('the project file comes before the sources, with dotnet restore between', () => {
    expectDependenciesFirst(text(Runtime.dotnet()), /^COPY App\.csproj App\.csproj$/, /^RUN dotnet restore App\.csproj$/);
  });

  test('aspnet: false runs on the chiseled .NET runtime', () => {
    expect(froms(text(Runtime.dotnet({ aspnet: false }))).pop()).toBe('mcr.microsoft.com/dotnet/runtime:10.0-noble-chiseled');
  });

  test('dotnetVersion, assemblyName and projectFile', () => {
    const d = text(Runtime.dotnet({ dotnetVersion: '8.0', assemblyName: 'Shop.Api', projectFile: 'src/Shop.Api/Shop.Api.csproj' }));
    expect(froms(d)).toEqual(['mcr.microsoft.com/dotnet/sdk:8.0 AS build', 'mcr.microsoft.com/dotnet/aspnet:8.0-noble-chiseled']);
    expect(d).toContain('COPY src/Shop.Api/Shop.Api.csproj src/Shop.Api/Shop.Api.csproj');
    expect(execForm(d, 'ENTRYPOINT')).toEqual(['/usr/bin/dotnet', '/app/Shop.Api.dll']);
  });

  test('the SDK version follows a given base image', () => {
    expect(froms(text(Runtime.dotnet(), { baseImage: BaseImage.dotnetChiseled({ dotnetVersion: '9.0', flavor: DotnetFlavor.ASPNET }) }))[0])
      .toBe('mcr.microsoft.com/dotnet/sdk:9.0 AS build');
  });

  test('Chainguard ASP.NET: its dotnet entrypoint and user 65532', () => {
    const g = gen(Runtime.dotnet(), { baseImage: BaseImage.chainguardAspnetRuntime() });
    expect(g.user.uid).toBe(65532);
    expect(execForm(g.render(), 'ENTRYPOINT')).toEqual(['/usr/bin/dotnet', '/app/App.dll']);
  });

  test('fails if dotnetVersion differs from the base image\'s', () => {
    expect(() => gen(Runtime.dotnet({ dotnetVersion: '8.0' }), { baseImage: BaseImage.dotnetChiseled() }))
      .toThrow(/builds for .NET 8.0 \(dotnetVersion\) but baseImage .* carries .NET 10.0/);
  });

  test('fails if dotnetVersion is not major.minor', () => {
    expect(() => Runtime.dotnet({ dotnetVersion: '8' })).toThrow(/dotnetVersion "8" is not a .NET channel/);
  });

  test('fails if the base image has no .NET', () => {
    expect(() => gen(Runtime.dotnet(), { baseImage: BaseImage.dotnetChiseled({ flavor: DotnetFlavor.RUNTIME_DEPS }) })).toThrow(/needs a base image with dotnet/);
  });
});

describe('Runtime.cpp', () => {
  test('defaults: make in gcc:14, a glibc binary on distroless/cc', () => {
    const g = gen(Runtime.cpp());
    expect(g.builderImage?.reference).toBe('gcc:14');
    expect(g.finalImage.reference).toBe('gcr.io/distroless/cc-debian13:nonroot');
    const d = g.render();
    expect(d).toContain('RUN make -j"$(nproc)"');
    expect(d).toContain('cp app /out/app');
    expect(execForm(d, 'ENTRYPOINT')).toEqual(['/app/app']);
    expect(d).not.toContain('ldd');
  });

  test('staticLinking links -static, checks the result and runs on distroless/static', () => {
    const runtime = Runtime.cpp({ staticLinking: true });
    expect(runtime.isStatic).toBe(true);
    const d = text(runtime);
    expect(d).toContain('LDFLAGS=-static make');
    expect(d).toContain('if ldd /out/app >/dev/null 2>&1; then');
    expect(froms(d).pop()).toBe('gcr.io/distroless/static-debian13:nonroot');
  });

  test('cmake installs cmake before the sources are copied and builds into build/', () => {
    const d = text(Runtime.cpp({ buildTool: CppBuild.CMAKE, binaryName: 'server' }));
    expect(lineIndex(d, /apt-get install -y --no-install-recommends cmake/)).toBeLessThan(lineIndex(d, /^COPY \. \.$/));
    expect(d).toContain('cmake -S . -B build -DCMAKE_BUILD_TYPE=Release \\');
    expect(d).toContain('cp build/server /out/server');
  });

  test('binaryName may be a path; the image holds its file name', () => {
    const d = text(Runtime.cpp({ binaryName: 'out/bin/tool' }));
    expect(d).toContain('cp out/bin/tool /out/tool');
    expect(execForm(d, 'ENTRYPOINT')).toEqual(['/app/tool']);
  });

  test('fails if buildTool is unknown', () => {
    expect(() => Runtime.cpp({ buildTool: 'bazel' as CppBuild })).toThrow(/Runtime.cpp: buildTool "bazel" is not a CppBuild/);
  });

  test('fails if a dynamic build targets a base without glibc', () => {
    expect(() => gen(Runtime.cpp(), { baseImage: BaseImage.googleStatic() })).toThrow(/Or link with staticLinking: true/);
  });
});

describe('Runtime.staticBinary', () => {
  test('defaults: the binary app from the context on distroless/static, no build stage', () => {
    const g = gen(Runtime.staticBinary());
    expect(g.builderImage).toBeUndefined();
    expect(g.finalImage.reference).toBe('gcr.io/distroless/static-debian13:nonroot');
    const d = g.render();
    expect(froms(d)).toEqual(['gcr.io/distroless/static-debian13:nonroot']);
    expect(d).toContain('COPY app /app/app');
    expect(execForm(d, 'ENTRYPOINT')).toEqual(['/app/app']);
  });

  test('binaryPath', () => {
    const d = text(Runtime.staticBinary({ binaryPath: 'dist/linux/svc' }));
    expect(d).toContain('COPY dist/linux/svc /app/svc');
  });

  test('on scratch the helper stage defaults to Alpine', () => {
    expect(froms(text(Runtime.staticBinary(), { baseImage: BaseImage.scratch() }))).toEqual(['alpine:3.22 AS rootfs', 'scratch']);
  });

  test('helperImage replaces Alpine', () => {
    expect(froms(text(Runtime.staticBinary({ helperImage: BaseImage.ubiMinimal() }), { baseImage: BaseImage.scratch() }))[0])
      .toBe('registry.access.redhat.com/ubi9/ubi-minimal:latest AS rootfs');
    // For writable directories alone, no CA bundle is needed.
    expect(froms(text(Runtime.staticBinary({ helperImage: BaseImage.debianSlim() }), { writablePaths: ['/data'] }))[0]).toBe('debian:trixie-slim AS rootfs');
  });

  test('on scratch, a helper image without CA certificates gives way to Alpine', () => {
    expect(froms(text(Runtime.staticBinary({ helperImage: BaseImage.debianSlim() }), { baseImage: BaseImage.scratch() }))[0]).toBe('alpine:3.22 AS rootfs');
  });

  test('fails if binaryPath is absolute', () => {
    expect(() => Runtime.staticBinary({ binaryPath: '/usr/bin/app' })).toThrow(/Runtime.staticBinary: binaryPath "\/usr\/bin\/app" is not allowed: it is absolute/);
  });

  test('fails if helperImage has no shell', () => {
    expect(() => Runtime.staticBinary({ helperImage: BaseImage.googleStatic() })).toThrow(/helperImage .* has no shell/);
  });
});
