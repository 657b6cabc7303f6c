import { df, DIGEST, findingsOf, lint } from './util';
import { BaseImage, Libc, RegistryMirror } from '../../lib/image';

const ECR = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';

describe('registry mirrors', () => {
  const registryMirrors = [
    RegistryMirror.of('gcr.io/distroless', `${ECR}/distroless`),
    RegistryMirror.of('docker.io/library', `${ECR}/dockerhub`),
  ];

  test('a mirrored distroless base is identified through RegistryMirror.restore', () => {
    const content = df(`FROM ${ECR}/distroless/static-debian13:nonroot@${DIGEST}`, 'USER 65532:65532');
    expect(lint(content, { registryMirrors }).findings).toEqual([]);
  });

  test('without the mirror the same base is unknown', () => {
    const findings = findingsOf('CDL002', df(`FROM ${ECR}/distroless/static-debian13:nonroot@${DIGEST}`, 'USER 65532:65532'));
    expect(findings).toHaveLength(1);
    expect(findings[0].fix).toMatch(/registryMirrors/);
  });

  test('the mirrored tag still decides the facts: a mirrored debug image is still debug', () => {
    const content = df(`FROM ${ECR}/distroless/static-debian13:debug@${DIGEST}`, 'USER 65532:65532');
    expect(lint(content, { registryMirrors }).findings.map(f => f.ruleId)).toEqual(['CDL004']);
  });

  test('a mirrored build image is still a build image, named with its upstream in messages', () => {
    const content = df(`FROM ${ECR}/dockerhub/golang:1.25`, 'USER 65532');
    const result = lint(content, { registryMirrors });
    expect(result.findings.map(f => f.ruleId)).toEqual(['CDL003', 'CDL101']);
  });

  test('the unknown-base message shows the upstream behind a mirror', () => {
    const content = df(`FROM ${ECR}/distroless/not-an-image:1`, 'USER 65532');
    expect(findingsOf('CDL002', content, { registryMirrors })[0].message).toContain('(upstream "gcr.io/distroless/not-an-image:1")');
  });

  test('props.images may be given by their mirrored repository', () => {
    const own = BaseImage.fromRegistry('registry.example.com/team/runtime:1', {
      libc: Libc.GLIBC, hasShell: false, hasPackageManager: false, defaultUser: { uid: 10001, gid: 10001 },
    }).withMirror(RegistryMirror.of('registry.example.com', `${ECR}/example`));
    const content = df(`FROM ${ECR}/example/team/runtime:1@${DIGEST}`, 'USER 10001:10001');
    expect(lint(content, { images: [own] }).findings).toEqual([]);
  });

  test('props.images override the catalog for the same repository', () => {
    const patched = BaseImage.fromRegistry('gcr.io/distroless/static-debian13', {
      libc: Libc.NONE, hasShell: true, hasPackageManager: false, defaultUser: { uid: 65532, gid: 65532 },
    });
    const content = df(`FROM gcr.io/distroless/static-debian13:nonroot@${DIGEST}`, 'USER 65532:65532');
    expect(lint(content, { images: [patched] }).findings.map(f => f.ruleId)).toEqual(['CDL106']);
  });
});
