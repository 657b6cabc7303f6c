import { ContainerRef, PostureHit, PostureRule } from '../model';
import { ECS, get, info, K8S, WARNING, who } from './common';
import { imageInfo } from './image-ref';

function check(c: ContainerRef, key: string): PostureHit[] {
  const img = imageInfo(get(c.spec, key));
  if (img.kind !== 'tag') { return []; }
  return [{
    path: [...c.path, key],
    container: c.name,
    message: `${who(c)} runs ${JSON.stringify(img.text)}, pinned by tag only: a tag can be moved to other content; allowed: a digest (@sha256:...).`,
    fix: `Append the digest: \`${img.text}@sha256:<digest>\` (\`crane digest\` or \`docker buildx imagetools inspect\` prints it).`,
  }];
}

/** Tags are mutable; only a digest says exactly which bytes run. */
export const imageDigest: PostureRule = {
  info: info({
    id: 'CDP102',
    level: WARNING,
    title: 'Pin images by digest',
    description: 'An image with a version tag but no digest (`app:1.2.3`) is reported: tags can be re-pushed, so the same task definition '
      + 'or manifest may run different bytes tomorrow. CDK asset images (tagged with their content hash) and digests are not reported; '
      + '`latest` and untagged images are CDP021\'s.',
    fix: 'Reference `repository:<version>@sha256:<digest>`.',
    platforms: [ECS, K8S],
  }),
  task(t) {
    return t.containers.flatMap(c => check(c, 'Image'));
  },
  pod(t) {
    return t.containers.flatMap(c => check(c, 'image'));
  },
};
