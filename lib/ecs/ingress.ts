import { aws_certificatemanager as acm, aws_elasticloadbalancingv2 as elbv2 } from 'aws-cdk-lib';

/** How traffic reaches a `DistrolessService`. */
export enum IngressKind {
  /** Application Load Balancer with an HTTPS listener and an HTTP listener that only redirects to HTTPS. */
  HTTPS_ALB = 'https-alb',
  /** Application Load Balancer with a plain HTTP listener (a reason is required). */
  HTTP_ALB = 'http-alb',
  /** Network Load Balancer with a TCP listener. */
  NLB = 'nlb',
  /** No load balancer: other services reach it through Service Connect (Cloud Map), or nothing does. */
  NONE = 'none',
}

/** Options for `Ingress.httpsAlb()`. */
export interface HttpsAlbOptions {
  /** The certificate of the HTTPS listener (ACM). */
  readonly certificate: acm.ICertificate;
  /**
   * Whether the load balancer is internal (private subnets, reachable from the VPC only).
   * @default false - internet-facing in the public subnets
   */
  readonly internal?: boolean;
  /**
   * TLS policy of the HTTPS listener.
   * @default elbv2.SslPolicy.RECOMMENDED_TLS (TLS 1.3 and 1.2)
   */
  readonly sslPolicy?: elbv2.SslPolicy;
}

/** Options for `Ingress.httpAlb()`. */
export interface HttpAlbOptions {
  /** Why plain HTTP is acceptable (e.g. 'internal admin UI; TLS ends at the corporate proxy'); recorded in the template. */
  readonly reason: string;
  /**
   * Whether the load balancer is internal.
   * @default true - reachable from the VPC only
   */
  readonly internal?: boolean;
}

/** Options for `Ingress.nlb()`. */
export interface NlbOptions {
  /**
   * Whether the load balancer is internal.
   * @default true - reachable from the VPC only
   */
  readonly internal?: boolean;
  /**
   * Listener port.
   * @default - the workload's first port
   */
  readonly port?: number;
}

/** Options for `Ingress.none()`. */
export interface NoIngressOptions {
  /**
   * Cloud Map namespace for Service Connect. When the construct created the cluster, this becomes
   * the cluster's default HTTP namespace; otherwise the namespace must exist.
   * @default - no Service Connect
   */
  readonly serviceConnectNamespace?: string;
  /**
   * Name other services use to reach this one through Service Connect.
   * @default - the construct's id, lower-cased
   */
  readonly discoveryName?: string;
}

/** How traffic reaches a service: pick one with the static methods. */
export class Ingress {
  /** An ALB with HTTPS (the certificate given) and an HTTP listener that redirects to HTTPS. */
  public static httpsAlb(options: HttpsAlbOptions): Ingress {
    if (!options || !options.certificate) {
      throw new Error('Ingress.httpsAlb: options.certificate is required (an ACM certificate for the HTTPS listener). Use Ingress.httpAlb({ reason }) for plain HTTP.');
    }
    return new Ingress(IngressKind.HTTPS_ALB, options.internal ?? false, options);
  }

  /** An ALB with plain HTTP only. Give the reason: it is recorded in the template metadata. */
  public static httpAlb(options: HttpAlbOptions): Ingress {
    const reason = options?.reason;
    if (typeof reason !== 'string' || reason.trim().length < 10) {
      throw new Error(`Ingress.httpAlb: a plain HTTP load balancer needs a reason of at least 10 characters, got ${JSON.stringify(reason)}. `
        + 'Say why traffic may be unencrypted, or use Ingress.httpsAlb({ certificate }).');
    }
    return new Ingress(IngressKind.HTTP_ALB, options.internal ?? true, { reason: reason.trim() });
  }

  /** An NLB with a TCP listener. */
  public static nlb(options: NlbOptions = {}): Ingress {
    const port = options?.port;
    if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) {
      throw new Error(`Ingress.nlb: port ${JSON.stringify(port)} is not a port. Use a whole number from 1 to 65535, or omit it to use the workload's first port.`);
    }
    return new Ingress(IngressKind.NLB, options?.internal ?? true, { port });
  }

  /** No load balancer; optionally reachable from other services through Service Connect. */
  public static none(options: NoIngressOptions = {}): Ingress {
    const ns = options?.serviceConnectNamespace;
    if (ns !== undefined && (typeof ns !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9.-]{0,1023}$/.test(ns))) {
      throw new Error(`Ingress.none: serviceConnectNamespace ${JSON.stringify(ns)} is not a Cloud Map namespace name. Use letters, digits, '.' and '-', e.g. 'internal'.`);
    }
    return new Ingress(IngressKind.NONE, true, { serviceConnectNamespace: ns, discoveryName: options?.discoveryName });
  }

  /** Which kind of ingress. */
  public readonly kind: IngressKind;
  /** Whether the load balancer is internal (always true for NONE). */
  public readonly internal: boolean;
  /** The HTTPS certificate, for HTTPS_ALB. */
  public readonly certificate?: acm.ICertificate;
  /** The TLS policy, for HTTPS_ALB. */
  public readonly sslPolicy?: elbv2.SslPolicy;
  /** Why plain HTTP, for HTTP_ALB. */
  public readonly reason?: string;
  /** Listener port, for NLB. */
  public readonly port?: number;
  /** Service Connect namespace, for NONE. */
  public readonly serviceConnectNamespace?: string;
  /** Service Connect discovery name, for NONE. */
  public readonly discoveryName?: string;

  private constructor(kind: IngressKind, internal: boolean, o: {
    certificate?: acm.ICertificate;
    sslPolicy?: elbv2.SslPolicy;
    reason?: string;
    port?: number;
    serviceConnectNamespace?: string;
    discoveryName?: string;
  }) {
    this.kind = kind;
    this.internal = internal;
    this.certificate = o.certificate;
    this.sslPolicy = o.sslPolicy;
    this.reason = o.reason;
    this.port = o.port;
    this.serviceConnectNamespace = o.serviceConnectNamespace;
    this.discoveryName = o.discoveryName;
  }
}
