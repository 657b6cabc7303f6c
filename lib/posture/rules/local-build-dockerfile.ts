import { PostureHit, PostureRule } from '../model';
import { ECS, ERROR, info, who } from './common';

/** A local build ships whatever its Dockerfile says: the deployed posture starts there. */
export const localBuildDockerfile: PostureRule = {
  info: info({
    id: 'CDP022',
    level: ERROR,
    title: 'A locally built image\'s Dockerfile must pass the Dockerfile policy',
    description: 'When a container\'s image is a Docker asset of the cloud assembly (CDK `ContainerImage.fromAsset`, found through the '
      + 'stack\'s `*.assets.json` in `cdk.out`), its Dockerfile is linted with `DockerfilePolicy` and every unsuppressed error (CDL0xx) is '
      + 'reported on the container, with the Dockerfile line. An asset whose Dockerfile cannot be found is reported as unknown. Templates '
      + 'checked without their cloud assembly have no assets to look at.',
    fix: 'Fix the Dockerfile (`cdk-distroless lint <dir>/Dockerfile` shows each finding), generate it with `DistrolessDockerfile`, or '
      + 'suppress the CDL rule in the Dockerfile with `# cdk-distroless-ignore CDLxxx: <reason>`.',
    platforms: [ECS],
  }),
  task(t) {
    const hits: PostureHit[] = [];
    for (const c of t.containers) {
      const asset = t.assetOf(c);
      if (!asset) { continue; }
      if (!asset.found) {
        hits.push({
          path: [...c.path, 'Image'],
          container: c.name,
          unknown: true,
          message: `${who(c)} runs the Docker asset ${asset.hash.slice(0, 12)}, whose Dockerfile ${asset.dockerfile} is not in the cloud assembly, so it cannot be linted.`,
          fix: 'Check the complete cdk.out folder (with its asset.* directories), not a copy of the templates alone.',
        });
      } else if (asset.errors.length > 0) {
        hits.push({
          path: [...c.path, 'Image'],
          container: c.name,
          message: `${who(c)} is built from ${asset.dockerfile}, which fails the Dockerfile policy: ${asset.errors.join('; ')}.`,
          fix: `Run \`cdk-distroless lint ${asset.dockerfile}\` and fix each finding, or generate the Dockerfile with DistrolessDockerfile.`,
        });
      }
    }
    return hits;
  },
};
