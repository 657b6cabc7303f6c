import { checkBuilder, exclusive, relPath } from './common';
import { checkJavaName, checkMajor, normalizeRelative, checkPath, show } from './escape';
import { runtimeMajor } from './nodejs';
import { buildStage, Copy, copyFrom, joinPath, PlanContext, run, RuntimeImpl, Stage } from './plan';
import { BaseImage, Libc } from '../../image';
import { JavaBuild, JavaBuildOptions, JavaJarRuntimeOptions, JavaJlinkRuntimeOptions, JlinkJdk } from '../runtime-options';

const BUILDS = Object.values(JavaBuild) as string[];

interface JavaBuildPlan {
  /** The build stage, or none for a prebuilt jar. */
  readonly stage?: Stage;
  /** How the final stage gets the jar. */
  readonly copyJar: (target: string) => Copy;
}

interface ValidatedBuild {
  readonly build: JavaBuild;
  readonly javaVersion?: number;
  readonly builderImage?: BaseImage;
  readonly jarPath: string;
  readonly mainClass: string;
  readonly sourceDirectory: string;
}

function validateBuild(what: string, options: JavaBuildOptions): ValidatedBuild {
  const build = options.buildTool ?? JavaBuild.MAVEN;
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

/** The stage that produces /out/app.jar (none for a prebuilt jar). */
function buildPlan(ctx: PlanContext, b: ValidatedBuild, version: number, jdk: () => BaseImage): JavaBuildPlan {
  const fromBuild = (target: string) => copyFrom('build', '/out/app.jar', target);
  const java = { java: true };
  switch (b.build) {
    case JavaBuild.PREBUILT:
      return { copyJar: target => ({ src: b.jarPath, dest: target }) };
    case JavaBuild.JAVAC: {
      const image = b.builderImage ?? jdk();
      const mainSource = `${b.sourceDirectory}/${b.mainClass.replace(/\./g, '/')}.java`;
      return {
        copyJar: fromBuild,
        stage: buildStage(image, [
          `COPY ${b.sourceDirectory} ./${b.sourceDirectory}`,
          '# javac compiles the main class and every class it references from the source path.',
          `RUN mkdir -p /out/classes \\\n    && javac -d /out/classes --source-path ${b.sourceDirectory} ${mainSource} \\\n`
              + `    && jar --create --file /out/app.jar --main-class ${b.mainClass} -C /out/classes .`,
        ]),
      };
    }
    case JavaBuild.GRADLE: {
      const image = b.builderImage ?? BaseImage.gradle(`8-jdk${version}`);
      return {
        copyJar: fromBuild,
        stage: buildStage(image, [
          '# Build scripts first: resolve what they can, so a change to the sources alone reuses this layer.',
          '# Best effort: scripts that need more of the project resolve the rest in the build below.',
          'COPY *.gradle* ./',
          run(ctx, 'gradle --no-daemon --quiet dependencies > /dev/null 2>&1 || true', java),
          'COPY . .',
          run(ctx, `gradle --no-daemon --quiet build -x test \\\n    && mkdir -p /out && cp ${b.jarPath} /out/app.jar`, java),
        ]),
      };
    }
    default: {
      const image = b.builderImage ?? BaseImage.maven(`3.9-amazoncorretto-${version}-debian`);
      return {
        copyJar: fromBuild,
        stage: buildStage(image, [
          '# The pom first: a change to the sources alone reuses the dependency layer.',
          'COPY pom.xml ./',
          run(ctx, 'mvn --batch-mode --no-transfer-progress dependency:go-offline', java),
          'COPY . .',
          run(ctx, `mvn --batch-mode --no-transfer-progress -DskipTests package \\\n    && mkdir -p /out && cp ${b.jarPath} /out/app.jar`, java),
        ]),
      };
    }
  }
}

export function javaJarRuntime(options: JavaJarRuntimeOptions): RuntimeImpl {
  const what = 'Runtime.javaJar';
  const b = validateBuild(what, options);
  const debian = options.debian;
  return {
    requirements: { libc: Libc.GLIBC, languageRuntime: 'java' },
    defaultFinalImage: () => BaseImage.googleJava({ javaVersion: b.javaVersion ?? 21, debian }),
    dockerignore: dockerignoreFor(b.build),
    contextArtifacts: b.build === JavaBuild.PREBUILT ? [b.jarPath] : [],
    plan(ctx: PlanContext) {
      const version = runtimeMajor(ctx.finalImage, b.javaVersion, 21, 'Java', 'javaVersion');
      const plan = buildPlan(ctx, b, version, () => BaseImage.corretto({ javaVersion: version }));
      const base = ctx.finalImage.facts.entrypoint;
      if (!base || base.length === 0) {
        throw new Error(`DistrolessDockerfile: baseImage ${ctx.finalImage.reference} states no entrypoint, so the java-jar runtime does not know where java is. `
          + 'Describe it with BaseImage.fromRegistry(reference, { ..., runtime: \'java\', entrypoint: [\'/usr/bin/java\'] }).');
      }
      const jar = joinPath(ctx.workdir, 'app.jar');
      return {
        builderImage: plan.stage?.image,
        shellImage: plan.stage?.image,
        stages: plan.stage ? [plan.stage] : [],
        copies: [plan.copyJar(jar)],
        // Google's java images preset `java -jar`; others (Chainguard) preset only `java`.
        entrypoint: base[base.length - 1] === '-jar' ? base : [...base, '-jar'],
        cmd: [jar],
        env: [],
      };
    },
  };
}

/** The runtime jlink writes, in the final image. */
export const JLINK_HOME = '/opt/java';

export function javaJlinkRuntime(options: JavaJlinkRuntimeOptions): RuntimeImpl {
  const what = 'Runtime.javaJlink';
  const b = validateBuild(what, options);
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
  const modules = options.modules
    ? options.modules.map((m, i) => checkJavaName(m, `${what}: modules[${i}]`, 'java.net.http'))
    : ['java.base', 'java.logging', 'java.management', 'java.naming', 'java.net.http', 'jdk.unsupported',
      // Elliptic-curve TLS lives in its own module up to Java 21, in java.base afterwards.
      ...(version <= 21 ? ['jdk.crypto.ec'] : [])];
  const jdk = () => jdkImage ?? (jdkKind === JlinkJdk.LIBERICA
    ? BaseImage.lookup(`bellsoft/liberica-runtime-container:jdk-all-${version}-glibc`)!
    : BaseImage.corretto({ javaVersion: version }));
  const debian = options.debian;

  return {
    requirements: { libc: Libc.GLIBC },
    defaultFinalImage: () => BaseImage.googleJavaBase({ debian }),
    dockerignore: dockerignoreFor(b.build),
    contextArtifacts: b.build === JavaBuild.PREBUILT ? [b.jarPath] : [],
    plan(ctx: PlanContext) {
      const plan = buildPlan(ctx, b, version, jdk);
      const jar = joinPath(ctx.workdir, 'app.jar');
      const compress = version >= 21 ? 'zip-6' : '2';
      const jlink: Stage = {
        name: 'jlink',
        image: jdk(),
        lines: [
          '# A runtime with only the modules the application needs. jlink sits next to javac in the JDK.',
          '# --strip-java-debug-attributes, not --strip-debug: on JDKs built with native-symbol stripping',
          '# that also runs objcopy, which slim JDK images do not ship.',
          'RUN "$(dirname "$(readlink -f "$(command -v javac)")")/jlink" \\\n'
            + `    --add-modules ${modules.join(',')} \\\n`
            + `    --strip-java-debug-attributes --no-man-pages --no-header-files --compress=${compress} \\\n`
            + '    --output /out/java',
        ],
      };
      return {
        builderImage: plan.stage?.image,
        shellImage: plan.stage?.image ?? jlink.image,
        stages: plan.stage ? [plan.stage, jlink] : [jlink],
        copies: [copyFrom('jlink', '/out/java', JLINK_HOME), plan.copyJar(jar)],
        entrypoint: [`${JLINK_HOME}/bin/java`, '-jar'],
        cmd: [jar],
        env: [['JAVA_HOME', JLINK_HOME]],
      };
    },
  };
}
