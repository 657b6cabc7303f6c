import { DIGEST, df, folder, STATIC } from './util';
import { Runtime } from '../../lib/dockerfile';
import { DistrolessImage, Workload } from '../../lib/workload';

/** Bad input from JavaScript callers: a clear Error naming the API, never a TypeError, never a silent pass. */
describe('bad input never crashes with a TypeError', () => {
  const dir = folder({ Dockerfile: df(`FROM ${STATIC}`, 'USER 65532:65532') });
  const ref = `registry.example.com/api@${DIGEST}`;
  const image = DistrolessImage.fromRegistry(ref, { user: { uid: 1, gid: 1 }, ports: [80] });
  const cases: Array<[string, () => unknown]> = [
    ['fromSource options null', () => DistrolessImage.fromSource(dir, null as never)],
    ['fromSource runtime missing', () => DistrolessImage.fromSource(dir, {} as never)],
    ['fromSource buildArgs a list', () => DistrolessImage.fromSource(dir, { runtime: Runtime.go(), buildArgs: ['A=1'] as never })],
    ['fromSource buildSecrets a string', () => DistrolessImage.fromSource(dir, { runtime: Runtime.go(), buildSecrets: 'ca' as never })],
    ['fromDockerfile options a string', () => DistrolessImage.fromDockerfile(dir, 'Dockerfile' as never)],
    ['fromDockerfile file a number', () => DistrolessImage.fromDockerfile(dir, { file: 5 as never })],
    ['fromDockerfile suppressions an object', () => DistrolessImage.fromDockerfile(dir, { suppressions: { ruleId: 'CDL101' } as never })],
    ['fromDockerfile target a number', () => DistrolessImage.fromDockerfile(dir, { target: 1 as never })],
    ['fromDockerfile user null', () => DistrolessImage.fromDockerfile(dir, { user: null as never })],
    ['fromRegistry reference a number', () => DistrolessImage.fromRegistry(5 as never, { user: { uid: 1, gid: 1 } })],
    ['fromRegistry options null', () => DistrolessImage.fromRegistry(ref, null as never)],
    ['fromRegistry ports a number', () => DistrolessImage.fromRegistry(ref, { user: { uid: 1, gid: 1 }, ports: 80 as never })],
    ['fromRegistry writablePaths holding null', () => DistrolessImage.fromRegistry(ref, { user: { uid: 1, gid: 1 }, writablePaths: [null] as never })],
    ['fromRegistry architectures a string', () => DistrolessImage.fromRegistry(ref, { user: { uid: 1, gid: 1 }, architectures: 'amd64' as never })],
    ['stage outdir a number', () => DistrolessImage.fromDockerfile(dir).stage(5 as never)],
    ['Workload props null', () => new Workload(null as never)],
    ['Workload writablePaths holding null', () => new Workload({ image, writablePaths: [null] as never })],
    ['Workload resources null', () => new Workload({ image, resources: null as never })],
    ['Workload environment null', () => new Workload({ image, environment: null as never })],
  ];
  test.each(cases)('%s', (_name, call) => {
    let error: unknown;
    try {
      call();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(/^(DistrolessImage|Workload|DistrolessDockerfile)|DistrolessImage\.|Workload: /);
  });
});
