import { BaseImage, DebianRelease } from '../image';

/** Options every runtime whose default final image is Google distroless shares. */
export interface DebianRuntimeOptions {
  /**
   * Debian release of the default final image, and of the default build image where the
   * toolchain publishes one per release (so glibc and Python versions match).
   * @default DebianRelease.DEBIAN13
   */
  readonly debian?: DebianRelease;
}

/** Options for `Runtime.go()`. */
export interface GoRuntimeOptions extends DebianRuntimeOptions {
  /**
   * Build with cgo. A cgo binary links glibc dynamically, so it runs on `distroless/base`;
   * without cgo the binary is static and runs on `distroless/static`.
   * @default false
   */
  readonly cgo?: boolean;
  /**
   * Go version of the build image (`golang:<goVersion>-<debian codename>`).
   * @default '1.25'
   */
  readonly goVersion?: string;
  /**
   * Build image. Cannot be combined with `goVersion`.
   * @default BaseImage.golang('1.25-trixie')
   */
  readonly builderImage?: BaseImage;
  /**
   * Main package the image runs, relative to the module (or go.work) root, e.g. `./cmd/server`.
   * @default - detected: the only main package of the module or workspace (an error lists them when there are several); '.' without a projectDirectory
   */
  readonly packagePath?: string;
  /**
   * Name of the binary in the image (`/app/<binaryName>` with the default workdir).
   * @default 'app'
   */
  readonly binaryName?: string;
  /**
   * More main packages built into the image, each as `/app/<last path segment>` (e.g. a migration tool next to the server).
   * @default - only packagePath
   */
  readonly additionalPackages?: string[];
  /**
   * Private module paths (`GOPRIVATE`, e.g. `github.com/acme/*`). Their download reads credentials from the
   * BuildKit secret `netrc` (a .netrc file: `--secret id=netrc,src=$HOME/.netrc`), never from a build argument.
   * @default - no private modules
   */
  readonly privateModules?: string;
  /**
   * A string variable stamped with the build argument `VERSION` through `-ldflags -X`, e.g. `main.version`
   * (build with `--build-arg VERSION=1.2.3`).
   * @default - no version stamping
   */
  readonly versionVariable?: string;
}

/** Options for `Runtime.rust()`. */
export interface RustRuntimeOptions extends DebianRuntimeOptions {
  /**
   * Name of the binary Cargo builds (`--bin`: the package or `[[bin]]` name).
   * @default - detected: the only binary of the package (or workspace); 'app' without a projectDirectory
   */
  readonly binaryName?: string;
  /**
   * Workspace member to build (`cargo build -p <package>`).
   * @default - detected: the member that has the binary; none without a projectDirectory
   */
  readonly package?: string;
  /**
   * Build a static binary for the `<arch>-unknown-linux-musl` target, which runs on
   * `distroless/static` (or scratch). Otherwise the binary links glibc and runs on `distroless/cc`.
   * @default - true when baseImage has no C library (static, scratch), otherwise false
   */
  readonly musl?: boolean;
  /**
   * Rust version of the build image (`rust:<rustVersion>-<debian codename>`).
   * @default '1.91'
   */
  readonly rustVersion?: string;
  /**
   * Build image. Cannot be combined with `rustVersion`.
   * @default BaseImage.rust('1.91-trixie')
   */
  readonly builderImage?: BaseImage;
}

/** The package manager of a Node.js project. */
export enum NodePackageManager {
  /** npm: `package-lock.json` or `npm-shrinkwrap.json`, `npm ci`. */
  NPM = 'npm',
  /** pnpm: `pnpm-lock.yaml`, `pnpm install --frozen-lockfile` (`pnpm deploy` for a workspace package). */
  PNPM = 'pnpm',
  /** Yarn classic (1.x): `yarn.lock`, `yarn install --frozen-lockfile`. */
  YARN_CLASSIC = 'yarn-classic',
  /** Yarn Berry (2+) with the node-modules linker: `yarn.lock` with `.yarnrc.yml`, `yarn install --immutable`. */
  YARN_BERRY = 'yarn-berry',
}

/** Options for `Runtime.nodejs()`. */
export interface NodejsRuntimeOptions extends DebianRuntimeOptions {
  /**
   * Package manager.
   * @default - detected from the lockfile and `packageManager` in package.json when the
   * generator has a projectDirectory, otherwise NodePackageManager.NPM
   */
  readonly packageManager?: NodePackageManager;
  /**
   * Exact package-manager version, activated with corepack (e.g. `9.12.3`).
   * @default - the version `packageManager` in package.json pins; otherwise the one the build image ships (npm),
   * or corepack's default
   */
  readonly packageManagerVersion?: string;
  /**
   * The workspace package to build (its name in package.json, or its folder), for npm, pnpm and
   * Yarn workspaces. Only its production dependency closure reaches the final image.
   * @default - the project root is the application; a workspace root with several packages is an error naming them
   */
  readonly workspace?: string;
  /**
   * Folder the build script writes (relative to the package), which the final image gets
   * instead of the sources.
   * @default - `compilerOptions.outDir` of tsconfig.json, or 'dist' when the project has a build script;
   * the whole package when nothing is built
   */
  readonly outputDirectory?: string;
  /**
   * Node.js major version, for both the build image and the final image.
   * @default - the final base image's Node.js version when `baseImage` is given, otherwise 24
   */
  readonly nodeVersion?: number;
  /**
   * Script the final image runs, relative to the project (or workspace package) root.
   * @default - detected from `scripts.start` (`node <file>`), `main` or `bin` in package.json; otherwise 'index.js'
   */
  readonly entry?: string;
  /**
   * A package script to run after the sources are copied (e.g. `build` for TypeScript). Dev
   * dependencies are installed for it in a build stage; the final image gets its output and
   * the production dependencies only.
   * @default - `build` when package.json has a `build` script (with a projectDirectory); otherwise none:
   * only production dependencies are installed
   */
  readonly buildScript?: string;
  /**
   * Build image. Cannot be combined with `nodeVersion`.
   * @default BaseImage.node('<nodeVersion>-<debian codename>-slim')
   */
  readonly builderImage?: BaseImage;
}

/** How a Python project declares its dependencies. */
export enum PythonDependencies {
  /** A requirements file, installed with pip. */
  REQUIREMENTS = 'requirements',
  /** uv: `uv.lock`, exported with `uv export --frozen` and installed with `uv pip`. */
  UV = 'uv',
  /** Poetry: `poetry.lock`, exported with `poetry export` and installed with pip. */
  POETRY = 'poetry',
  /** A PEP 517 project (`pyproject.toml` with a build backend), installed with `pip install .`. */
  PEP517 = 'pep517',
}

/** Options for `Runtime.python()`. */
export interface PythonRuntimeOptions extends DebianRuntimeOptions {
  /**
   * Script the final image runs, relative to the project root. Cannot be combined with `module` or `consoleScript`.
   * @default - detected: the single `[project.scripts]` entry, a package with `__main__.py`, or main.py / app.py; otherwise 'main.py'
   */
  readonly entry?: string;
  /**
   * Module the final image runs with `python -m` (e.g. `myapp` or `myapp.server`).
   * @default - see `entry`
   */
  readonly module?: string;
  /**
   * Console script of `[project.scripts]` (or `[tool.poetry.scripts]`) the final image runs, by name.
   * @default - see `entry`
   */
  readonly consoleScript?: string;
  /**
   * How dependencies are declared.
   * @default - detected: uv.lock → UV, poetry.lock → POETRY, a requirements file → REQUIREMENTS,
   * pyproject.toml with a build backend → PEP517; without a projectDirectory, REQUIREMENTS
   */
  readonly dependencies?: PythonDependencies;
  /**
   * Requirements file installed with `pip install --target`, relative to the project root.
   * It must exist (it may be empty).
   * @default 'requirements.txt'
   */
  readonly requirementsFile?: string;
  /**
   * uv version (the `ghcr.io/astral-sh/uv` image tag) for `PythonDependencies.UV`.
   * @default - `required-version` of `[tool.uv]` when it names one version, otherwise '0.9'
   */
  readonly uvVersion?: string;
  /**
   * Poetry version for `PythonDependencies.POETRY`.
   * @default - the version that wrote poetry.lock, otherwise '2.2.1'
   */
  readonly poetryVersion?: string;
  /**
   * Build image. Its Python minor version must be the final image's (Debian 13 ships 3.13,
   * Debian 12 ships 3.11), or compiled wheels will not load.
   * @default BaseImage.python('<final Python version>-slim-<debian codename>')
   */
  readonly builderImage?: BaseImage;
}

/** How the jar of a Java application is produced. */
export enum JavaBuild {
  /** `mvn package`, after `mvn dependency:go-offline` on the pom alone. */
  MAVEN = 'maven',
  /** `gradle build`, after resolving dependencies from the build scripts alone. */
  GRADLE = 'gradle',
  /** Plain `javac` and `jar`, for applications without dependencies. */
  JAVAC = 'javac',
  /** A jar built outside Docker, copied from the build context. */
  PREBUILT = 'prebuilt',
}

/** Options shared by the Java runtimes. */
export interface JavaBuildOptions extends DebianRuntimeOptions {
  /**
   * How the jar is produced.
   * @default - detected: pom.xml → MAVEN, build.gradle(.kts) or settings.gradle(.kts) → GRADLE, only .java sources → JAVAC;
   * JavaBuild.MAVEN without a projectDirectory
   */
  readonly buildTool?: JavaBuild;
  /**
   * Java feature release of the build and final images.
   * @default - the final base image's Java version when `baseImage` is given, otherwise 21
   */
  readonly javaVersion?: number;
  /**
   * Where the jar is, relative to the project root; `*` is allowed and must match one file.
   * Not used with `JavaBuild.JAVAC`, which writes the jar itself.
   * @default - 'target/*.jar' for Maven and prebuilt jars, 'build/libs/*.jar' for Gradle
   */
  readonly jarPath?: string;
  /**
   * Main class, for `JavaBuild.JAVAC`: its source is `<sourceDirectory>/<package path>/<Class>.java`,
   * and javac compiles every class it references.
   * @default 'Main'
   */
  readonly mainClass?: string;
  /**
   * Source root, for `JavaBuild.JAVAC`.
   * @default 'src'
   */
  readonly sourceDirectory?: string;
  /**
   * Module of a Maven or Gradle multi-module build to package (its folder, e.g. `api` or `services/api`);
   * its build resolves the modules it depends on (`mvn -pl <module> -am`, `gradle :<module>:build`).
   * @default - detected: the only module that builds an application (a Spring Boot module, or the only one);
   * the root project without a projectDirectory
   */
  readonly module?: string;
  /**
   * Split a Spring Boot jar into its layers (dependencies, spring-boot-loader, snapshot-dependencies,
   * application) with the jar's own `jarmode`, each a separate COPY, so a code change ships one small layer.
   * @default - true when the build applies the Spring Boot plugin (with a projectDirectory)
   */
  readonly springBootLayers?: boolean;
  /**
   * Build image.
   * @default - BaseImage.maven('3.9-amazoncorretto-<javaVersion>-debian'), BaseImage.gradle('8-jdk<javaVersion>'),
   * or a JDK (BaseImage.corretto()) for JavaBuild.JAVAC; none for JavaBuild.PREBUILT
   */
  readonly builderImage?: BaseImage;
}

/** Options for `Runtime.javaJar()`. */
export interface JavaJarRuntimeOptions extends JavaBuildOptions {}

/** Which JDK builds a jlink runtime. */
export enum JlinkJdk {
  /** Amazon Corretto (`amazoncorretto:<version>-al2023-jdk`). */
  CORRETTO = 'corretto',
  /** BellSoft Liberica (`bellsoft/liberica-runtime-container:jdk-all-<version>-glibc`, which has the jmods). */
  LIBERICA = 'liberica',
}

/** Options for `Runtime.javaJlink()`. */
export interface JavaJlinkRuntimeOptions extends JavaBuildOptions {
  /**
   * JDK that runs jlink.
   * @default JlinkJdk.CORRETTO
   */
  readonly jdk?: JlinkJdk;
  /**
   * JDK image that runs jlink. Cannot be combined with `jdk`. It must be a glibc JDK with jmods.
   * @default - the image for `jdk`
   */
  readonly jdkImage?: BaseImage;
  /**
   * Java modules of the runtime.
   * @default - computed from the application with `jdeps --print-module-deps` (plus jdk.crypto.ec up to
   * Java 21, which TLS loads as a service that jdeps cannot see)
   */
  readonly modules?: string[];
}

/** Options for `Runtime.dotnet()`. */
export interface DotnetRuntimeOptions {
  /**
   * Assembly the final image runs (`<assemblyName>.dll`).
   * @default - `AssemblyName` of the project file, or its file name; 'App' without a projectDirectory
   */
  readonly assemblyName?: string;
  /**
   * Project file, relative to the project root (in a solution: the project to publish).
   * @default - detected: the only project in the folder, or the only executable project of the solution; '<assemblyName>.csproj' without a projectDirectory
   */
  readonly projectFile?: string;
  /**
   * Run on the ASP.NET Core runtime (`aspnet`) rather than the plain .NET runtime.
   * @default - true for `Microsoft.NET.Sdk.Web` projects (and without a projectDirectory), false for other SDKs
   */
  readonly aspnet?: boolean;
  /**
   * Publish self-contained (trimmed when the project says PublishTrimmed), to run on the `runtime-deps` image with no .NET runtime.
   * @default - the project's SelfContained, PublishTrimmed or PublishAot; false without a projectDirectory
   */
  readonly selfContained?: boolean;
  /**
   * The app needs culture data and time zones: run on the `-extra` image (ICU and tzdata) instead of globalization-invariant mode.
   * @default - true when the project sets InvariantGlobalization to false; otherwise false (invariant)
   */
  readonly globalization?: boolean;
  /**
   * .NET version of the SDK and runtime images.
   * @default - the final base image's .NET version when `baseImage` is given, otherwise '10.0'
   */
  readonly dotnetVersion?: string;
  /**
   * Build image. Cannot be combined with `dotnetVersion`.
   * @default BaseImage.dotnetSdk('<dotnetVersion>')
   */
  readonly builderImage?: BaseImage;
}

/** How a C or C++ program is built. */
export enum CppBuild {
  /** `make` in the project root. */
  MAKE = 'make',
  /** `cmake` configure and build into `build/` (cmake is installed into the build image). */
  CMAKE = 'cmake',
}

/** Options for `Runtime.cpp()`. */
export interface CppRuntimeOptions extends DebianRuntimeOptions {
  /**
   * Build system.
   * @default CppBuild.MAKE
   */
  readonly buildTool?: CppBuild;
  /**
   * The binary the build writes: relative to the project root for make, to the build
   * directory for cmake. The image holds it as `/app/<file name>`.
   * @default 'app'
   */
  readonly binaryName?: string;
  /**
   * Link statically (`-static`), so the binary runs on `distroless/static` (or scratch).
   * Otherwise it links glibc and libstdc++ dynamically and runs on `distroless/cc`.
   * @default false
   */
  readonly staticLinking?: boolean;
  /**
   * Build image.
   * @default BaseImage.gcc('14')
   */
  readonly builderImage?: BaseImage;
}

/** Options for `Runtime.staticBinary()`. */
export interface StaticBinaryRuntimeOptions extends DebianRuntimeOptions {
  /**
   * The statically linked binary, relative to the build context. The image holds it as
   * `/app/<file name>`.
   * @default 'app'
   */
  readonly binaryPath?: string;
  /**
   * Image with a shell for the helper stage that prepares writable directories (and, for
   * scratch, /etc/passwd, CA certificates and /tmp). Only used when such a stage is needed; for
   * scratch it must have /etc/ssl/certs/ca-certificates.crt, or Alpine is used instead.
   * @default BaseImage.alpine()
   */
  readonly helperImage?: BaseImage;
}
