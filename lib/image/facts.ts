/**
 * The C library an image ships, which decides which binaries can run on it.
 */
export enum Libc {
  /** No C library: only statically linked binaries run. */
  NONE = 'none',
  /** GNU libc (Debian, Ubuntu, Wolfi, Amazon Linux, RHEL). */
  GLIBC = 'glibc',
  /** musl libc (Alpine, Alpaquita musl). */
  MUSL = 'musl',
}

/**
 * Who publishes an image, so tools can group and explain catalog entries.
 */
export enum ImageFamily {
  /** gcr.io/distroless images built by Google. */
  GOOGLE_DISTROLESS = 'google-distroless',
  /** cgr.dev/chainguard images (Wolfi based). */
  CHAINGUARD = 'chainguard',
  /** Canonical's chiseled Ubuntu images. */
  UBUNTU_CHISELED = 'ubuntu-chiseled',
  /** Microsoft's chiseled .NET images on Ubuntu. */
  DOTNET_CHISELED = 'dotnet-chiseled',
  /** Microsoft's distroless .NET images on Azure Linux (`*-azurelinux3.0-distroless`). */
  DOTNET_DISTROLESS = 'dotnet-distroless',
  /** BusyBox: no package manager, but a shell. */
  BUSYBOX = 'busybox',
  /** The empty image. */
  SCRATCH = 'scratch',
  /** BellSoft Liberica runtime containers (Alpaquita based). */
  LIBERICA = 'liberica',
  /** Amazon Corretto. */
  CORRETTO = 'corretto',
  /** Alpine Linux. */
  ALPINE = 'alpine',
  /** Debian slim. */
  DEBIAN_SLIM = 'debian-slim',
  /** Red Hat Universal Base Image minimal. */
  UBI_MINIMAL = 'ubi-minimal',
  /** Official language toolchain images used as build stages (golang, rust, node, python, gcc, maven, .NET SDK). */
  TOOLCHAIN = 'toolchain',
  /** An image described by the user with `BaseImage.fromRegistry`. */
  CUSTOM = 'custom',
}

/**
 * Where an image belongs in a multi-stage Dockerfile.
 */
export enum ImageRole {
  /** Fit to be the final (runtime) stage: no package manager. */
  FINAL = 'final',
  /** A build stage only: it has a package manager or a full OS; as a final stage it needs a reasoned waiver. */
  BUILD = 'build',
}

/**
 * A user inside an image, by number: Kubernetes can only verify `runAsNonRoot` for numeric users.
 */
export interface ImageUser {
  /** Numeric user id. */
  readonly uid: number;
  /** Numeric group id. */
  readonly gid: number;
  /**
   * User name in the image's /etc/passwd.
   * @default - no name is known
   */
  readonly name?: string;
  /**
   * Home directory.
   * @default - no home directory is known
   */
  readonly home?: string;
}

/**
 * What a consumer needs to know about a base image.
 */
export interface BaseImageFacts {
  /**
   * Who publishes it.
   * @default ImageFamily.CUSTOM
   */
  readonly family?: ImageFamily;
  /** C library in the image. */
  readonly libc: Libc;
  /** Whether the image has a shell (/bin/sh). */
  readonly hasShell: boolean;
  /** Whether the image has a package manager (apt, apk, microdnf, yum). */
  readonly hasPackageManager: boolean;
  /** The user the image runs as when no USER is set. */
  readonly defaultUser: ImageUser;
  /**
   * The non-root user the image ships, which a Dockerfile should switch to.
   * @default - `defaultUser` when it is not root, otherwise none
   */
  readonly nonRootUser?: ImageUser;
  /**
   * The ENTRYPOINT the image presets, in exec form.
   * @default - no entrypoint
   */
  readonly entrypoint?: string[];
  /**
   * Language runtime the image carries (java, nodejs, python, dotnet, ...).
   * @default - none
   */
  readonly runtime?: string;
  /**
   * Version of that runtime.
   * @default - none
   */
  readonly runtimeVersion?: string;
  /**
   * CPU architectures the image is published for.
   * @default ['amd64', 'arm64']
   */
  readonly architectures?: string[];
  /**
   * Whether /etc/ssl/certs/ca-certificates.crt is present.
   * @default true
   */
  readonly hasCaCertificates?: boolean;
  /**
   * Whether a world-writable /tmp exists.
   * @default true
   */
  readonly hasTmp?: boolean;
  /**
   * Whether /etc/passwd exists (needed to resolve user names).
   * @default true
   */
  readonly hasPasswd?: boolean;
  /**
   * Whether this is a debug variant (a BusyBox shell added for troubleshooting).
   * @default false
   */
  readonly debug?: boolean;
  /**
   * Where the image belongs in a multi-stage build.
   * @default - ImageRole.BUILD when it has a package manager, otherwise ImageRole.FINAL
   */
  readonly role?: ImageRole;
  /**
   * Environment variables the image sets (its `ENV`), which a Dockerfile built on it can use:
   * .NET 8+ images set `APP_UID=1654` for `USER $APP_UID`.
   * @default - none: variables the Dockerfile does not set itself are unset
   */
  readonly environment?: { [name: string]: string };
  /**
   * Why the image is no longer updated upstream and what to use instead. The policy warns (CDL108)
   * when a final stage is built on it.
   * @default - the image is maintained upstream
   */
  readonly deprecated?: string;
  /**
   * One line about the image.
   * @default - none
   */
  readonly description?: string;
}
