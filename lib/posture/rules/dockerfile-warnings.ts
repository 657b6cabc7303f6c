import { PostureHit, PostureRule } from '../model';
import { ECS, info, WARNING, who } from './common';

/** The Dockerfile policy's warnings, carried to the container that ships the image. */
export const dockerfileWarnings: PostureRule = {
  info: info({
    id: 'CDP104',
    level: WARNING,
    title: 'A locally built image\'s Dockerfile should have no policy warnings',
    description: 'The companion of CDP022 for warnings (CDL1xx: unpinned bases, implicit users, ...): when a container\'s image is a Docker '
      + 'asset of the cloud assembly, unsuppressed Dockerfile warnings are reported on the container.',
    fix: 'Fix the Dockerfile warnings (`cdk-distroless lint <dir>/Dockerfile`), or suppress them in the Dockerfile with a reason.',
    platforms: [ECS],
  }),
  task(t) {
    const hits: PostureHit[] = [];
    for (const c of t.containers) {
      const asset = t.assetOf(c);
      if (asset?.found && asset.warnings.length > 0) {
        hits.push({
          path: [...c.path, 'Image'],
          container: c.name,
          message: `${who(c)} is built from ${asset.dockerfile}, which has Dockerfile policy warnings: ${asset.warnings.join('; ')}.`,
        });
      }
    }
    return hits;
  },
};
