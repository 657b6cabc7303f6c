import { ProjectFiles } from './project';
import { BaseImage, DebianRelease, ImageUser, Libc } from '../../image';

/** One build stage: its image (before mirrors) and the instructions after FROM. */
export interface Stage {
  readonly name: string;
  readonly image: BaseImage;
  readonly lines: string[];
}

/** The stage every runtime compiles in: named `build`, working in /src. */
export function buildStage(image: BaseImage, lines: string[]): Stage {
  return { name: 'build', image, lines: ['WORKDIR /src', ...lines] };
}

/** What a runtime's plan may depend on, decided by the generator. */
export interface PlanContext {
  /** The final base image, before mirrors (for its facts). */
  readonly finalImage: BaseImage;
  /** Absolute, normalized. */
  readonly workdir: string;
  /** Mount the `ca` build secret into download steps. */
  readonly caBundle: boolean;
  readonly user: ImageUser;
}

/** What a runtime contributes to a Dockerfile. */
export interface RuntimePlan {
  /** The main build image, when the runtime builds anything. */
  readonly builderImage?: BaseImage;
  /** An image with a shell and CA certificates for the helper stage (rootfs); defaults to Alpine. */
  readonly shellImage?: BaseImage;
  readonly stages: Stage[];
  /** Final-stage copies of the application (the generator adds --chown where the app writes). */
  readonly copies: Copy[];
  readonly entrypoint: string[];
  /** CMD before the user's `command` arguments are appended. */
  readonly cmd: string[];
  /** Final-stage environment, before the user's. */
  readonly env: Array<[string, string]>;
}

/** What a runtime needs from the final base image, checked by the generator. */
export interface RuntimeRequirements {
  /** The C library the application links against; Libc.NONE for static binaries. */
  readonly libc: Libc;
  /** Language runtime the base must carry (`facts.runtime`). */
  readonly languageRuntime?: string;
}

/** The runtime's internals, one implementation per runtime. */
export interface RuntimeImpl {
  readonly requirements: RuntimeRequirements;
  /** Runtime-specific `.dockerignore` entries. */
  readonly dockerignore: string[];
  /** Build-context paths the final stage copies, which `.dockerignore` must keep. */
  readonly contextArtifacts: string[];
  /** The build may read the project's Markdown (e.g. Rust's `include_str!("../README.md")`). */
  readonly buildReadsDocs?: boolean;
  /** What detection found in the project's files, one line each (written as build-stage comments). */
  readonly detected?: string[];
  defaultFinalImage(): BaseImage;
  plan(ctx: PlanContext): RuntimePlan;
  /**
   * The implementation for a project: its files (when the generator may read them), where the
   * app lives in the build context, and the final base when one is chosen. Options always win
   * over what the files say. Without it the runtime's options and defaults decide alone.
   */
  resolve?(layout: LayoutInput): RuntimeImpl;
}

/** What a runtime adapts to before planning. */
export interface LayoutInput {
  /** The project's files, read-only; undefined when the generator has no projectDirectory. */
  readonly project?: ProjectFiles;
  /** The app's folder inside the build context, normalized ('.' for the root). */
  readonly appDirectory: string;
  /** The final base image, when `baseImage` was given. */
  readonly baseImage?: BaseImage;
}

/** A path of the app (relative to its folder) as the build context spells it. */
export function inContext(layout: LayoutInput | undefined, rel: string): string {
  const app = layout?.appDirectory ?? '.';
  if (app === '.') { return rel; }
  if (rel === '.' || rel === './') { return `${app}/`; }
  return `${app}/${rel.replace(/^\.\//, '')}`;
}

/** `COPY` of context files into the build stage: app-relative sources, prefixed with the app's folder. */
export function copyContext(layout: LayoutInput | undefined, sources: string[], dest: string): string {
  return `COPY ${sources.map(s => inContext(layout, s)).join(' ')} ${dest}`;
}

export const CA_SECRET = '/run/secrets/ca';

/** Writes every certificate of a PEM bundle (args[0]) into a PKCS12 trust store (args[1]). One line: no heredocs in buildah. */
const TRUST_STORE_JAVA = 'public class TrustStore { public static void main(String[] a) throws Exception { '
  + 'var ks = java.security.KeyStore.getInstance("PKCS12"); ks.load(null, null); int i = 0; '
  + 'for (var c : java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(new java.io.FileInputStream(a[0]))) { ks.setCertificateEntry("ca" + i++, c); } '
  + 'try (var o = new java.io.FileOutputStream(a[1])) { ks.store(o, "changeit".toCharArray()); } } }';

const CA_CHECK = `test -s ${CA_SECRET} || { echo 'The build secret "ca" is missing: build with --secret id=ca,src=/etc/ssl/certs/ca-certificates.crt' >&2; exit 1; }`;

/** Codename of a Debian release, as toolchain image tags spell it. */
export function codename(debian: DebianRelease | undefined): string {
  return debian === DebianRelease.DEBIAN12 ? 'bookworm' : 'trixie';
}

/** The Debian release of a Google distroless image, from its repository name. */
export function debianOf(image: BaseImage): DebianRelease | undefined {
  if (image.repository.endsWith('-debian12')) { return DebianRelease.DEBIAN12; }
  if (image.repository.endsWith('-debian13')) { return DebianRelease.DEBIAN13; }
  return undefined;
}

/** A command that downloads: how to hand it the build-time CA bundle. */
export interface DownloadOptions {
  /** Cache mount targets (package manager download caches that never hold the only copy). */
  readonly caches?: string[];
  /** Environment variables pointing the tool at the CA bundle. */
  readonly caEnv?: string[];
  /** The tool is a JVM: build a trust store from the PEM bundle. */
  readonly java?: boolean;
  /** Mount the CA bundle even without environment variables (the command names it itself). */
  readonly mountCa?: boolean;
}

/** A RUN instruction with cache mounts and, when asked, the `ca` secret mounted for the download. */
export function run(ctx: PlanContext, command: string, options: DownloadOptions = {}): string {
  const mounts = (options.caches ?? []).map(c => `--mount=type=cache,target=${c}`);
  const steps: string[] = [];
  if (ctx.caBundle && (options.caEnv?.length || options.java || options.mountCa)) {
    mounts.push(`--mount=type=secret,id=ca,target=${CA_SECRET}`);
    // A missing secret mounts nothing: fail here with the fix, not later with a TLS error.
    steps.push(CA_CHECK);
    if (options.java) {
      // A JVM reads no PEM bundle: turn it into a PKCS12 trust store with one JVM start
      // (a keytool call per certificate takes minutes). Java 11+ runs a source file directly.
      steps.push(
        `mkdir -p /tmp/ca && printf '%s\\n' '${TRUST_STORE_JAVA}' > /tmp/ca/TrustStore.java`,
        `java /tmp/ca/TrustStore.java ${CA_SECRET} /tmp/ca/truststore.p12`,
        'export JAVA_TOOL_OPTIONS="-Djavax.net.ssl.trustStore=/tmp/ca/truststore.p12 -Djavax.net.ssl.trustStoreType=PKCS12 -Djavax.net.ssl.trustStorePassword=changeit"',
        command,
        'rm -rf /tmp/ca',
      );
    } else if (options.caEnv && options.caEnv.length > 0) {
      // export, so every command of a compound body sees the bundle.
      steps.push(`export ${options.caEnv.map(e => `${e}=${CA_SECRET}`).join(' ')}`, command);
    } else {
      steps.push(command);
    }
  } else {
    steps.push(command);
  }
  const flags = mounts.length > 0 ? `${mounts.join(' ')} \\\n    ` : '';
  return `RUN ${flags}${steps.join(' \\\n    && ')}`;
}

/** A final-stage COPY: from a build stage, or from the build context when `from` is undefined. */
export interface Copy {
  readonly from?: string;
  readonly src: string;
  readonly dest: string;
}

/** A copy from a build stage into the final stage. */
export function copyFrom(stage: string, src: string, dest: string): Copy {
  return { from: stage, src, dest };
}

/** Joins a directory and a relative path. */
export function joinPath(dir: string, rel: string): string {
  return dir === '/' ? `/${rel}` : `${dir}/${rel}`;
}

/** The last segment of a path. */
export function baseName(path: string): string {
  const parts = path.split('/').filter(p => p !== '');
  return parts[parts.length - 1];
}
