// An existing cdk8s app that uses none of cdk-distroless's constructs: a stock cdk8s-plus Deployment.
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-34';

/** The chart as teams write it today: cdk8s-plus defaults (non-root, read-only root, no privilege escalation) and nothing more. */
export function stockChart(app: App = new App()): Chart {
  const chart = new Chart(app, 'shop-stock');
  new kplus.Deployment(chart, 'Web', {
    containers: [{ image: 'nginx', portNumber: 8080 }],
  });
  return chart;
}

/** The same chart fixed by hand: what cdk8s-plus leaves out (capabilities, seccomp, numeric user, pinned image) set explicitly. */
export function fixedChart(app: App = new App()): Chart {
  const chart = new Chart(app, 'shop-fixed');
  const deployment = new kplus.Deployment(chart, 'Web', {
    securityContext: { user: 101, group: 101, ensureNonRoot: true },
    containers: [{
      image: `public.ecr.aws/nginx/nginx-unprivileged:1.27.3@sha256:${'0'.repeat(64)}`,
      portNumber: 8080,
      securityContext: {
        user: 101,
        group: 101,
        capabilities: { drop: [kplus.Capability.ALL] },
        seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
      },
    }],
  });
  for (const [name, path] of [['cache', '/var/cache/nginx'], ['tmp', '/tmp']]) {
    deployment.containers[0].mount(path, kplus.Volume.fromEmptyDir(chart, `${name}-volume`, name));
  }
  return chart;
}
