// The health probe's C source (lib/dockerfile/probe/probe.c), compiled here with the flags the
// generated probe stage uses and run against local servers on 127.0.0.1: HTTP answers, a TCP
// listener, a closed port, garbage, a server that never answers, and a gRPC health server made
// with node's http2 module. Skipped when no C compiler with a static libc is on the machine.
import { execFile, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as http2 from 'http2';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { PROBE_CFLAGS, PROBE_SOURCE_FILE } from '../../lib/dockerfile/private/probe';
import { HealthCheck, TimeSpan } from '../../lib/workload';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdl-probe-'));
const probe = path.join(dir, 'probe');
const compiled = spawnSync('gcc', [...PROBE_CFLAGS.split(' '), '-Wall', '-Wextra', '-Werror', '-o', probe, PROBE_SOURCE_FILE], { encoding: 'utf8' });
const haveProbe = compiled.status === 0;
const describeNative = haveProbe ? describe : describe.skip;
if (!haveProbe) {
  // Visible in the test output: the native checks did not run.
  // eslint-disable-next-line no-console
  console.warn(`probe.test: no native probe (gcc ${compiled.error ? 'missing' : `failed: ${compiled.stderr}`}); skipping the native checks`);
}

interface Run { code: number | null; stdout: string; stderr: string }

/** Runs the probe without blocking the event loop (the servers live in this process). */
function run(...args: string[]): Promise<Run> {
  return new Promise(resolve => {
    execFile(probe, args, { timeout: 20_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function listen(server: net.Server): Promise<number> {
  return new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
}

const servers: net.Server[] = [];
const sockets = new Set<net.Socket>();
function track<T extends net.Server>(server: T): T {
  servers.push(server);
  // The probe may reset a connection it gives up on: that is expected, not a crash of the test.
  server.on('connection', s => { sockets.add(s); s.on('error', () => undefined); s.on('close', () => sockets.delete(s)); });
  server.on('session', (session: http2.Http2Session) => session.on('error', () => undefined));
  server.on('error', () => undefined);
  return server;
}

let httpPort = 0;
let tcpPort = 0;
let closedPort = 0;
let garbagePort = 0;
let hangupPort = 0;
let silentPort = 0;
let grpcPort = 0;
let grpcBarePort = 0;
let grpcGracefulPort = 0;
let grpcRefusingPort = 0;
let grpcPaddedPort = 0;
/** Raw servers that write these pieces (a few ms apart) to every connection, then close it. */
const RAW_ANSWERS: Record<string, string[]> = {
  'split': ['HT', 'TP/1.', '1 2', '00', ' OK\r\nContent-Length: 0\r\n\r\n'],
  'no-reason': ['HTTP/1.1 204\r\n\r\n'],
  'four-digits': ['HTTP/1.1 2000 OK\r\n\r\n'],
  'continue-then-close': ['HTTP/1.1 100 Continue\r\n\r\n'],
  'split-interim': ['HTTP/1.1 103 Early Hints\r\nLink: </a.css>', '; rel=preload\r\n', '\r\nHTTP/1.1 200 OK\r\n\r\n'],
  'switching': ['HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n'],
  'huge-interim': [`HTTP/1.1 103 Early Hints\r\nLink: <${'x'.repeat(20_000)}>\r\n\r\n`, 'HTTP/1.1 200 OK\r\n\r\n'],
};
const rawPorts: Record<string, number> = {};
/** An HTTP server on the IPv6 loopback, and the Host headers it got; port 0 when ::1 is unavailable. */
let ipv6Port = 0;
const ipv6Hosts: Array<string | undefined> = [];
const httpRequests: http.IncomingMessage[] = [];
const grpcRequests: Array<{ headers: http2.IncomingHttpHeaders; body: Buffer }> = [];

/** protobuf HealthCheckRequest { string service = 1; } as the probe must send it (names < 128 bytes: a one-byte length). */
function decodeService(message: Buffer): string {
  if (message.length === 0) { return ''; }
  expect(message[0]).toBe(0x0a);
  expect(message[1]).toBeLessThan(0x80);
  expect(message.length).toBe(2 + message[1]);
  return message.subarray(2).toString('utf8');
}

/** A gRPC health server: '' SERVING, 'orders.v1.Orders' NOT_SERVING, 'flaky' UNKNOWN, others NOT_FOUND. */
function grpcHealthServer(withHealth: boolean, options: http2.ServerOptions = {}): http2.Http2Server {
  const server = http2.createServer(options);
  server.on('stream', (stream, headers) => {
    stream.on('error', () => undefined);
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      const body = Buffer.concat(chunks);
      grpcRequests.push({ headers, body });
      if (!withHealth || headers[':path'] !== '/grpc.health.v1.Health/Check') {
        stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '12' }, { endStream: true });
        return;
      }
      const service = decodeService(body.subarray(5, 5 + body.readUInt32BE(1)));
      const status = ({ '': 1, 'orders.v1.Orders': 2, 'flaky': 0 } as Record<string, number>)[service];
      if (status === undefined) {
        stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '5', 'grpc-message': 'unknown service' }, { endStream: true });
        return;
      }
      stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
      stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
      // HealthCheckResponse { status = 1 }; UNKNOWN (0) is the empty message, as proto3 encodes it.
      const message = status === 0 ? Buffer.alloc(0) : Buffer.from([0x08, status]);
      const frame = Buffer.alloc(5);
      frame.writeUInt32BE(message.length, 1);
      stream.end(Buffer.concat([frame, message]));
    });
  });
  return server;
}

beforeAll(async () => {
  if (!haveProbe) { return; }
  const web = track(http.createServer((req, res) => {
    httpRequests.push(req);
    const routes: Record<string, number> = { '/healthz': 200, '/moved': 302, '/no-content': 204, '/missing': 404, '/broken': 500, '/unavailable': 503 };
    if (req.url === '/slow') { return; } // never answers
    if (req.url === '/delayed') { setTimeout(() => res.end('ok'), 300); return; }
    if (req.url?.startsWith('/early')) {
      // 103 Early Hints before the final answer: interim, not the health status.
      res.writeEarlyHints({ link: '</style.css>; rel=preload; as=style' });
      res.writeEarlyHints({ link: '</app.js>; rel=preload; as=script' });
      res.writeHead(req.url === '/early-broken' ? 503 : 200);
      res.end('body');
      return;
    }
    res.writeHead(routes[req.url ?? ''] ?? 404, req.url === '/moved' ? { location: '/healthz' } : {});
    res.end('body');
  }));
  httpPort = await listen(web);
  tcpPort = await listen(track(net.createServer(s => s.end())));
  garbagePort = await listen(track(net.createServer(s => s.end('SSH-2.0-OpenSSH_9.6\r\n'))));
  hangupPort = await listen(track(net.createServer(s => s.destroy())));
  silentPort = await listen(track(net.createServer(() => undefined)));
  grpcPort = await listen(track(grpcHealthServer(true)));
  grpcBarePort = await listen(track(grpcHealthServer(false)));
  // A server shutting down gracefully: GOAWAY (NO_ERROR) covering the probe's stream, then the answer.
  const graceful = grpcHealthServer(true);
  graceful.prependListener('stream', (stream: http2.ServerHttp2Stream) => stream.session?.goaway(0, stream.id));
  grpcGracefulPort = await listen(track(graceful));
  // A server that takes no stream at all: GOAWAY with last-stream-id 0 as soon as it connects.
  const refusing = grpcHealthServer(true);
  refusing.on('session', (session: http2.ServerHttp2Session) => session.goaway(0, 0));
  grpcRefusingPort = await listen(track(refusing));
  // Padding on every frame (RFC 9113 6.1): the probe must skip it in DATA.
  grpcPaddedPort = await listen(track(grpcHealthServer(true, { paddingStrategy: http2.constants.PADDING_STRATEGY_MAX })));
  for (const [name, pieces] of Object.entries(RAW_ANSWERS)) {
    rawPorts[name] = await listen(track(net.createServer(async s => {
      for (const piece of pieces) {
        s.write(piece);
        await new Promise(resolve => setTimeout(resolve, 20));
      }
      s.end();
    })));
  }
  const v6 = track(http.createServer((req, res) => { ipv6Hosts.push(req.headers.host); res.end(); }));
  ipv6Port = await new Promise<number>(resolve => {
    v6.once('error', () => resolve(0));
    v6.listen(0, '::1', () => resolve((v6.address() as net.AddressInfo).port));
  });
  const closed = net.createServer();
  closedPort = await listen(closed);
  await new Promise(resolve => closed.close(resolve));
});

afterAll(async () => {
  for (const s of sockets) { s.destroy(); }
  await Promise.all(servers.map(s => new Promise(resolve => s.close(resolve))));
  fs.rmSync(dir, { recursive: true, force: true });
});

describeNative('the probe binary', () => {
  test('is static (no program interpreter) and at most 1.5 MB', () => {
    const elf = fs.readFileSync(probe);
    expect(elf.subarray(0, 4)).toEqual(Buffer.from([0x7f, 0x45, 0x4c, 0x46]));
    // ELF64 little-endian: e_phoff at 32, e_phentsize at 54, e_phnum at 56; PT_INTERP is type 3.
    const phoff = Number(elf.readBigUInt64LE(32));
    const types = Array.from({ length: elf.readUInt16LE(56) }, (_, i) => elf.readUInt32LE(phoff + i * elf.readUInt16LE(54)));
    expect(types).not.toContain(3);
    expect(elf.length).toBeLessThanOrEqual(1.5 * 1024 * 1024);
  });

  test('--help prints the usage and exits 0', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: probe http <port> <path> \[--timeout <seconds>\] \[--host <ip>\]$/m);
  });
});

describeNative('probe http', () => {
  test('exits 0 on 200 and says so', async () => {
    const r = await run('http', String(httpPort), '/healthz');
    expect(r).toEqual({ code: 0, stdout: `probe: http 127.0.0.1:${httpPort}/healthz: healthy: HTTP 200\n`, stderr: '' });
  });

  test('sends one HTTP/1.1 GET with Host and Connection: close', async () => {
    httpRequests.length = 0;
    await run('http', String(httpPort), '/healthz?full=1');
    expect(httpRequests).toHaveLength(1);
    const [req] = httpRequests;
    expect([req.method, req.url, req.httpVersion]).toEqual(['GET', '/healthz?full=1', '1.1']);
    expect(req.headers).toMatchObject({ 'host': `127.0.0.1:${httpPort}`, 'connection': 'close', 'user-agent': 'cdk-distroless-probe' });
  });

  test.each([['/no-content', 204], ['/moved', 302]])('exits 0 on %s (%i)', async (p, status) => {
    const r = await run('http', String(httpPort), p);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`HTTP ${status}`);
  });

  test.each([['/missing', 404], ['/broken', 500], ['/unavailable', 503]])('exits 1 on %s (%i)', async (p, status) => {
    const r = await run('http', String(httpPort), p);
    expect(r).toEqual({ code: 1, stdout: '', stderr: `probe: http 127.0.0.1:${httpPort}${p}: unhealthy: HTTP ${status}\n` });
  });

  test('exits 1 when the port is closed (connection refused)', async () => {
    const r = await run('http', String(closedPort), '/healthz');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unhealthy: Connection refused/);
  });

  test('exits 1 when the server answers something that is not HTTP', async () => {
    const r = await run('http', String(garbagePort), '/healthz');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unhealthy: the answer is not HTTP/);
  });

  test('exits 1 when the server hangs up without an answer', async () => {
    const r = await run('http', String(hangupPort), '/healthz');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unhealthy: (the server closed the connection without an answer|Connection reset by peer)/);
  });

  test('exits 1 with "timed out" when the server never answers within --timeout', async () => {
    const r = await run('http', String(httpPort), '/slow', '--timeout', '1');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unhealthy: timed out/);
  });

  test('skips interim 1xx answers (103 Early Hints) and judges the final status', async () => {
    const r = await run('http', String(httpPort), '/early');
    expect(r).toEqual({ code: 0, stdout: `probe: http 127.0.0.1:${httpPort}/early: healthy: HTTP 200\n`, stderr: '' });
    const broken = await run('http', String(httpPort), '/early-broken');
    expect(broken.code).toBe(1);
    expect(broken.stderr).toBe(`probe: http 127.0.0.1:${httpPort}/early-broken: unhealthy: HTTP 503\n`);
    expect((await run('http', String(rawPorts['split-interim']), '/')).stdout).toMatch(/healthy: HTTP 200$/m);
  });

  test('reads a status line that arrives in pieces, and one without a reason phrase', async () => {
    expect((await run('http', String(rawPorts.split), '/')).stdout).toMatch(/healthy: HTTP 200$/m);
    expect((await run('http', String(rawPorts['no-reason']), '/')).stdout).toMatch(/healthy: HTTP 204$/m);
  });

  test('exits 1 on a status code that is not three digits, an interim answer alone, 101, or an interim head over 16 KiB', async () => {
    const four = await run('http', String(rawPorts['four-digits']), '/');
    expect(four.code).toBe(1);
    expect(four.stderr).toMatch(/unhealthy: the answer is not HTTP$/m);
    const interim = await run('http', String(rawPorts['continue-then-close']), '/');
    expect(interim.code).toBe(1);
    expect(interim.stderr).toMatch(/unhealthy: the server closed the connection after an interim \(1xx\) answer$/m);
    const switching = await run('http', String(rawPorts.switching), '/');
    expect(switching.code).toBe(1);
    expect(switching.stderr).toMatch(/unhealthy: HTTP 101$/m);
    const huge = await run('http', String(rawPorts['huge-interim']), '/');
    expect(huge.code).toBe(1);
    expect(huge.stderr).toMatch(/unhealthy: the response head is larger than 16 KiB$/m);
  });

  test('--timeout defaults to 5 seconds', async () => {
    const r = await run('http', String(httpPort), '/slow');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`probe: http 127.0.0.1:${httpPort}/slow: unhealthy: timed out\n`);
  }, 15_000);

  test('--host takes an IPv6 address, written in brackets in the Host header and the message', async () => {
    if (!ipv6Port) { return; } // no IPv6 loopback on this machine
    const r = await run('http', String(ipv6Port), '/healthz', '--host', '::1');
    expect(r).toEqual({ code: 0, stdout: `probe: http [::1]:${ipv6Port}/healthz: healthy: HTTP 200\n`, stderr: '' });
    expect(ipv6Hosts).toEqual([`[::1]:${ipv6Port}`]);
    expect((await run('tcp', String(ipv6Port), '--host', '::1')).code).toBe(0);
  });

  test('runs the command HealthCheck.http().execCommand() gives', async () => {
    const check = HealthCheck.http('/healthz', { port: httpPort, timeout: TimeSpan.seconds(2) });
    const [program, ...args] = check.execCommand(probe)!;
    expect(program).toBe(probe);
    expect((await run(...args)).code).toBe(0);
    const broken = HealthCheck.http('/broken', { port: httpPort }).execCommand(probe)!;
    expect((await run(...broken.slice(1))).code).toBe(1);
  });
});

describeNative('probe tcp', () => {
  test('exits 0 when the connection opens', async () => {
    const r = await run('tcp', String(tcpPort), '--timeout', '2');
    expect(r).toEqual({ code: 0, stdout: `probe: tcp 127.0.0.1:${tcpPort}: healthy: connected\n`, stderr: '' });
  });

  test('exits 1 when the port is closed', async () => {
    const r = await run('tcp', String(closedPort));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`probe: tcp 127.0.0.1:${closedPort}: unhealthy: Connection refused\n`);
  });

  test('keeps its exit status when the runner has closed its output (no death by SIGPIPE)', async () => {
    const exit = await new Promise<[number | null, string | null]>(resolve => {
      // The answer comes 300 ms later, so the probe writes its verdict long after stdout is closed.
      const child = spawn(probe, ['http', String(httpPort), '/delayed'], { stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.destroy();
      child.on('exit', (code, signal) => resolve([code, signal]));
    });
    expect(exit).toEqual([0, null]);
  });

  test('runs the command HealthCheck.tcp().execCommand() gives', async () => {
    expect((await run(...HealthCheck.tcp(tcpPort).execCommand(probe)!.slice(1))).code).toBe(0);
    expect((await run(...HealthCheck.tcp(closedPort).execCommand(probe)!.slice(1))).code).toBe(1);
  });
});

describeNative('probe grpc', () => {
  test('exits 0 when the server as a whole is SERVING', async () => {
    const r = await run('grpc', String(grpcPort));
    expect(r).toEqual({ code: 0, stdout: `probe: grpc 127.0.0.1:${grpcPort}: healthy: SERVING\n`, stderr: '' });
  });

  test('sends POST /grpc.health.v1.Health/Check with a HealthCheckRequest for the service', async () => {
    grpcRequests.length = 0;
    await run('grpc', String(grpcPort), '--service', 'orders.v1.Orders');
    expect(grpcRequests).toHaveLength(1);
    const [{ headers, body }] = grpcRequests;
    expect(headers).toMatchObject({
      ':method': 'POST',
      ':scheme': 'http',
      ':path': '/grpc.health.v1.Health/Check',
      ':authority': `127.0.0.1:${grpcPort}`,
      'content-type': 'application/grpc',
      'te': 'trailers',
    });
    expect(body[0]).toBe(0); // not compressed
    expect(body.readUInt32BE(1)).toBe(body.length - 5);
    expect(decodeService(body.subarray(5))).toBe('orders.v1.Orders');
  });

  test('exits 1 on NOT_SERVING', async () => {
    const r = await run('grpc', String(grpcPort), '--service', 'orders.v1.Orders');
    expect(r).toEqual({ code: 1, stdout: '', stderr: `probe: grpc 127.0.0.1:${grpcPort} service orders.v1.Orders: unhealthy: NOT_SERVING\n` });
  });

  test('exits 1 on UNKNOWN (an empty HealthCheckResponse)', async () => {
    const r = await run('grpc', String(grpcPort), '--service', 'flaky');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/service flaky: unhealthy: UNKNOWN$/m);
  });

  test('exits 1 when the service is unknown (grpc-status NOT_FOUND, no message)', async () => {
    const r = await run('grpc', String(grpcPort), '--service', 'nope.v1.Nope');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unhealthy: the call ended without a health response/);
  });

  test('exits 1 when the server has no health service (UNIMPLEMENTED)', async () => {
    const r = await run('grpc', String(grpcBarePort));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/does the server register grpc\.health\.v1\.Health\?/);
  });

  test('reads on after a graceful GOAWAY that covers its stream (a server shutting down)', async () => {
    const r = await run('grpc', String(grpcGracefulPort), '--timeout', '2');
    expect(r).toEqual({ code: 0, stdout: `probe: grpc 127.0.0.1:${grpcGracefulPort}: healthy: SERVING\n`, stderr: '' });
  });

  test('reads padded frames', async () => {
    const r = await run('grpc', String(grpcPaddedPort));
    expect(r).toEqual({ code: 0, stdout: `probe: grpc 127.0.0.1:${grpcPaddedPort}: healthy: SERVING\n`, stderr: '' });
    expect((await run('grpc', String(grpcPaddedPort), '--service', 'orders.v1.Orders')).stderr).toMatch(/unhealthy: NOT_SERVING$/m);
  });

  test('exits 1 when a GOAWAY refuses its stream', async () => {
    const r = await run('grpc', String(grpcRefusingPort), '--timeout', '2');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unhealthy: the server refused the connection \(GOAWAY\): is it a gRPC server\?$/m);
  });

  test('exits 1 against an HTTP/1.1 server', async () => {
    const r = await run('grpc', String(httpPort), '--timeout', '2');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unhealthy: the server sent a frame larger than allowed: is it HTTP\/2\?/);
  });

  test('exits 1 when the port is closed, or the server hangs up', async () => {
    expect((await run('grpc', String(closedPort))).stderr).toMatch(/unhealthy: Connection refused/);
    expect((await run('grpc', String(tcpPort))).code).toBe(1);
    expect((await run('grpc', String(garbagePort))).code).toBe(1);
  });

  test('exits 1 with "timed out" when the server never answers within --timeout', async () => {
    const r = await run('grpc', String(silentPort), '--timeout', '1');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unhealthy: timed out/);
  });

  test('runs the command HealthCheck.grpc().execCommand() gives', async () => {
    expect((await run(...HealthCheck.grpc(grpcPort).execCommand(probe)!.slice(1))).code).toBe(0);
    expect((await run(...HealthCheck.grpc(grpcPort, { service: 'orders.v1.Orders' }).execCommand(probe)!.slice(1))).code).toBe(1);
  });
});

describeNative('usage errors exit 2 with a message naming the problem', () => {
  test.each([
    [[], /missing mode: use http, tcp or grpc/],
    [['ping', '80'], /unknown mode \(use http, tcp or grpc\): "ping"/],
    [['http', '8080'], /missing <path>, e.g\. \/healthz/],
    [['http'], /missing <port>/],
    [['http', '0', '/'], /<port> must be a whole number from 1 to 65535, got "0"/],
    [['http', '65536', '/'], /got "65536"/],
    [['http', '80a', '/'], /got "80a"/],
    [['http', '8080', 'healthz'], /<path> must start with '\/'/],
    [['http', '8080', '/a\r\nX-Injected: 1'], /<path> must start with '\/' and hold up to 512 printable characters without spaces/],
    [['http', '8080', '/', 'extra'], /unexpected argument "extra"/],
    [['tcp', '8080', '--timeout'], /missing value after "--timeout"/],
    [['tcp', '8080', '--timeout', '0'], /--timeout must be seconds from 1 to 3600/],
    [['tcp', '8080', '--timeout', 'soon'], /got "soon"/],
    [['tcp', '8080', '--timeout', '3601'], /got "3601"/],
    [['tcp', '8080', '--service', 'x'], /unknown option "--service"/],
    [['tcp', '8080', '--verbose'], /unknown option "--verbose"/],
    [['tcp', '8080', '--host', 'localhost'], /--host must be a numeric IPv4 or IPv6 address \(no DNS\), got "localhost"/],
    [['grpc', '8080', '--service', 'two words'], /--service must be up to 200 printable characters without spaces/],
  ])('%j', async (args, message) => {
    const r = await run(...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message as RegExp);
    expect(r.stderr).toMatch(/^Usage: probe http/m);
  });

  test('a message cut at its length limit still ends its line before the usage', async () => {
    const r = await run('http', '8080', `/${'a'.repeat(2000)}`);
    expect(r.code).toBe(2);
    const [first, second] = r.stderr.split('\n');
    expect(first).toMatch(/^probe: <path> must start with '\/' and hold up to 512 printable characters without spaces, got "\/a+$/);
    expect(second).toMatch(/^Usage: probe http/);
  });

  test('options may come before the positional arguments, and --timeout takes decimals', async () => {
    expect((await run('http', '--timeout', '2.5', '--host', '127.0.0.1', String(httpPort), '/healthz')).code).toBe(0);
  });
});
