import { HealthCheck, HealthCheckKind, Relaxation, TimeSpan } from '../../lib/workload';

describe('HealthCheck defaults', () => {
  const check = HealthCheck.http('/healthz');
  test('interval: 15 seconds', () => expect(check.interval.toSeconds()).toBe(15));
  test('timeout: 5 seconds', () => expect(check.timeout.toSeconds()).toBe(5));
  test('healthyThreshold: 2', () => expect(check.healthyThreshold).toBe(2));
  test('unhealthyThreshold: 3', () => expect(check.unhealthyThreshold).toBe(3));
  test('startPeriod: 10 seconds', () => expect(check.startPeriod.toSeconds()).toBe(10));
  test('port: none until the workload fills in its first port', () => {
    expect(check.port).toBeUndefined();
    expect(check._withDefaultPort(8080).port).toBe(8080);
    expect(HealthCheck.http('/', { port: 9090 })._withDefaultPort(8080).port).toBe(9090);
  });
  test('gRPC service: the server as a whole', () => expect(HealthCheck.grpc(50051).service).toBe(''));
});

describe('HealthCheck kinds and their commands (never a shell)', () => {
  test('http, tcp and grpc call the built-in probe; without one they have no command', () => {
    const probe = HealthCheck.PROBE_PATH;
    expect(HealthCheck.http('/ready', { port: 8080, timeout: TimeSpan.seconds(2) }).execCommand(probe))
      .toEqual([probe, 'http', '8080', '/ready', '--timeout', '2']);
    expect(HealthCheck.tcp(5432).execCommand(probe)).toEqual([probe, 'tcp', '5432', '--timeout', '5']);
    expect(HealthCheck.grpc(50051, { service: 'orders.v1.Orders' }).execCommand(probe))
      .toEqual([probe, 'grpc', '50051', '--service', 'orders.v1.Orders', '--timeout', '5']);
    expect(HealthCheck.tcp(5432).execCommand()).toBeUndefined();
    expect(HealthCheck.tcp().execCommand(probe)).toBeUndefined();
  });

  test('exec runs its own program', () => {
    const check = HealthCheck.exec(['/app/server', '--check'], { interval: TimeSpan.minutes(1) });
    expect(check.kind).toBe(HealthCheckKind.EXEC);
    expect(check.execCommand()).toEqual(['/app/server', '--check']);
    expect(check.interval.toSeconds()).toBe(60);
  });
});

describe('HealthCheck rejections', () => {
  test.each([
    ['an http path is not a path', () => HealthCheck.http('healthz'), /HealthCheck.http: path "healthz" is not a URL path/],
    ['an http path has a space', () => HealthCheck.http('/a b'), /is not a URL path/],
    ['a port is out of range', () => HealthCheck.tcp(0), /HealthCheck.tcp: port 0 is not a port/],
    ['a gRPC service has spaces', () => HealthCheck.grpc(1, { service: 'a b' }), /service "a b" is not a gRPC service name/],
    ['exec is empty', () => HealthCheck.exec([]), /command \[\] must be a non-empty list/],
    ['exec starts a shell', () => HealthCheck.exec(['/bin/sh', '-c', 'curl localhost']), /starts the shell "\/bin\/sh". Distroless images have no shell/],
    ['exec starts busybox', () => HealthCheck.exec(['/busybox/busybox', 'wget', 'x']), /starts the shell/],
    ['exec is one string with spaces', () => HealthCheck.exec(['/app/server --check']), /is one string with spaces, which only a shell would split.*\["\/app\/server","--check"\]/],
    ['exec is not absolute', () => HealthCheck.exec(['server']), /program "server" is not an absolute path/],
    ['a timing is not a TimeSpan', () => HealthCheck.tcp(1, { interval: 10 as never }), /interval must be a TimeSpan/],
    ['an interval is under a second', () => HealthCheck.tcp(1, { interval: TimeSpan.seconds(0) }), /interval 0 seconds is too short/],
    ['the timeout exceeds the interval', () => HealthCheck.tcp(1, { interval: TimeSpan.seconds(5), timeout: TimeSpan.seconds(6) }), /timeout \(6 seconds\) is longer than interval \(5 seconds\)/],
    ['a threshold is out of range', () => HealthCheck.tcp(1, { healthyThreshold: 11 }), /healthyThreshold 11 must be a whole number from 1 to 10/],
  ])('fails if %s', (_name, call, message) => {
    expect(call).toThrow(message);
  });
});

describe('TimeSpan', () => {
  test('seconds and minutes, shown as written', () => {
    expect(TimeSpan.seconds(90).toSeconds()).toBe(90);
    expect(TimeSpan.minutes(2).toSeconds()).toBe(120);
    expect(String(TimeSpan.minutes(2))).toBe('2 minutes');
    expect(String(TimeSpan.seconds(30))).toBe('30 seconds');
  });
  test('fails if the amount is negative, fractional or not a number', () => {
    expect(() => TimeSpan.seconds(-1)).toThrow(/TimeSpan.seconds: -1 is not a whole, non-negative number of seconds/);
    expect(() => TimeSpan.minutes(1.5)).toThrow(/TimeSpan.minutes: 1.5 is not a whole/);
    expect(() => TimeSpan.seconds('5' as never)).toThrow(/"5" is not a whole/);
  });
});

describe('Relaxation', () => {
  test('writable root and an added capability carry their control and reason', () => {
    const root = Relaxation.writableRootFilesystem('  legacy agent writes its PID file (OPS-1234)  ');
    expect([root.control, root.reason, root.capability]).toEqual(['read-only-root', 'legacy agent writes its PID file (OPS-1234)', undefined]);
    const cap = Relaxation.addCapability('NET_BIND_SERVICE', 'binds port 443 itself (no proxy)');
    expect([cap.control, cap.capability]).toEqual(['capabilities', 'NET_BIND_SERVICE']);
  });
  test('fails if the reason is too short or the capability is not a name', () => {
    expect(() => Relaxation.writableRootFilesystem('because')).toThrow(/needs a reason of at least 10 characters/);
    expect(() => Relaxation.addCapability('cap_net_raw', 'needs raw sockets for ping')).toThrow(/"cap_net_raw" is not a capability name/);
  });
});
