import { BaseImage, DistrolessDockerfile, Runtime } from '../lib';

/** A binary built by CI (e.g. `CGO_ENABLED=0 go build -o dist/app`), copied onto scratch. */
export function staticBinary(): DistrolessDockerfile {
  return new DistrolessDockerfile({
    runtime: Runtime.staticBinary({ binaryPath: 'dist/app' }),
    baseImage: BaseImage.scratch(),
  });
}
