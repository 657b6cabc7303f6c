import { BaseImage, DistrolessDockerfile, RegistryMirror, Runtime } from '../lib';

/**
 * A Go service built inside a corporate network: images come from an internal mirror, the final
 * base is pinned by digest, and the build mounts the proxy's CA bundle as a build secret
 * (`docker build --secret id=ca,src=/etc/ssl/certs/ca-certificates.crt .`).
 */
export function goBehindProxy(): DistrolessDockerfile {
  return new DistrolessDockerfile({
    runtime: Runtime.go({ cgo: true }),
    baseImage: BaseImage.googleBase().withDigest('sha256:8d8f5f7c5e5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f'),
    registryMirrors: [
      RegistryMirror.of('gcr.io/distroless', 'registry.example.com/distroless'),
      RegistryMirror.of('golang', 'registry.example.com/dockerhub/golang'),
    ],
    buildCaBundle: true,
  });
}
