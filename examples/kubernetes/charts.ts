import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { ordersWorkload, reportWorkload } from './orders';
import { kubernetes, Workload } from '../../lib';

/** Where the examples push their image (a placeholder registry; set your own). */
export const REPOSITORY = 'registry.example.com/shop/orders';

/** Options the image tests use to run the same charts for real. */
export interface ExampleChartOptions {
  readonly image?: kubernetes.KubernetesImageOptions;
  readonly workload?: Workload;
  readonly secrets?: kubernetes.SecretEnvironmentVariable[];
  readonly useBuiltInProbe?: boolean;
}

/** A web service in a namespace that enforces Pod Security "restricted". */
export class WebServiceChart extends Chart {
  public readonly service: kubernetes.DistrolessService;

  constructor(scope: Construct, id: string, options: ExampleChartOptions = {}) {
    super(scope, id);
    const ns = new kubernetes.RestrictedNamespace(this, 'namespace', { name: 'shop' });
    this.service = new kubernetes.DistrolessService(this, 'orders', {
      name: 'orders',
      namespace: ns.name,
      workload: options.workload ?? ordersWorkload(),
      image: { repository: REPOSITORY, ...options.image },
      secrets: options.secrets ?? [{ name: 'DB_PASSWORD', secretName: 'orders-db', key: 'password' }],
      networkPolicy: true,
      autoscaling: { maxReplicas: 6 },
      useBuiltInProbe: options.useBuiltInProbe,
    });
  }
}

/** A nightly job in the same namespace. */
export class CronJobChart extends Chart {
  public readonly cronJob: kubernetes.DistrolessCronJob;

  constructor(scope: Construct, id: string, options: ExampleChartOptions = {}) {
    super(scope, id);
    this.cronJob = new kubernetes.DistrolessCronJob(this, 'report', {
      name: 'nightly-report',
      namespace: 'shop',
      workload: options.workload ?? reportWorkload(),
      image: { repository: REPOSITORY, ...options.image },
      schedule: '30 2 * * *',
      timeZone: 'Europe/Berlin',
    });
  }
}
