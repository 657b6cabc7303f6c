import { PostureHit, PostureRule } from '../model';
import { arr, isIntrinsic } from '../values';
import { ECS, ERROR, get, info, K8S, show, unknownHit, who } from './common';

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'busybox', 'pwsh', 'powershell', 'cmd', 'cmd.exe']);

/** Whether an argv starts a shell (`/bin/sh -c ...`, `bash`, `busybox sh`). */
export function startsShell(argv: unknown[]): boolean {
  const first = typeof argv[0] === 'string' ? argv[0] : '';
  const base = first.split(/[\\/]/).pop() ?? '';
  return SHELLS.has(base.toLowerCase());
}

/** A distroless image has no shell: a health check that needs one always fails, and one that finds one means the image is not distroless. */
export const shellHealthCheck: PostureRule = {
  info: info({
    id: 'CDP017',
    level: ERROR,
    title: 'Health checks and probes must not run a shell',
    description: 'ECS: a container `HealthCheck.Command` must be `["CMD", "<binary>", ...]`: `CMD-SHELL` (what aws-ecs makes of a '
      + 'one-string command) and `CMD` with a shell as the program are reported. Kubernetes: `exec` liveness, readiness and startup probes '
      + 'and `lifecycle.postStart`/`preStop` `exec` handlers must not start a shell (`sh`, `bash`, `/bin/sh`, `busybox`, ...). A distroless '
      + 'image has none, so such a check always fails (and the task or pod is killed); HTTP, TCP and gRPC probes need no shell.',
    fix: 'Run the application\'s own health binary in exec form (`["CMD", "/app/healthcheck"]`), or use an HTTP/TCP/gRPC probe '
      + '(Kubernetes) or the load balancer\'s health check (ECS).',
    platforms: [ECS, K8S],
  }),
  task(t) {
    const hits: PostureHit[] = [];
    for (const c of t.containers) {
      const hc = get(c.spec, 'HealthCheck');
      const cmd = get(hc, 'Command');
      const path = [...c.path, 'HealthCheck', 'Command'];
      if (isIntrinsic(cmd) || isIntrinsic(hc)) {
        hits.push(unknownHit(path, `${who(c)}'s health check command`, isIntrinsic(hc) ? hc : cmd, c.name));
        continue;
      }
      const argv = arr(cmd);
      if (argv[0] === 'CMD-SHELL' || (argv[0] === 'CMD' && startsShell(argv.slice(1)))) {
        hits.push({
          path,
          container: c.name,
          message: `${who(c)}'s health check ${show(argv)} runs a shell, which a distroless image does not have; allowed: ["CMD", "<binary>", ...].`,
          fix: 'Use `HealthCheck: { Command: [\'CMD\', \'/app/healthcheck\'] }` (CDK: `ecs.HealthCheck` with a command of two or more elements starting with CMD), or rely on the load balancer health check.',
        });
      }
    }
    return hits;
  },
  pod(t) {
    const hits: PostureHit[] = [];
    for (const c of t.containers) {
      const handlers: Array<[string[], unknown]> = [
        ...['livenessProbe', 'readinessProbe', 'startupProbe'].map(k => [[k], get(c.spec, k)] as [string[], unknown]),
        ...['postStart', 'preStop'].map(k => [['lifecycle', k], get(get(c.spec, 'lifecycle'), k)] as [string[], unknown]),
      ];
      for (const [keys, handler] of handlers) {
        const command = get(get(handler, 'exec'), 'command');
        if (Array.isArray(command) && startsShell(command)) {
          hits.push({
            path: [...c.path, ...keys, 'exec', 'command'],
            container: c.name,
            message: `${who(c)}'s ${keys.join('.')} runs a shell (${show(command)}), which a distroless image does not have; allowed: an exec of the application's own binary, or an httpGet/tcpSocket/grpc probe.`,
            fix: `Replace the exec ${keys.join('.')} of ${who(c)} with \`httpGet\`, \`tcpSocket\` or \`grpc\`, or exec the application's health binary directly.`,
          });
        }
      }
    }
    return hits;
  },
};
