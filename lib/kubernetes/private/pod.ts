// Turns a Workload into a restricted-by-default pod template. Types come from kubernetes-models
// (type-only: erased at compile time, so the package needs only cdk8s at run time).
import * as path from 'path';
import { App, Lazy, Names } from 'cdk8s';
import { Construct } from 'constructs';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IEnvVar } from 'kubernetes-models/v1/EnvVar';
import type { IPodTemplateSpec } from 'kubernetes-models/v1/PodTemplateSpec';
import type { IProbe } from 'kubernetes-models/v1/Probe';
import type { IVolume } from 'kubernetes-models/v1/Volume';
import type { IVolumeMount } from 'kubernetes-models/v1/VolumeMount';
import { RELAXATIONS_ANNOTATION } from '../../posture/posture-check';
import { DistrolessImage, HealthCheck, HealthCheckKind, ImageSourceKind, Workload } from '../../workload';
import { DistrolessPodProps, ImagePullPolicy, KubernetesImageOptions } from '../pod-options';

/** Prefix of every annotation and label the library writes. */
export const PREFIX = 'cdk-distroless.io';
/** The selector label. */
export const WORKLOAD_LABEL = `${PREFIX}/workload`;
/** Capabilities the Pod Security Standards "restricted" profile lets a container add back. */
const RESTRICTED_ADDABLE = ['NET_BIND_SERVICE'];

/** What a construct needs from its props, checked once. */
export interface PodParts {
  readonly workload: Workload;
  readonly labels: { [key: string]: string };
  readonly selector: { [key: string]: string };
  /** Relaxations and waivers, for the owning object and the pod template. */
  readonly annotations: { [key: string]: string };
  readonly namespace?: string;
}

/** Checks the props every pod workload shares; `what` names the construct in messages. */
export function podParts(scope: Construct, props: DistrolessPodProps, what: string): PodParts {
  const where = `${what} ${scope.node.path}`;
  if (typeof props !== 'object' || props === null || !(props.workload instanceof Workload)) {
    throw new Error(`${where}: workload must be a Workload (new Workload({ image: DistrolessImage.fromSource(...) })), got ${JSON.stringify(props?.workload)}.`);
  }
  const workload = props.workload;
  for (const r of workload.relaxations) {
    if (r.control === 'capabilities' && !RESTRICTED_ADDABLE.includes(r.capability!)) {
      throw new Error(`${where}: the workload adds back capability ${r.capability}, which the Pod Security Standards "restricted" profile forbids (only ${RESTRICTED_ADDABLE.join(', ')} may be added). Remove that relaxation for Kubernetes.`);
    }
  }
  if (props.namespace !== undefined) { checkDnsLabel(props.namespace, `${where}: namespace`); }
  for (const [prop, value] of [['labels', props.labels], ['image', props.image]] as const) {
    if (value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw new Error(`${where}: ${prop} must be an object, got ${JSON.stringify(value)}.`);
    }
  }
  if (props.secrets !== undefined && !Array.isArray(props.secrets)) {
    throw new Error(`${where}: secrets must be a list of { name, secretName, key }, got ${JSON.stringify(props.secrets)}.`);
  }
  const selector = { [WORKLOAD_LABEL]: Names.toLabelValue(scope) };
  const labels: { [key: string]: string } = { ...(props.labels ?? {}) };
  for (const [k, v] of Object.entries(labels)) {
    if (!/^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/.test(k) || typeof v !== 'string' || !/^(|[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)$/.test(v)) {
      throw new Error(`${where}: label ${JSON.stringify(k)}: ${JSON.stringify(v)} is not a valid Kubernetes label. Keys are [prefix/]name and values at most 63 characters of letters, digits, '-', '_' and '.', starting and ending alphanumeric.`);
    }
    if (k === WORKLOAD_LABEL) {
      throw new Error(`${where}: label ${WORKLOAD_LABEL} is the selector the construct sets itself. Use another key.`);
    }
  }
  const annotations: { [key: string]: string } = {};
  for (const r of workload.relaxations) {
    const key = `${PREFIX}/relaxed-${r.control}`;
    const text = r.capability ? `${r.capability}: ${r.reason}` : r.reason;
    annotations[key] = annotations[key] ? `${annotations[key]}; ${text}` : text;
  }
  if (workload.relaxations.length > 0) {
    // The machine-readable record the posture checks read (the same list ECS keeps in template metadata).
    annotations[RELAXATIONS_ANNOTATION] = JSON.stringify(workload.relaxations.map(r => ({
      control: r.control, reason: r.reason, ...(r.capability ? { capability: r.capability } : {}),
    })));
  }
  if (workload.image.pinWaiver) { annotations[`${PREFIX}/image-pin-waiver`] = workload.image.pinWaiver; }
  if (props.useBuiltInProbe && workload.healthCheck && !workload.profile.healthProbePath && workload.healthCheck.kind !== HealthCheckKind.EXEC) {
    throw new Error(`${where}: useBuiltInProbe is set but the image has no built-in probe (profile.healthProbePath is not set). Build the image with the probe (healthProbe: true), or leave useBuiltInProbe off to use the kubelet's own ${workload.healthCheck.kind} probe.`);
  }
  return { workload, labels: { ...labels, ...selector }, selector, annotations, namespace: props.namespace };
}

/** Options for `podTemplate`. */
export interface PodTemplateOptions {
  readonly restartPolicy: 'Always' | 'Never' | 'OnFailure';
  readonly serviceAccountName: string;
  /** Services get readiness and liveness probes, run-to-completion pods liveness only. */
  readonly readiness: boolean;
  readonly image: ImageReference;
}

/** The hardened pod template for `parts`. */
export function podTemplate(parts: PodParts, props: DistrolessPodProps, options: PodTemplateOptions, where: string): IPodTemplateSpec {
  const w = parts.workload;
  const readOnlyRoot = !w.relaxation('read-only-root');
  const added = w.relaxations.filter(r => r.control === 'capabilities').map(r => r.capability!);
  const volumes: IVolume[] = [];
  const mounts: IVolumeMount[] = [];
  const used = new Set<string>();
  for (const wp of w.writablePaths) {
    const name = volumeName(wp.path, used);
    volumes.push({ name, emptyDir: { sizeLimit: `${wp.sizeLimitMiB}Mi` } });
    mounts.push({ name, mountPath: wp.path });
  }
  const container: IContainer = {
    name: 'app',
    image: options.image.lazy() as string,
    imagePullPolicy: options.image.pullPolicy,
    ...(w.args ? { args: [...w.args] } : {}),
    ...env(w, props, where),
    ...(w.ports.length > 0 ? { ports: w.ports.map(p => ({ containerPort: p, protocol: 'TCP' })) } : {}),
    resources: {
      requests: { cpu: `${w.cpuMillicores}m`, memory: `${w.memoryMiB}Mi` },
      limits: { memory: `${w.memoryMiB}Mi` },
    },
    securityContext: {
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: readOnlyRoot,
      runAsNonRoot: true,
      runAsUser: w.user.uid,
      runAsGroup: w.user.gid,
      capabilities: { drop: ['ALL'], ...(added.length > 0 ? { add: added } : {}) },
      seccompProfile: { type: 'RuntimeDefault' },
    },
    ...(mounts.length > 0 ? { volumeMounts: mounts } : {}),
    ...probes(w, props, options.readiness),
  };
  return {
    metadata: {
      labels: { ...parts.labels },
      ...(Object.keys(parts.annotations).length > 0 ? { annotations: { ...parts.annotations } } : {}),
    },
    spec: {
      serviceAccountName: options.serviceAccountName,
      automountServiceAccountToken: false,
      enableServiceLinks: false,
      restartPolicy: options.restartPolicy,
      securityContext: {
        runAsNonRoot: true,
        runAsUser: w.user.uid,
        runAsGroup: w.user.gid,
        fsGroup: w.user.gid,
        fsGroupChangePolicy: 'OnRootMismatch',
        seccompProfile: { type: 'RuntimeDefault' },
      },
      nodeSelector: { 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': w.architecture },
      containers: [container],
      ...(volumes.length > 0 ? { volumes } : {}),
    },
  };
}

function env(w: Workload, props: DistrolessPodProps, where: string): { env?: IEnvVar[] } {
  const out: IEnvVar[] = Object.entries(w.environment).map(([name, value]) => ({ name, value }));
  const seen = new Set(out.map(e => e.name));
  for (const s of props.secrets ?? []) {
    if (typeof s !== 'object' || s === null || typeof s.name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(s.name)) {
      throw new Error(`${where}: secret variable name ${JSON.stringify(s?.name)} is not an environment variable name. Use letters, digits and '_', not starting with a digit, e.g. 'DB_PASSWORD'.`);
    }
    if (typeof s.secretName !== 'string' || !/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(s.secretName)) {
      throw new Error(`${where}: secret ${s.name}: secretName ${JSON.stringify(s.secretName)} is not a Kubernetes object name. Use lower-case letters, digits, '-' and '.', e.g. 'orders-db'.`);
    }
    if (typeof s.key !== 'string' || !/^[-._a-zA-Z0-9]{1,253}$/.test(s.key)) {
      throw new Error(`${where}: secret ${s.name}: key ${JSON.stringify(s.key)} is not a Secret key. Use letters, digits, '-', '_' and '.', e.g. 'password'.`);
    }
    if (seen.has(s.name)) {
      throw new Error(`${where}: environment variable ${s.name} is set twice (plain and from a Secret, or two secrets). Keep one.`);
    }
    seen.add(s.name);
    out.push({ name: s.name, valueFrom: { secretKeyRef: { name: s.secretName, key: s.key, ...(s.optional ? { optional: true } : {}) } } });
  }
  return out.length > 0 ? { env: out } : {};
}

function probes(w: Workload, props: DistrolessPodProps, readiness: boolean): { livenessProbe?: IProbe; readinessProbe?: IProbe } {
  const check = w.healthCheck;
  if (!check) { return {}; }
  const timing = {
    periodSeconds: check.interval.toSeconds(),
    timeoutSeconds: Math.max(1, check.timeout.toSeconds()),
    failureThreshold: check.unhealthyThreshold,
    ...(check.startPeriod.toSeconds() > 0 ? { initialDelaySeconds: check.startPeriod.toSeconds() } : {}),
  };
  const action = probeAction(check, props.useBuiltInProbe ? w.profile.healthProbePath : undefined);
  return {
    livenessProbe: { ...action, ...timing },
    ...(readiness ? { readinessProbe: { ...action, ...timing, successThreshold: check.healthyThreshold } } : {}),
  };
}

function probeAction(check: HealthCheck, probePath: string | undefined): IProbe {
  // Exec only for a program in the image, never a shell: HealthCheck.exec rejects shells, and the
  // built-in probe is a static binary the image ships.
  if (check.kind === HealthCheckKind.EXEC || probePath) { return { exec: { command: check.execCommand(probePath)! } }; }
  switch (check.kind) {
    case HealthCheckKind.HTTP: return { httpGet: { path: check.path!, port: check.port! } };
    case HealthCheckKind.TCP: return { tcpSocket: { port: check.port! } };
    default: return { grpc: { port: check.port!, ...(check.service ? { service: check.service } : {}) } };
  }
}

function volumeName(p: string, used: Set<string>): string {
  const base = (p.replace(/[^a-z0-9]+/gi, '-').replace(/^-+|-+$/g, '').toLowerCase() || 'root').slice(0, 55).replace(/-+$/, '');
  let name = base;
  for (let i = 2; used.has(name); i++) { name = `${base}-${i}`; }
  used.add(name);
  return name;
}

/** Fails unless `value` is a DNS label (namespaces, object names). */
export function checkDnsLabel(value: unknown, what: string): string {
  if (typeof value !== 'string' || !/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(value)) {
    throw new Error(`${what} ${JSON.stringify(value)} is not a DNS label. Use at most 63 lower-case letters, digits and '-', starting and ending alphanumeric, e.g. 'orders'.`);
  }
  return value;
}

const REPOSITORY = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?(?::[0-9]+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/**
 * The image a container names: a registry reference as given (by digest, or by an explicit tag
 * that is not `latest`), or for a built image `repository:tag` after staging its context beside the
 * manifests, or `repository@sha256:...` after the opt-in build and push. Resolved once, at synthesis.
 */
export class ImageReference {
  public readonly pullPolicy: ImagePullPolicy;
  private resolved?: string;

  constructor(
    private readonly scope: Construct,
    private readonly image: DistrolessImage,
    private readonly options: KubernetesImageOptions,
    private readonly platform: string,
    where: string,
  ) {
    const o = options;
    if (o.pullPolicy !== undefined && !Object.values(ImagePullPolicy).includes(o.pullPolicy)) {
      throw new Error(`${where}: image.pullPolicy ${JSON.stringify(o.pullPolicy)} is not an ImagePullPolicy. Use ImagePullPolicy.IF_NOT_PRESENT, ALWAYS or NEVER.`);
    }
    this.pullPolicy = o.pullPolicy ?? ImagePullPolicy.IF_NOT_PRESENT;
    if (image.kind === ImageSourceKind.REGISTRY) {
      for (const prop of ['repository', 'tag', 'buildAndPush', 'stagingFolder'] as const) {
        if (o[prop] !== undefined) {
          throw new Error(`${where}: image.${prop} applies only to images that are built; ${image.reference} is a registry image. Remove image.${prop}.`);
        }
      }
      const ref = image.reference!;
      if (!/@sha256:[a-f0-9]{64}$/.test(ref)) {
        const tag = /:([^/:@]+)$/.exec(ref)?.[1];
        if (!tag || tag === 'latest') {
          throw new Error(`${where}: image ${JSON.stringify(ref)} has ${tag ? 'the tag latest' : 'no tag'} and no digest; a pod must name an exact image. Pin it by digest (@sha256:...) or name an explicit version tag, e.g. ':1.4.2'.`);
        }
      }
      this.resolved = ref;
      return;
    }
    if (typeof o.repository !== 'string' || !REPOSITORY.test(o.repository)) {
      throw new Error(`${where}: image.repository ${JSON.stringify(o.repository)} is ${o.repository === undefined ? 'missing' : 'not a repository name'}; an image built from ${image.kind === ImageSourceKind.SOURCE ? 'source' : 'a Dockerfile'} needs the repository it is pushed to, without tag or digest, e.g. 'registry.example.com/team/api'.`);
    }
    if (o.tag !== undefined && (typeof o.tag !== 'string' || !TAG.test(o.tag) || o.tag === 'latest')) {
      throw new Error(`${where}: image.tag ${JSON.stringify(o.tag)} is not allowed. Use an explicit version tag that is not 'latest' (letters, digits, '_', '.', '-'), e.g. '1.4.2', or omit it to tag by content hash.`);
    }
    if (o.stagingFolder !== undefined && (typeof o.stagingFolder !== 'string' || path.isAbsolute(o.stagingFolder) || o.stagingFolder.split(/[\\/]/).includes('..'))) {
      throw new Error(`${where}: image.stagingFolder ${JSON.stringify(o.stagingFolder)} must be a relative folder inside the app's output folder, e.g. 'images'.`);
    }
  }

  /** A value that resolves to the reference when the chart is synthesized. */
  public lazy(): unknown {
    return this.resolved ?? Lazy.any({ produce: () => this.resolve() });
  }

  /** Stages (and, opt-in, builds and pushes) once; later calls return the same reference. */
  public resolve(): string {
    if (this.resolved) { return this.resolved; }
    const outdir = path.resolve(App.of(this.scope).outdir, this.options.stagingFolder ?? 'images');
    const context = this.image.stage(outdir);
    const tag = this.options.tag ?? `ctx-${context.hash.slice(0, 12)}`;
    this.resolved = this.options.buildAndPush
      ? this.options.buildAndPush._buildAndPush(this.image, context, this.options.repository!, tag, this.platform)
      : `${this.options.repository}:${tag}`;
    return this.resolved;
  }
}
