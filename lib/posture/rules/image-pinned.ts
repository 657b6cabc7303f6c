import { PostureHit, PostureRule, ContainerRef } from '../model';
import { ECS, ERROR, get, info, K8S, who } from './common';
import { imageInfo } from './image-ref';

function check(c: ContainerRef, key: string): PostureHit[] {
  const raw = get(c.spec, key);
  const img = imageInfo(raw);
  const path = [...c.path, key];
  switch (img.kind) {
    case 'unknown':
      return [{
        path,
        container: c.name,
        unknown: true,
        message: `${who(c)}'s image ${JSON.stringify(img.text)} is decided at deploy time (an intrinsic in its tag), so its version cannot be checked at synth.`,
        fix: 'Give the image a literal tag or digest (pass the tag as a literal in code), or suppress this rule with a reason.',
      }];
    case 'invalid':
      return [{ path, container: c.name, message: `${who(c)} has ${raw === undefined ? 'no image' : `the image ${JSON.stringify(img.text)}, which is not a valid reference`}; allowed: registry/repository:tag or @sha256:digest.` }];
    case 'latest':
    case 'untagged':
      return [{
        path,
        container: c.name,
        message: `${who(c)} runs ${JSON.stringify(img.text)}, ${img.kind === 'latest' ? 'the moving tag latest' : 'which names no tag and so means latest'}: every deployment may run different code; allowed: a version tag or a digest.`,
        fix: `Pin ${who(c)}'s image: \`${img.text.replace(/:latest$/, '')}:<version>@sha256:<digest>\`.`,
      }];
    default:
      return [];
  }
}

/** `latest` (or no tag) changes under a running service: rollbacks and audits cannot say what ran. */
export const imagePinned: PostureRule = {
  info: info({
    id: 'CDP021',
    level: ERROR,
    title: 'Images must name a version: a tag other than latest, or a digest',
    description: 'ECS `Image` and Kubernetes `image` of every container must carry a tag other than `latest` or a digest. An image with no '
      + 'tag means `latest`. CloudFormation images built with `Fn::Sub`/`Fn::Join` are read through their literal parts (a CDK asset image '
      + 'is tagged with its content hash, which pins it); an intrinsic in the tag itself is reported as unknown.',
    fix: 'Reference `registry/repository:<version>@sha256:<digest>` (or at least `:<version>`), or build the image as a CDK Docker asset.',
    platforms: [ECS, K8S],
  }),
  task(t) {
    return t.containers.flatMap(c => check(c, 'Image'));
  },
  pod(t) {
    return t.containers.flatMap(c => check(c, 'image'));
  },
};
