// Generated Dockerfiles worth pinning: every runtime with its defaults and with the options that
// change the shape of the file (static/dynamic, scratch, Chainguard bases, jlink, .NET runtime).
import { CppBuild, DistrolessDockerfile, JavaBuild, JlinkJdk, Runtime } from '../../lib/dockerfile';
import { BaseImage, RegistryMirror } from '../../lib/image';

/** The mirror the mirrored variant pulls through; a policy linting it must know it. */
export const MIRROR = RegistryMirror.of('gcr.io/distroless', 'registry.example.com/distroless');

export const VARIANTS: Array<[string, () => DistrolessDockerfile]> = [
  ['go', () => new DistrolessDockerfile({ runtime: Runtime.go() })],
  ['go cgo', () => new DistrolessDockerfile({ runtime: Runtime.go({ cgo: true }) })],
  ['go on scratch with writable paths', () => new DistrolessDockerfile({ runtime: Runtime.go({ packagePath: './cmd/api', binaryName: 'api' }), baseImage: BaseImage.scratch(), writablePaths: ['/tmp', '/var/cache/api'] })],
  ['go on chainguard static', () => new DistrolessDockerfile({ runtime: Runtime.go(), baseImage: BaseImage.chainguardStatic() })],
  ['go cgo on chainguard glibc-dynamic', () => new DistrolessDockerfile({ runtime: Runtime.go({ cgo: true }), baseImage: BaseImage.chainguardGlibcDynamic() })],
  ['rust', () => new DistrolessDockerfile({ runtime: Runtime.rust() })],
  ['rust musl', () => new DistrolessDockerfile({ runtime: Runtime.rust({ musl: true }) })],
  ['rust musl on scratch', () => new DistrolessDockerfile({ runtime: Runtime.rust({ musl: true }), baseImage: BaseImage.scratch() })],
  ['nodejs', () => new DistrolessDockerfile({ runtime: Runtime.nodejs() })],
  ['nodejs with a build script, ports, env and labels', () => new DistrolessDockerfile({
    runtime: Runtime.nodejs({ buildScript: 'build', entry: 'dist/server.js' }),
    exposedPorts: [8080],
    environment: { PORT: '8080' },
    sourceUrl: 'https://github.com/example/web',
    revision: 'abc123',
    labels: { 'org.opencontainers.image.title': 'web' },
  })],
  ['nodejs on chainguard node', () => new DistrolessDockerfile({ runtime: Runtime.nodejs(), baseImage: BaseImage.chainguardNode() })],
  ['python', () => new DistrolessDockerfile({ runtime: Runtime.python() })],
  ['python on chainguard python', () => new DistrolessDockerfile({ runtime: Runtime.python(), baseImage: BaseImage.chainguardPython() })],
  ['java-jar', () => new DistrolessDockerfile({ runtime: Runtime.javaJar() })],
  ['java-jar gradle', () => new DistrolessDockerfile({ runtime: Runtime.javaJar({ buildTool: JavaBuild.GRADLE }) })],
  ['java-jar javac', () => new DistrolessDockerfile({ runtime: Runtime.javaJar({ buildTool: JavaBuild.JAVAC, mainClass: 'com.example.Main' }) })],
  ['java-jar prebuilt', () => new DistrolessDockerfile({ runtime: Runtime.javaJar({ buildTool: JavaBuild.PREBUILT }) })],
  ['java-jar on chainguard jre', () => new DistrolessDockerfile({ runtime: Runtime.javaJar(), baseImage: BaseImage.chainguardJre() })],
  ['java-jlink', () => new DistrolessDockerfile({ runtime: Runtime.javaJlink() })],
  ['java-jlink liberica javac', () => new DistrolessDockerfile({ runtime: Runtime.javaJlink({ jdk: JlinkJdk.LIBERICA, buildTool: JavaBuild.JAVAC }) })],
  ['dotnet', () => new DistrolessDockerfile({ runtime: Runtime.dotnet() })],
  ['dotnet runtime', () => new DistrolessDockerfile({ runtime: Runtime.dotnet({ aspnet: false }) })],
  ['dotnet on chainguard aspnet-runtime', () => new DistrolessDockerfile({ runtime: Runtime.dotnet(), baseImage: BaseImage.chainguardAspnetRuntime() })],
  ['cpp', () => new DistrolessDockerfile({ runtime: Runtime.cpp() })],
  ['cpp cmake static', () => new DistrolessDockerfile({ runtime: Runtime.cpp({ buildTool: CppBuild.CMAKE, staticLinking: true }) })],
  ['static-binary', () => new DistrolessDockerfile({ runtime: Runtime.staticBinary() })],
  ['static-binary on scratch', () => new DistrolessDockerfile({ runtime: Runtime.staticBinary(), baseImage: BaseImage.scratch() })],
  ['go with a CA bundle, a pinned base and mirrors', () => new DistrolessDockerfile({
    runtime: Runtime.go(),
    buildCaBundle: true,
    baseImage: BaseImage.googleStatic().withDigest(`sha256:${'0'.repeat(64)}`),
    registryMirrors: [MIRROR],
  })],
  ['java-jar with a CA bundle', () => new DistrolessDockerfile({ runtime: Runtime.javaJar(), buildCaBundle: true })],
  ['go with the health probe', () => new DistrolessDockerfile({ runtime: Runtime.go(), healthProbe: true, exposedPorts: [8080] })],
  ['static-binary on scratch with the health probe', () => new DistrolessDockerfile({ runtime: Runtime.staticBinary(), baseImage: BaseImage.scratch(), healthProbe: true })],
  ['dotnet with the health probe', () => new DistrolessDockerfile({ runtime: Runtime.dotnet(), healthProbe: true })],
];
