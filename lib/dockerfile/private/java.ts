import { checkBool, checkBuilder, exclusive, relPath } from './common';
import { listOf } from './detect';
import { checkJavaName, checkMajor, normalizeRelative, checkPath, show } from './escape';
import { runtimeMajor } from './nodejs';
import { buildStage, Copy, copyFrom, inContext, joinPath, LayoutInput, PlanContext, run, RuntimeImpl, Stage } from './plan';
import { get, ProjectFiles } from './project';
import { BaseImage, Libc } from '../../image';
import { JavaBuild, JavaBuildOptions, JavaJarRuntimeOptions, JavaJlinkRuntimeOptions, JlinkJdk } from '../runtime-options';

const BUILDS = Object.values(JavaBuild) as string[];

interface JavaBuildPlan {
  /** The build stage, or none for a prebuilt jar. */
  readonly stage?: Stage;
  /** How the final stage gets the jar. */
  readonly copyJar: (target: string) => Copy;
  /** Spring Boot layers, in COPY order (/out/layers/<name> in the build stage); the jar runs from them. */
  readonly layers?: string[];
  /** How the layered app starts: `java -jar app.jar` (tools mode) or a JarLauncher class (layertools). */
  readonly launcher?: string;
  /** Vendored dependency jars (JAVAC with lib/), copied as their own layer before the jar. */
  readonly libDirectory?: string;
}

/** What the project's files say about a Java build. */
interface JavaLayout {
  readonly build: JavaBuild;
  readonly module?: string;
  /** Build files to copy before the dependency download, app-relative, grouped by destination. */
  readonly buildFiles: Array<[string, string[]]>;
  readonly springBoot?: { readonly version?: string };
  readonly libJars: string[];
  readonly notes: string[];
}

const SPRING_LAYERS = ['dependencies', 'spring-boot-loader', 'snapshot-dependencies', 'application'];

interface ValidatedBuild {
  readonly build: JavaBuild;
  readonly javaVersion?: number;
  readonly builderImage?: BaseImage;
  readonly jarPath: string;
  readonly mainClass: string;
  readonly sourceDirectory: string;
}

function validateBuild(what: string, options: JavaBuildOptions, detected?: JavaBuild): ValidatedBuild {
  const build = options.buildTool ?? detected ?? JavaBuild.MAVEN;
  if (!BUILDS.includes(build)) {
    throw new Error(`${what}: buildTool ${show(build)} is not a JavaBuild. Use one of ${BUILDS.map(b => show(b)).join(', ')} (JavaBuild.MAVEN, ...).`);
  }
  const javaVersion = options.javaVersion === undefined ? undefined : checkMajor(options.javaVersion, `${what}: javaVersion`, 21);
  if (build === JavaBuild.PREBUILT && options.builderImage) {
    throw new Error(`${what}: builderImage cannot be used with JavaBuild.PREBUILT, which has no build stage. Remove builderImage, or build with JavaBuild.MAVEN.`);
  }
  if (build === JavaBuild.JAVAC && options.jarPath !== undefined) {
    throw new Error(`${what}: jarPath cannot be used with JavaBuild.JAVAC, which writes the jar itself. Remove jarPath.`);
  }
  if (build !== JavaBuild.JAVAC && (options.mainClass !== undefined || options.sourceDirectory !== undefined)) {
    throw new Error(`${what}: mainClass and sourceDirectory only apply to JavaBuild.JAVAC (${build} reads them from the build file or the jar). `
      + 'Remove them, or set buildTool: JavaBuild.JAVAC.');
  }
  if (options.module !== undefined && (build === JavaBuild.JAVAC || build === JavaBuild.PREBUILT)) {
    throw new Error(`${what}: module only applies to Maven and Gradle builds, not ${build}. Remove module, or set buildTool.`);
  }
  const defaultJar = build === JavaBuild.GRADLE ? 'build/libs/*.jar' : 'target/*.jar';
  return {
    build,
    javaVersion,
    builderImage: checkBuilder(options.builderImage, `${what}: builderImage`),
    jarPath: relPath(options.jarPath ?? defaultJar, `${what}: jarPath`, true),
    mainClass: checkJavaName(options.mainClass ?? 'Main', `${what}: mainClass`, 'com.example.Main'),
    sourceDirectory: normalizeRelative(checkPath(options.sourceDirectory ?? 'src', `${what}: sourceDirectory`, { relative: true })),
  };
}

function dockerignoreFor(build: JavaBuild): string[] {
  return build === JavaBuild.PREBUILT
    ? ['.gradle', '.mvn/wrapper/*.jar', '*.class', 'out', '.idea', '*.iml']
    : ['target', 'build', '.gradle', '*.class', 'out', '.idea', '*.iml'];
}

/** The stage that produces /out/app.jar (none for a prebuilt jar), and /out/layers for Spring Boot. */
function buildPlan(ctx: PlanContext, b: ValidatedBuild, version: number, jdk: () => BaseImage, l: JavaLayout, input: LayoutInput | undefined,
  layered: boolean): JavaBuildPlan {
  const fromBuild = (target: string) => copyFrom('build', '/out/app.jar', target);
  const java = { java: true };
  const c = (f: string) => inContext(input, f);
  const notes = l.notes.map(n => `# Detected: ${n}`);
  const mod = l.module;
  const jarPath = mod && /^(target|build)\//.test(b.jarPath) ? `${mod}/${b.jarPath}` : b.jarPath;
  // A Spring Boot build also writes the plain jar (-plain, original-): pick the executable one.
  const pickJar = `JAR="$(ls ${jarPath} | grep -v -e '-plain\\.jar$' -e '-sources\\.jar$' -e '-javadoc\\.jar$' -e '/original-' | head -n 1)" \\\n`
    + '    && test -n "$JAR" \\\n    && mkdir -p /out && cp "$JAR" /out/app.jar';
  const extract = layered ? layerExtraction(l.springBoot?.version) : undefined;
  const withLayers = (lines: string[]) => extract
    ? [...lines, '# The jar\'s own layer index splits it: a code change rebuilds only the application layer.', `RUN ${extract.command}`] : lines;
  const buildCopies = () => l.buildFiles.map(([dest, files]) => `COPY ${files.map(c).join(' ')} ${dest}`);
  switch (b.build) {
    case JavaBuild.PREBUILT:
      return { copyJar: target => ({ src: c(b.jarPath), dest: target }) };
    case JavaBuild.JAVAC: {
      const image = b.builderImage ?? jdk();
      const mainSource = `${b.sourceDirectory}/${b.mainClass.replace(/\./g, '/')}.java`;
      const lib = l.libJars.length > 0 ? 'lib' : undefined;
      const cp = lib ? ` --class-path '${lib}/*'` : '';
      const manifest = lib ? ` \\\n    && printf 'Class-Path: %s\\n' '${l.libJars.map(j => `lib/${j}`).join(' ')}' > /tmp/manifest.txt` : '';
      return {
        copyJar: fromBuild,
        libDirectory: lib,
        stage: buildStage(image, [...notes,
          ...(lib ? [`COPY ${c(lib)} ./${lib}`] : []),
          `COPY ${c(b.sourceDirectory)} ./${b.sourceDirectory}`,
          '# javac compiles the main class and every class it references from the source path.',
          `RUN mkdir -p /out/classes \\\n    && javac -d /out/classes${cp} --source-path ${b.sourceDirectory} ${mainSource}${manifest} \\\n`
              + `    && jar --create --file /out/app.jar --main-class ${b.mainClass}${lib ? ' --manifest /tmp/manifest.txt' : ''} -C /out/classes .`]),
      };
    }
    case JavaBuild.GRADLE: {
      const image = b.builderImage ?? BaseImage.gradle(`8-jdk${version}`);
      const task = `${mod ? `:${mod.replace(/\//g, ':')}:` : ''}${l.springBoot ? 'bootJar' : 'build'}`;
      return {
        copyJar: fromBuild,
        layers: extract ? SPRING_LAYERS : undefined,
        launcher: extract?.launcher,
        stage: buildStage(image, withLayers([...notes,
          '# Build scripts first: resolve what they can, so a change to the sources alone reuses this layer.',
          '# Best effort: scripts that need more of the project resolve the rest in the build below.',
          ...(l.buildFiles.length ? buildCopies() : ['COPY *.gradle* ./']),
          run(ctx, 'gradle --no-daemon --quiet dependencies > /dev/null 2>&1 || true', java),
          `COPY ${c('.')} .`,
          run(ctx, `gradle --no-daemon --quiet ${task} -x test \\\n    && ${l.buildFiles.length ? pickJar : `mkdir -p /out && cp ${jarPath} /out/app.jar`}`, java)])),
      };
    }
    default: {
      const image = b.builderImage ?? BaseImage.maven(`3.9-amazoncorretto-${version}-debian`);
      const select = mod ? ` -pl ${mod} -am` : '';
      return {
        copyJar: fromBuild,
        layers: extract ? SPRING_LAYERS : undefined,
        launcher: extract?.launcher,
        stage: buildStage(image, withLayers([...notes,
          mod ? '# Every pom first: a change to the sources alone reuses the dependency layer.' : '# The pom first: a change to the sources alone reuses the dependency layer.',
          ...(l.buildFiles.length ? buildCopies() : ['COPY pom.xml ./']),
          // In a reactor, modules the selected one depends on are in no repository yet: best effort.
          run(ctx, `mvn --batch-mode --no-transfer-progress${select} dependency:go-offline${mod ? ' || true' : ''}`, java),
          `COPY ${c('.')} .`,
          run(ctx, `mvn --batch-mode --no-transfer-progress -DskipTests${select} package \\\n    && ${l.buildFiles.length ? pickJar : `mkdir -p /out && cp ${jarPath} /out/app.jar`}`, java)])),
      };
    }
  }
}

/** Spring Boot's extraction: `tools` mode from 3.3 (or an unknown version), `layertools` before. */
function layerExtraction(version: string | undefined): { command: string; launcher?: string } {
  const [major, minor] = (version ?? '').split('.').map(Number);
  const known = !isNaN(major) && !isNaN(minor);
  const ensure = `mkdir -p ${SPRING_LAYERS.map(x => `/out/layers/${x}`).join(' ')}`;
  if (!known || major > 3 || (major === 3 && minor >= 3)) {
    return { command: `java -Djarmode=tools -jar /out/app.jar extract --layers --destination /out/layers \\\n    && ${ensure}` };
  }
  const launcher = major === 3 && minor === 2 ? 'org.springframework.boot.loader.launch.JarLauncher' : 'org.springframework.boot.loader.JarLauncher';
  return { command: `mkdir -p /out/layers && cd /out/layers && java -Djarmode=layertools -jar /out/app.jar extract \\\n    && ${ensure}`, launcher };
}

/** Final-stage copies of the application: the layers, or the lib folder and the jar. */
function appCopies(plan: JavaBuildPlan, input: LayoutInput | undefined, workdir: string): Copy[] {
  if (plan.layers) {
    return plan.layers.map(layer => copyFrom('build', `/out/layers/${layer}/`, `${workdir}/`));
  }
  const jar = joinPath(workdir, 'app.jar');
  const lib = plan.libDirectory ? [{ src: inContext(input, plan.libDirectory), dest: joinPath(workdir, plan.libDirectory) }] : [];
  return [...lib, plan.copyJar(jar)];
}

/** How java starts the app: `-jar app.jar`, or the Spring Boot launcher on the extracted class path. */
function javaArgs(plan: JavaBuildPlan, workdir: string): string[] {
  return plan.launcher ? ['-cp', workdir, plan.launcher] : ['-jar', joinPath(workdir, 'app.jar')];
}

function detectJava(p: ProjectFiles, options: JavaBuildOptions, what: string): JavaLayout {
  const notes: string[] = [];
  const gradleFiles = ['build.gradle', 'build.gradle.kts', 'settings.gradle', 'settings.gradle.kts'].filter(f => p.isFile(f));
  const hasPom = p.isFile('pom.xml');
  let build = options.buildTool;
  if (build === undefined) {
    if (hasPom && gradleFiles.length) {
      throw new Error(`${what}: ${p.describe()} has both pom.xml and ${listOf(gradleFiles)}. Set buildTool (JavaBuild.MAVEN or JavaBuild.GRADLE) in the runtime's options.`);
    }
    if (hasPom) {
      build = JavaBuild.MAVEN; notes.push('Maven (pom.xml)');
    } else if (gradleFiles.length) {
      build = JavaBuild.GRADLE; notes.push(`Gradle (${gradleFiles.join(', ')})`);
    } else if (p.find(options.sourceDirectory ?? 'src', n => n.endsWith('.java')).length) {
      build = JavaBuild.JAVAC; notes.push('plain javac (.java sources, no build file)');
    } else {
      throw new Error(`${what}: ${p.describe()} has no pom.xml, build.gradle(.kts) or .java sources under ${options.sourceDirectory ?? 'src'}. `
        + 'Point projectDirectory at the Java project, or set buildTool (JavaBuild.PREBUILT with jarPath for a jar built elsewhere).');
    }
  }
  const buildFiles: Array<[string, string[]]> = [];
  const modules: string[] = [];
  const bootOf = (dir: string): JavaLayout['springBoot'] => {
    const at = (f: string) => dir === '.' ? f : `${dir}/${f}`;
    if (build === JavaBuild.MAVEN) {
      const pom = get(p.xml(at('pom.xml')), 'project');
      const parent = get(pom, 'parent');
      const plugins: any[] = get(pom, 'build', 'plugins', 'plugin') ?? [];
      const plugin = plugins.find(x => get(x, 'artifactId') === 'spring-boot-maven-plugin');
      const bootParent = get(parent, 'artifactId') === 'spring-boot-starter-parent';
      if (plugin || bootParent) {
        const v = get(plugin, 'version') ?? (bootParent ? get(parent, 'version') : undefined);
        return { version: typeof v === 'string' && /^\d/.test(v) ? v : undefined };
      }
      return undefined;
    }
    const script = p.read(at('build.gradle')) ?? p.read(at('build.gradle.kts')) ?? '';
    if (/org\.springframework\.boot/.test(script)) {
      return { version: /["']org\.springframework\.boot["']\)?\s+version\s+["'](\d[^"']*)["']/.exec(script)?.[1] };
    }
    return undefined;
  };
  if (build === JavaBuild.MAVEN) {
    const pom = get(p.xml('pom.xml'), 'project');
    for (const m of get(pom, 'modules', 'module') ?? []) {
      modules.push(normalizeRelative(checkPath(String(m), `${what}: a <module> of ${p.describe('pom.xml')}`, { relative: true })));
    }
    buildFiles.push(['./', ['pom.xml']]);
    for (const m of modules) { if (p.isFile(`${m}/pom.xml`)) { buildFiles.push([`${m}/`, [`${m}/pom.xml`]]); } }
  } else if (build === JavaBuild.GRADLE) {
    const settings = p.read('settings.gradle') ?? p.read('settings.gradle.kts') ?? '';
    for (const inc of settings.matchAll(/\binclude\s*\(?\s*((?:["'][^"']+["']\s*,?\s*)+)\)?/g)) {
      for (const q of inc[1].matchAll(/["']([^"']+)["']/g)) {
        modules.push(normalizeRelative(checkPath(q[1].replace(/^:/, '').replace(/:/g, '/'), `${what}: an include of ${p.describe('settings.gradle')}`, { relative: true })));
      }
    }
    buildFiles.push(['./', gradleFiles.concat(['gradle.properties'].filter(f => p.isFile(f)))]);
    for (const m of modules) {
      const files = ['build.gradle', 'build.gradle.kts'].filter(f => p.isFile(`${m}/${f}`)).map(f => `${m}/${f}`);
      if (files.length) { buildFiles.push([`${m}/`, files]); }
    }
  }
  let module = options.module === undefined ? undefined : normalizeRelative(checkPath(options.module, `${what}: module`, { relative: true }));
  if (module !== undefined && !modules.includes(module)) {
    throw new Error(`${what}: module ${show(module)} is not a module of ${p.describe()} (${modules.length ? `modules: ${listOf(modules)}` : 'it declares no modules'}). Use one of them.`);
  }
  if (module === undefined && modules.length > 0) {
    const boot = modules.filter(m => bootOf(m));
    if (boot.length === 1 || modules.length === 1) {
      module = boot.length === 1 ? boot[0] : modules[0];
      notes.push(`module ${module}${boot.length === 1 ? ' (the Spring Boot application)' : ''}`);
    } else {
      throw new Error(`${what}: ${p.describe()} is a multi-module build (${listOf(modules)}) and the generator cannot tell which one is the application. `
        + `Set module (e.g. module: ${show(boot[0] ?? modules[0])}).`);
    }
  }
  let springBoot: JavaLayout['springBoot'];
  if (build === JavaBuild.MAVEN || build === JavaBuild.GRADLE) {
    springBoot = bootOf(module ?? '.') ?? (module ? bootOf('.') : undefined);
    if (springBoot) { notes.push(`Spring Boot${springBoot.version ? ` ${springBoot.version}` : ''}: layered jar`); }
  }
  const libJars = build === JavaBuild.JAVAC ? p.list('lib').filter(f => f.endsWith('.jar') && /^[A-Za-z0-9._+-]+$/.test(f)) : [];
  if (libJars.length) { notes.push(`vendored dependencies ${listOf(libJars)} (lib/): on the class path, copied as their own layer`); }
  return { build, module, buildFiles, springBoot, libJars, notes };
}

function noLayout(options: JavaBuildOptions, what: string, resolved: boolean): JavaLayout {
  if (options.module !== undefined && resolved) {
    throw new Error(`${what}: module ${show(options.module)} needs the project's files to find the module's build files. `
      + 'Set projectDirectory (DistrolessImage.fromSource sets it), or remove module.');
  }
  return { build: options.buildTool ?? JavaBuild.MAVEN, buildFiles: [], libJars: [], notes: [] };
}

export function javaJarRuntime(options: JavaJarRuntimeOptions, input?: LayoutInput): RuntimeImpl {
  const what = 'Runtime.javaJar';
  const layersOption = checkBool(options.springBootLayers, `${what}: springBootLayers`);
  const l = input?.project ? detectJava(input.project, options, what) : noLayout(options, what, input !== undefined);
  const b = validateBuild(what, options, l.build);
  const layered = layersOption ?? !!l.springBoot;
  if (layered && b.build !== JavaBuild.MAVEN && b.build !== JavaBuild.GRADLE) {
    throw new Error(`${what}: springBootLayers needs a Maven or Gradle build of a Spring Boot jar, not ${b.build}. Remove springBootLayers, or set buildTool.`);
  }
  const debian = options.debian;
  return {
    requirements: { libc: Libc.GLIBC, languageRuntime: 'java' },
    defaultFinalImage: () => BaseImage.googleJava({ javaVersion: b.javaVersion ?? 21, debian }),
    dockerignore: dockerignoreFor(b.build),
    contextArtifacts: b.build === JavaBuild.PREBUILT ? [b.jarPath] : l.libJars.length ? ['lib'] : [],
    detected: l.notes,
    resolve: (x: LayoutInput) => javaJarRuntime(options, x),
    plan(ctx: PlanContext) {
      const version = runtimeMajor(ctx.finalImage, b.javaVersion, 21, 'Java', 'javaVersion');
      const plan = buildPlan(ctx, b, version, () => BaseImage.corretto({ javaVersion: version }), l, input, layered);
      const base = ctx.finalImage.facts.entrypoint;
      if (!base || base.length === 0) {
        throw new Error(`DistrolessDockerfile: baseImage ${ctx.finalImage.reference} states no entrypoint, so the java-jar runtime does not know where java is. `
          + 'Describe it with BaseImage.fromRegistry(reference, { ..., runtime: \'java\', entrypoint: [\'/usr/bin/java\'] }).');
      }
      // Google's java images preset `java -jar`; others (Chainguard) preset only `java`.
      const javaOnly = base[base.length - 1] === '-jar' ? base.slice(0, -1) : base;
      const args = javaArgs(plan, ctx.workdir);
      return {
        builderImage: plan.stage?.image,
        shellImage: plan.stage?.image,
        stages: plan.stage ? [plan.stage] : [],
        copies: appCopies(plan, input, ctx.workdir),
        entrypoint: args[0] === '-jar' ? [...javaOnly, '-jar'] : javaOnly,
        cmd: args[0] === '-jar' ? args.slice(1) : args,
        env: [],
      };
    },
  };
}

/** The runtime jlink writes, in the final image. */
export const JLINK_HOME = '/opt/java';

export function javaJlinkRuntime(options: JavaJlinkRuntimeOptions, input?: LayoutInput): RuntimeImpl {
  const what = 'Runtime.javaJlink';
  const layersOption = checkBool(options.springBootLayers, `${what}: springBootLayers`);
  const l = input?.project ? detectJava(input.project, options, what) : noLayout(options, what, input !== undefined);
  const b = validateBuild(what, options, l.build);
  const layered = layersOption ?? !!l.springBoot;
  exclusive(what, ['jdk', options.jdk], ['jdkImage', options.jdkImage]);
  const jdkKind = options.jdk ?? JlinkJdk.CORRETTO;
  if (!(Object.values(JlinkJdk) as string[]).includes(jdkKind)) {
    throw new Error(`${what}: jdk ${show(jdkKind)} is not a JlinkJdk. Use JlinkJdk.CORRETTO or JlinkJdk.LIBERICA.`);
  }
  const jdkImage = checkBuilder(options.jdkImage, `${what}: jdkImage`);
  if (jdkImage && jdkImage.facts.libc !== Libc.GLIBC) {
    throw new Error(`${what}: jdkImage ${jdkImage.reference} uses ${jdkImage.facts.libc} libc, but the runtime it links runs on the glibc-based distroless java-base. `
      + 'Use a glibc JDK, e.g. BaseImage.corretto().');
  }
  const version = b.javaVersion ?? 21;
  if (options.modules !== undefined && (!Array.isArray(options.modules) || options.modules.length === 0)) {
    throw new Error(`${what}: modules must be a non-empty list of Java modules, got ${show(options.modules)}. Include at least "java.base".`);
  }
  const modules = options.modules?.map((m, i) => checkJavaName(m, `${what}: modules[${i}]`, 'java.net.http'));
  const jdk = () => jdkImage ?? (jdkKind === JlinkJdk.LIBERICA
    ? BaseImage.lookup(`bellsoft/liberica-runtime-container:jdk-all-${version}-glibc`)!
    : BaseImage.corretto({ javaVersion: version }));
  const debian = options.debian;

  return {
    requirements: { libc: Libc.GLIBC },
    defaultFinalImage: () => BaseImage.googleJavaBase({ debian }),
    dockerignore: dockerignoreFor(b.build),
    contextArtifacts: b.build === JavaBuild.PREBUILT ? [b.jarPath] : l.libJars.length ? ['lib'] : [],
    detected: l.notes,
    resolve: (x: LayoutInput) => javaJlinkRuntime(options, x),
    plan(ctx: PlanContext) {
      const plan = buildPlan(ctx, b, version, jdk, l, input, layered);
      const compress = version >= 21 ? 'zip-6' : '2';
      const jlinkBin = '"$(dirname "$(readlink -f "$(command -v javac)")")"';
      const jlinkOptions = `    --strip-java-debug-attributes --no-man-pages --no-header-files --compress=${compress} \\\n    --output /out/java`;
      const stages: Stage[] = plan.stage ? [plan.stage] : [];
      let jlinkLines: string[];
      if (modules) {
        jlinkLines = [`RUN ${jlinkBin}/jlink \\\n    --add-modules ${modules.join(',')} \\\n${jlinkOptions}`];
      } else {
        // jdeps reads the application; the module list is its own layer, so jlink reruns only when the list changes.
        const app = plan.layers ? '/in/layers' : '/in';
        const inputs = plan.layers
          ? [copyFrom('build', '/out/layers', '/in/layers')]
          : [plan.stage ? copyFrom('build', '/out/app.jar', '/in/app.jar') : { src: inContext(input, b.jarPath), dest: '/in/app.jar' },
            ...(plan.libDirectory ? [{ src: inContext(input, plan.libDirectory), dest: `/in/${plan.libDirectory}` }] : [])];
        const jars = plan.layers
          ? `--class-path "$(find ${app} -name '*.jar' ! -path '*/application/*' | tr '\\n' ':')" "$(find ${app}/application -name '*.jar' | head -n 1)"`
          : `${plan.libDirectory ? `--class-path '/in/${plan.libDirectory}/*' ` : ''}/in/app.jar`;
        stages.push({
          name: 'modules',
          image: jdk(),
          lines: [
            '# The Java modules the application uses, from its bytecode. TLS loads elliptic curves as a service jdeps cannot see.',
            ...inputs.map(x => `COPY ${x.from ? `--from=${x.from} ` : ''}${x.src} ${x.dest}`),
            `RUN mkdir -p /out && ${jlinkBin}/jdeps --ignore-missing-deps --print-module-deps --multi-release ${version} --recursive \\\n`
              + `    ${jars} \\\n    | tr -d '\\n' > /out/modules${version <= 21 ? ' \\\n    && printf \',jdk.crypto.ec\' >> /out/modules' : ''} \\\n    && cat /out/modules`,
          ],
        });
        jlinkLines = ['COPY --from=modules /out/modules /tmp/modules', `RUN ${jlinkBin}/jlink \\\n    --add-modules "$(cat /tmp/modules)" \\\n${jlinkOptions}`];
      }
      const jlink: Stage = {
        name: 'jlink',
        image: jdk(),
        lines: [
          '# A runtime with only the modules the application needs. jlink sits next to javac in the JDK.',
          '# --strip-java-debug-attributes, not --strip-debug: on JDKs built with native-symbol stripping',
          '# that also runs objcopy, which slim JDK images do not ship.',
          ...jlinkLines,
        ],
      };
      stages.push(jlink);
      const args = javaArgs(plan, ctx.workdir);
      return {
        builderImage: plan.stage?.image,
        shellImage: plan.stage?.image ?? jlink.image,
        stages,
        copies: [copyFrom('jlink', '/out/java', JLINK_HOME), ...appCopies(plan, input, ctx.workdir)],
        entrypoint: [`${JLINK_HOME}/bin/java`, ...(args[0] === '-jar' ? ['-jar'] : [])],
        cmd: args[0] === '-jar' ? args.slice(1) : args,
        env: [['JAVA_HOME', JLINK_HOME]],
      };
    },
  };
}
