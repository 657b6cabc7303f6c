import { DistrolessDockerfile, Runtime } from '../lib';

/** A Rust service built with musl: a static binary on distroless/static. */
export function rustService(): DistrolessDockerfile {
  return new DistrolessDockerfile({
    runtime: Runtime.rust({ binaryName: 'api', musl: true }),
    exposedPorts: [3000],
    environment: { RUST_LOG: 'info' },
  });
}
