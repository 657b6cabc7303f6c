// The workload behind the Kubernetes examples: the image tests' Go HTTP service (GET /healthz on
// 8080; `--check` probes it; `--try-write PATH` tries a write), built from source with a generated
// Dockerfile on distroless/static. The same Workload can drive ecs.DistrolessService.
import * as path from 'path';
import { DistrolessImage, HealthCheck, Runtime, Workload } from '../../lib';

/** The app's sources. */
export const ORDERS_SOURCE = path.join(__dirname, '..', '..', 'test', 'integ', 'images', 'apps', 'go');

/** The orders image: built from source, writable /tmp and /var/cache/app, port 8080. */
export function ordersImage(): DistrolessImage {
  return DistrolessImage.fromSource(ORDERS_SOURCE, {
    runtime: Runtime.go(),
    exposedPorts: [8080],
    writablePaths: ['/tmp', '/var/cache/app'],
  });
}

/** The orders web service: HTTP health check, 256 MiB, a small scratch space per writable path. */
export function ordersWorkload(healthCheck: HealthCheck = HealthCheck.http('/healthz')): Workload {
  return new Workload({
    image: ordersImage(),
    healthCheck,
    resources: { cpuMillicores: 250, memoryMiB: 256 },
    writablePaths: [{ path: '/tmp', sizeLimitMiB: 64 }, { path: '/var/cache/app', sizeLimitMiB: 256 }],
    environment: { LOG_LEVEL: 'info' },
  });
}

/** The nightly report: the same image, no port, writes its report to /var/cache/app and exits. */
export function reportWorkload(): Workload {
  return new Workload({
    image: ordersImage(),
    ports: [],
    args: ['--try-write', '/var/cache/app/report.json'],
    resources: { cpuMillicores: 100, memoryMiB: 128 },
  });
}
