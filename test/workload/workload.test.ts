import { DIGEST, folder } from './util';
import { CpuArchitecture, DistrolessImage, HealthCheck, HealthCheckKind, Relaxation, Workload } from '../../lib/workload';

const REF = `123456789012.dkr.ecr.eu-west-1.amazonaws.com/api@${DIGEST}`;

function registry(options: Partial<Parameters<typeof DistrolessImage.fromRegistry>[1]> = {}): DistrolessImage {
  return DistrolessImage.fromRegistry(REF, { user: { uid: 65532, gid: 65532 }, ports: [8080], writablePaths: ['/tmp', '/var/cache/app'], architectures: [CpuArchitecture.AMD64, CpuArchitecture.ARM64], ...options });
}

describe('Workload defaults', () => {
  const w = new Workload({ image: registry() });

  test('ports: the image\'s exposed ports', () => {
    expect(w.ports).toEqual([8080]);
  });
  test('writablePaths: every writable path of the image, 128 MiB each', () => {
    expect(w.writablePaths).toEqual([{ path: '/tmp', sizeLimitMiB: 128 }, { path: '/var/cache/app', sizeLimitMiB: 128 }]);
  });
  test('healthCheck: a TCP check on the first port', () => {
    expect(w.healthCheck?.kind).toBe(HealthCheckKind.TCP);
    expect(w.healthCheck?.port).toBe(8080);
  });
  test('healthCheck: none when there is no port', () => {
    expect(new Workload({ image: registry({ ports: [] }) }).healthCheck).toBeUndefined();
  });
  test('resources: 250 millicores and 512 MiB', () => {
    expect([w.cpuMillicores, w.memoryMiB]).toEqual([250, 512]);
  });
  test('environment: none; args: the image\'s CMD (undefined)', () => {
    expect(w.environment).toEqual({});
    expect(w.args).toBeUndefined();
  });
  test('architecture: AMD64, or the image\'s build platform, or its only architecture', () => {
    expect(w.architecture).toBe(CpuArchitecture.AMD64);
    expect(new Workload({ image: registry({ architectures: [CpuArchitecture.ARM64] }) }).architecture).toBe(CpuArchitecture.ARM64);
  });
  test('relaxations: none', () => {
    expect(w.relaxations).toEqual([]);
    expect(w.relaxation('read-only-root')).toBeUndefined();
  });
  test('user and profile come from the image', () => {
    expect(w.user).toEqual({ uid: 65532, gid: 65532 });
    expect(w.profile).toBe(w.image.profile);
  });
});

describe('Workload settings', () => {
  test('every prop given', () => {
    const w = new Workload({
      image: registry(),
      ports: [8080, 9090],
      writablePaths: [{ path: '/tmp/', sizeLimitMiB: 64 }],
      healthCheck: HealthCheck.http('/healthz', { port: 9090 }),
      resources: { cpuMillicores: 1000, memoryMiB: 2048 },
      environment: { LOG_LEVEL: 'debug', TOKEN_URL: 'https://x' },
      args: ['--serve'],
      architecture: CpuArchitecture.ARM64,
      relaxations: [Relaxation.writableRootFilesystem('legacy agent writes its PID file (OPS-1234)')],
    });
    expect(w.ports).toEqual([8080, 9090]);
    expect(w.writablePaths).toEqual([{ path: '/tmp', sizeLimitMiB: 64 }]);
    expect(w.healthCheck?.port).toBe(9090);
    expect([w.cpuMillicores, w.memoryMiB]).toEqual([1000, 2048]);
    expect(w.environment).toEqual({ LOG_LEVEL: 'debug', TOKEN_URL: 'https://x' });
    expect(w.args).toEqual(['--serve']);
    expect(w.architecture).toBe(CpuArchitecture.ARM64);
    expect(w.relaxation('read-only-root')?.reason).toMatch(/PID file/);
  });

  test('a health check may use a port of its own (a management or gRPC health port)', () => {
    expect(new Workload({ image: registry(), healthCheck: HealthCheck.grpc(9090) }).healthCheck?.port).toBe(9090);
  });

  test('an exec health check needs no port', () => {
    const w = new Workload({ image: registry({ ports: [] }), healthCheck: HealthCheck.exec(['/app/server', '--check']) });
    expect(w.healthCheck?.command).toEqual(['/app/server', '--check']);
  });
});

describe('Workload rejections', () => {
  const image = registry();
  test.each([
    ['the image is not a DistrolessImage', { image: 'nginx' }, /props.image must be a DistrolessImage .*got "nginx"/],
    ['ports is not a list', { image, ports: 8080 }, /ports must be a list of port numbers, got 8080/],
    ['a port is out of range', { image, ports: [8080, 70000] }, /ports\[1\] 70000 is not a port. Use a whole number from 1 to 65535/],
    ['a port is listed twice', { image, ports: [8080, 8080] }, /port 8080 is listed twice/],
    ['a writable path is not the image\'s', { image, writablePaths: [{ path: '/data' }] }, /writable path "\/data" is not a writable path of the image \(\["\/tmp","\/var\/cache\/app"\]\)/],
    ['a writable path is listed twice', { image, writablePaths: [{ path: '/tmp' }, { path: '/tmp/' }] }, /writable path "\/tmp" is listed twice/],
    ['a writable path is not an object', { image, writablePaths: ['/tmp'] }, /writablePaths\[0\] "\/tmp" must be \{ path, sizeLimitMiB\? \}/],
    ['a size limit is out of range', { image, writablePaths: [{ path: '/tmp', sizeLimitMiB: 0 }] }, /writablePaths\[0\].sizeLimitMiB 0 is out of range. Use a whole number of MiB from 1 to 204800/],
    ['a size limit is not whole', { image, writablePaths: [{ path: '/tmp', sizeLimitMiB: 1.5 }] }, /sizeLimitMiB 1.5 is out of range/],
    ['the health check is not a HealthCheck', { image, healthCheck: { kind: 'http' } }, /healthCheck must be a HealthCheck/],
    ['the health check has no port and there is none', { image: registry({ ports: [] }), healthCheck: HealthCheck.http('/') }, /the http health check names no port and the workload has none/],
    ['resources is not an object', { image, resources: 2 }, /resources must be an object, got 2/],
    ['cpu is out of range', { image, resources: { cpuMillicores: 20000 } }, /resources.cpuMillicores 20000 is out of range. Use a whole number from 1 to 16000/],
    ['cpu is not a number', { image, resources: { cpuMillicores: '250m' } }, /resources.cpuMillicores "250m" is out of range/],
    ['memory is out of range', { image, resources: { memoryMiB: 4 } }, /resources.memoryMiB 4 is out of range. Use a whole number from 6 to 122880/],
    ['an environment name is not a name', { image, environment: { 'LOG-LEVEL': 'x' } }, /environment variable name "LOG-LEVEL" is not allowed/],
    ['an environment name looks like a secret', { image, environment: { DB_PASSWORD: 'x' } }, /environment variable DB_PASSWORD looks like a secret \(PASSWORD\).*secrets prop/],
    ['an environment value is not a string', { image, environment: { PORT: 8080 } }, /environment\["PORT"\] must be a string without NUL characters, got 8080/],
    ['environment is not an object', { image, environment: ['A=1'] }, /environment must be an object of names to strings/],
    ['args is not a list of strings', { image, args: '--serve' }, /args "--serve" must be a list of strings/],
    ['the architecture is unknown', { image, architecture: 'x86' }, /architecture "x86" is not a CpuArchitecture/],
    ['the image does not support the architecture', { image: registry({ architectures: [CpuArchitecture.AMD64] }), architecture: CpuArchitecture.ARM64 }, /architecture arm64 is not one the image supports \(\["amd64"\]\)/],
    ['a relaxation is not a Relaxation', { image, relaxations: [{ control: 'read-only-root', reason: 'because I say so' }] }, /relaxations\[0\] must be a Relaxation/],
    ['a relaxation is given twice', { image, relaxations: [Relaxation.addCapability('NET_BIND_SERVICE', 'binds port 80 itself'), Relaxation.addCapability('NET_BIND_SERVICE', 'binds port 80 itself')] },
      /relaxations\[1\] relaxes capabilities \(NET_BIND_SERVICE\) a second time/],
    ['relaxations is not a list', { image, relaxations: Relaxation.writableRootFilesystem('legacy agent needs it (OPS-1)') }, /relaxations must be a list of Relaxation/],
  ])('fails if %s', (_name, props, message) => {
    expect(() => new Workload(props as never)).toThrow(message);
  });

  test('fails if the architecture differs from the image\'s build platform', () => {
    const built = DistrolessImage.fromDockerfile(folder({ Dockerfile: `FROM gcr.io/distroless/static-debian13:nonroot@${DIGEST}\nUSER 65532:65532\n` }), { platform: CpuArchitecture.AMD64 });
    expect(new Workload({ image: built }).architecture).toBe(CpuArchitecture.AMD64);
    expect(() => new Workload({ image: built, architecture: CpuArchitecture.ARM64 })).toThrow(/architecture arm64 differs from the image's build platform amd64/);
  });
});
