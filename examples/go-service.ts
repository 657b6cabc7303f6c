import { DistrolessDockerfile, Runtime } from '../lib';

/** A Go HTTP service in ./cmd/server: a static binary on distroless/static, listening on 8080. */
export function goService(): DistrolessDockerfile {
  return new DistrolessDockerfile({
    runtime: Runtime.go({ packagePath: './cmd/server', binaryName: 'server' }),
    exposedPorts: [8080],
    sourceUrl: 'https://github.com/example/orders',
  });
}
