import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { DistrolessImage, HealthCheck, Runtime, Workload, WorkloadProps } from '../../lib';

export const ENV = { account: '111111111111', region: 'eu-west-1' };
export const CONTEXT = { 'availability-zones:account=111111111111:region=eu-west-1': ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] };
export const DIGEST = 'sha256:' + 'a'.repeat(64);
export const PROBE = '/cdk-distroless/probe';

/** A stack with a fixed environment, as the examples use. */
export function newStack(id = 'Test'): Stack {
  const app = new App({ context: CONTEXT });
  return new Stack(app, id, { env: ENV });
}

let appDir: string | undefined;
/** A tiny Go app folder (only staged, never built). */
export function goAppDir(): string {
  if (!appDir) {
    appDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdl-ecs-app-'));
    fs.writeFileSync(path.join(appDir, 'go.mod'), 'module example.com/t\n\ngo 1.22\n');
    fs.writeFileSync(path.join(appDir, 'main.go'), 'package main\n\nfunc main() {}\n');
  }
  return appDir;
}

/** A registry image with the built-in probe, port 8080 and writable /tmp and /var/cache/app. */
export function registryImage(options: { probe?: boolean } = {}): DistrolessImage {
  return DistrolessImage.fromRegistry(`registry.example.com/app@${DIGEST}`, {
    user: { uid: 65532, gid: 65532 },
    ports: [8080],
    writablePaths: ['/tmp', '/var/cache/app'],
    architectures: ['amd64', 'arm64'] as any,
    healthProbePath: options.probe === false ? undefined : PROBE,
  });
}

/** A workload on the registry image with an HTTP health check on /healthz. */
export function workload(props: Partial<WorkloadProps> = {}, image = registryImage()): Workload {
  return new Workload({ image, healthCheck: HealthCheck.http('/healthz'), ...props });
}

/** A workload built from source (a DockerImageAsset). */
export function sourceWorkload(props: Partial<WorkloadProps> = {}): Workload {
  return new Workload({
    image: DistrolessImage.fromSource(goAppDir(), { runtime: Runtime.go(), exposedPorts: [8080], writablePaths: ['/tmp', '/var/cache/app'] }),
    ...props,
  });
}
