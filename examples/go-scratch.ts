import { BaseImage, DistrolessDockerfile, Runtime } from '../lib';

/**
 * A Go service on scratch: the generator supplies what scratch lacks (passwd with the non-root
 * user, CA certificates, /tmp) and a writable cache directory.
 */
export function goScratch(): DistrolessDockerfile {
  return new DistrolessDockerfile({
    runtime: Runtime.go(),
    baseImage: BaseImage.scratch(),
    writablePaths: ['/tmp', '/var/cache/app'],
  });
}
