// DistrolessImage.fromSource builds the health probe in by default, so HTTP, TCP and gRPC health
// checks have a command to run on ECS; the profile says where it is, and staging ships its source.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Runtime } from '../../lib/dockerfile';
import { DistrolessImage, HealthCheck } from '../../lib/workload';

const dirs: string[] = [];
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'cdl-wl-probe-'));
  dirs.push(d);
  return d;
}
afterAll(() => dirs.forEach(d => fs.rmSync(d, { recursive: true, force: true })));

function app(): string {
  const d = tempDir();
  fs.writeFileSync(path.join(d, 'main.go'), 'package main\nfunc main() {}\n');
  fs.writeFileSync(path.join(d, 'go.mod'), 'module app\n');
  return d;
}

describe('DistrolessImage.fromSource and the health probe', () => {
  test('healthProbe: true by default; the profile names HealthCheck.PROBE_PATH', () => {
    const image = DistrolessImage.fromSource(app(), { runtime: Runtime.go() });
    expect(image.profile.healthProbePath).toBe(HealthCheck.PROBE_PATH);
    expect(image.healthCommand(HealthCheck.http('/healthz', { port: 8080 })))
      .toEqual(['/cdk-distroless/probe', 'http', '8080', '/healthz', '--timeout', '5']);
  });

  test('healthProbe: false leaves it out; then only exec checks have a command', () => {
    const image = DistrolessImage.fromSource(app(), { runtime: Runtime.go(), healthProbe: false });
    expect(image.profile.healthProbePath).toBeUndefined();
    expect(image.healthCommand(HealthCheck.tcp(8080))).toBeUndefined();
  });

  test('the staged context holds the probe source next to the Dockerfile', () => {
    const image = DistrolessImage.fromSource(app(), { runtime: Runtime.go() });
    const staged = image.stage(tempDir());
    expect(fs.readFileSync(path.join(staged.directory, 'Dockerfile'), 'utf8')).toMatch(/^COPY \.cdk-distroless\/probe\.c \/src\/probe\.c$/m);
    expect(fs.readFileSync(path.join(staged.directory, '.cdk-distroless', 'probe.c'), 'utf8')).toMatch(/cdk-distroless health probe/);
  });

  test('staging with and without the probe gives different contexts', () => {
    const src = app();
    const out = tempDir();
    const a = DistrolessImage.fromSource(src, { runtime: Runtime.go() }).stage(out);
    const b = DistrolessImage.fromSource(src, { runtime: Runtime.go(), healthProbe: false }).stage(out);
    expect(a.hash).not.toBe(b.hash);
    expect(fs.existsSync(path.join(b.directory, '.cdk-distroless'))).toBe(false);
  });
});
