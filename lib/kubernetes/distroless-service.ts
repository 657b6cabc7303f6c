import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { DistrolessPodProps } from './pod-options';
import { checkCount, metadata, serviceAccount } from './private/objects';
import { checkDnsLabel, ImageReference, podParts, podTemplate } from './private/pod';

/** How the Service is exposed. */
export enum ServiceType {
  /** Inside the cluster only. */
  CLUSTER_IP = 'ClusterIP',
  /** On a port of every node. */
  NODE_PORT = 'NodePort',
  /** Through the cloud's load balancer. */
  LOAD_BALANCER = 'LoadBalancer',
}

/** Horizontal scaling on CPU utilisation. */
export interface AutoscalingOptions {
  /** Most replicas. */
  readonly maxReplicas: number;
  /**
   * Fewest replicas.
   * @default - the service's `replicas`
   */
  readonly minReplicas?: number;
  /**
   * Average CPU utilisation, in percent of the CPU request, that the autoscaler aims for.
   * @default 70
   */
  readonly targetCpuUtilizationPercent?: number;
}

/** Properties of a `DistrolessService`. */
export interface DistrolessServiceProps extends DistrolessPodProps {
  /**
   * Name of the Deployment, Service and the other objects (the Service's DNS name).
   * @default - a name cdk8s derives from the construct path
   */
  readonly name?: string;
  /**
   * Number of pods.
   * @default 2
   */
  readonly replicas?: number;
  /**
   * The Service's port.
   * @default - the workload's first port
   */
  readonly port?: number;
  /**
   * How the Service is exposed.
   * @default ServiceType.CLUSTER_IP
   */
  readonly serviceType?: ServiceType;
  /**
   * Add a NetworkPolicy that lets ingress reach the pods on the service's container port only;
   * every other port is closed to ingress.
   * @default false
   */
  readonly networkPolicy?: boolean;
  /**
   * Scale on CPU with a HorizontalPodAutoscaler; the Deployment then leaves `replicas` to it.
   * @default - a fixed number of replicas
   */
  readonly autoscaling?: AutoscalingOptions;
  /**
   * Spread the pods across nodes (`kubernetes.io/hostname`) and zones (`topology.kubernetes.io/zone`),
   * at most one pod of difference, as a preference (`ScheduleAnyway`) so a small cluster still schedules.
   * @default true
   */
  readonly topologySpread?: boolean;
}

/**
 * A long-running distroless workload on Kubernetes: a Deployment whose pods pass the Pod Security
 * Standards "restricted" profile, a Service, its own ServiceAccount without an API token, a
 * PodDisruptionBudget when there is more than one replica, and optionally a NetworkPolicy and a
 * HorizontalPodAutoscaler.
 */
export class DistrolessService extends Construct {
  /** The Deployment. */
  public readonly deployment: ApiObject;
  /** The Service. */
  public readonly service: ApiObject;
  /** The pods' ServiceAccount. */
  public readonly serviceAccount: ApiObject;
  /** The PodDisruptionBudget, when there is more than one replica. */
  public readonly podDisruptionBudget?: ApiObject;
  /** The NetworkPolicy, when asked for. */
  public readonly networkPolicy?: ApiObject;
  /** The HorizontalPodAutoscaler, when asked for. */
  public readonly horizontalPodAutoscaler?: ApiObject;

  constructor(scope: Construct, id: string, props: DistrolessServiceProps) {
    super(scope, id);
    const where = `DistrolessService ${this.node.path}`;
    const parts = podParts(this, props, 'DistrolessService');
    const w = parts.workload;
    if (props.name !== undefined) { checkDnsLabel(props.name, `${where}: name`); }
    if (w.ports.length === 0) {
      throw new Error(`${where}: the workload has no port, so there is nothing to serve. Set ports on the Workload (or EXPOSE one in the image), or use DistrolessJob for work without a port.`);
    }
    const replicas = checkCount(props.replicas, 2, 0, `${where}: replicas`);
    const port = props.port === undefined ? w.ports[0] : checkCount(props.port, 0, 1, `${where}: port`, 65535);
    if (props.serviceType !== undefined && !Object.values(ServiceType).includes(props.serviceType)) {
      throw new Error(`${where}: serviceType ${JSON.stringify(props.serviceType)} is not a ServiceType. Use ServiceType.CLUSTER_IP, NODE_PORT or LOAD_BALANCER.`);
    }
    let minReplicas = replicas;
    if (props.autoscaling) {
      const a = props.autoscaling;
      if (typeof a !== 'object' || a.maxReplicas === undefined) {
        throw new Error(`${where}: autoscaling ${JSON.stringify(a)} needs maxReplicas, e.g. { maxReplicas: 6 }.`);
      }
      minReplicas = checkCount(a.minReplicas, replicas, 1, `${where}: autoscaling.minReplicas`);
      checkCount(a.maxReplicas, 0, minReplicas, `${where}: autoscaling.maxReplicas (at least minReplicas, ${minReplicas})`);
      checkCount(a.targetCpuUtilizationPercent, 70, 1, `${where}: autoscaling.targetCpuUtilizationPercent`, 100);
    }

    this.serviceAccount = serviceAccount(this, parts, props.name);
    const image = new ImageReference(this, w.image, props.image ?? {}, w.architecture, where);
    const template = podTemplate(parts, props, { restartPolicy: 'Always', serviceAccountName: this.serviceAccount.name, readiness: true, image }, where);
    if (props.topologySpread ?? true) {
      template.spec!.topologySpreadConstraints = ['kubernetes.io/hostname', 'topology.kubernetes.io/zone'].map(topologyKey => ({
        maxSkew: 1,
        topologyKey,
        whenUnsatisfiable: 'ScheduleAnyway',
        labelSelector: { matchLabels: { ...parts.selector } },
      }));
    }
    this.deployment = new ApiObject(this, 'Deployment', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: metadata(parts, props.name, true),
      spec: {
        // With an autoscaler, a fixed count would fight it on every apply.
        ...(props.autoscaling ? {} : { replicas }),
        selector: { matchLabels: { ...parts.selector } },
        template,
      },
    });
    this.service = new ApiObject(this, 'Service', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: metadata(parts, props.name, false),
      spec: {
        type: props.serviceType ?? ServiceType.CLUSTER_IP,
        selector: { ...parts.selector },
        ports: [{ name: 'app', port, targetPort: w.ports[0], protocol: 'TCP' }],
      },
    });
    if (Math.max(replicas, minReplicas) > 1) {
      this.podDisruptionBudget = new ApiObject(this, 'PodDisruptionBudget', {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: metadata(parts, props.name, false),
        spec: { maxUnavailable: 1, selector: { matchLabels: { ...parts.selector } } },
      });
    }
    if (props.networkPolicy) {
      this.networkPolicy = new ApiObject(this, 'NetworkPolicy', {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: metadata(parts, props.name, false),
        spec: {
          podSelector: { matchLabels: { ...parts.selector } },
          policyTypes: ['Ingress'],
          ingress: [{ ports: [{ port: w.ports[0], protocol: 'TCP' }] }],
        },
      });
    }
    if (props.autoscaling) {
      this.horizontalPodAutoscaler = new ApiObject(this, 'HorizontalPodAutoscaler', {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: metadata(parts, props.name, false),
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: this.deployment.name },
          minReplicas,
          maxReplicas: props.autoscaling.maxReplicas,
          metrics: [{
            type: 'Resource',
            resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: props.autoscaling.targetCpuUtilizationPercent ?? 70 } },
          }],
        },
      });
    }
  }

  /** The Service's name (its DNS name in the namespace). */
  public get serviceName(): string {
    return this.service.name;
  }
}
