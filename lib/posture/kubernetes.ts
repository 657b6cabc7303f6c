/**
 * Finds the pod templates of Kubernetes objects. Internal: not exported from lib/index.ts.
 */
import { ContainerRef, Path, PodTarget } from './model';
import { arr, formatPath, get, isObject } from './values';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** Where each pod-bearing kind keeps its PodSpec. */
export const POD_SPEC_PATHS: Readonly<Record<string, Path>> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  PodTemplate: ['template', 'spec'],
};

const GROUPS = ['containers', 'initContainers', 'ephemeralContainers'];

/** What reading one object gives: pods to check, or problems with its shape. */
export interface ObjectPods {
  readonly pods: PodTarget[];
  /** Shape problems (CDP001), with where. */
  readonly problems: Array<{ path: Path; message: string }>;
  /** Whether the kind is not one of POD_SPEC_PATHS but pod specs were found in it (CDP103). */
  readonly unknownKind: boolean;
}

/** `Deployment/web` or `Deployment/prod/web`. */
export function resourceName(obj: any): string {
  const kind = typeof get(obj, 'kind') === 'string' ? get(obj, 'kind') : '?';
  const meta = get(obj, 'metadata');
  const name = get(meta, 'name') ?? get(meta, 'generateName') ?? '<unnamed>';
  const ns = get(meta, 'namespace');
  return typeof ns === 'string' && ns ? `${kind}/${ns}/${String(name)}` : `${kind}/${String(name)}`;
}

/** The pod specs of one object (`base` is where the object sits in its document, e.g. inside a List). */
export function podsOf(obj: any, base: Path): ObjectPods {
  const kind: string = get(obj, 'kind');
  const known = POD_SPEC_PATHS[kind];
  if (known) {
    const pod = dig(obj, known);
    if (!isObject(pod)) {
      return { pods: [], unknownKind: false, problems: [{ path: [...base, ...known.slice(0, -1)], message: `${resourceName(obj)} has no pod spec at ${formatPath(known)} (found ${pod === undefined ? 'nothing' : typeof pod}), so its containers cannot be checked.` }] };
    }
    const problems: Array<{ path: Path; message: string }> = [];
    const target = podTarget(obj, pod, base, known, kind, problems);
    return { pods: target ? [target] : [], problems, unknownKind: false };
  }
  // Unknown kinds (custom resources): look for pod specs anywhere, so Rollouts, Knative Services and the like are not skipped.
  const found: Array<{ pod: any; path: Path }> = [];
  search(obj, [], found, 0);
  const problems: Array<{ path: Path; message: string }> = [];
  const pods = found.map(f => podTarget(obj, f.pod, base, f.path, kind, problems)).filter((p): p is PodTarget => !!p);
  return { pods, problems, unknownKind: found.length > 0 };
}

function dig(obj: any, path: Path): any {
  let cur = obj;
  for (const k of path) { cur = get(cur, k); }
  return cur;
}

function search(value: any, path: Path, found: Array<{ pod: any; path: Path }>, depth: number): void {
  if (depth > 12 || found.length > 50) { return; }
  if (Array.isArray(value)) {
    value.forEach((v, i) => search(v, [...path, i], found, depth + 1));
    return;
  }
  if (!isObject(value)) { return; }
  const containers = get(value, 'containers');
  if (Array.isArray(containers) && containers.some(c => isObject(c) && get(c, 'image') !== undefined)) {
    found.push({ pod: value, path });
    return;
  }
  for (const key of Object.keys(value)) {
    search(value[key], [...path, key], found, depth + 1);
  }
}

function podTarget(obj: any, pod: any, base: Path, rel: Path, kind: string, problems: Array<{ path: Path; message: string }>): PodTarget | undefined {
  const who = resourceName(obj);
  const podPath = [...base, ...rel];
  const containers: ContainerRef[] = [];
  for (const group of GROUPS) {
    const list = get(pod, group);
    if (list === undefined || list === null) { continue; }
    if (!Array.isArray(list)) {
      problems.push({ path: [...podPath, group], message: `${who}: ${group} is ${typeof list}, not a list of containers, so it cannot be checked.` });
      continue;
    }
    list.forEach((c, i) => {
      if (!isObject(c)) {
        problems.push({ path: [...podPath, group, i], message: `${who}: ${group}[${i}] is ${c === null ? 'null' : typeof c}, not a container object, so it cannot be checked.` });
        return;
      }
      const name = get(c, 'name');
      containers.push({ name: typeof name === 'string' && name ? name : `${group}[${i}]`, spec: c, path: [...podPath, group, i], group });
    });
  }
  if (arr(get(pod, 'containers')).length === 0 && !problems.some(p => p.path.length > podPath.length)) {
    problems.push({ path: podPath, message: `${who}: the pod spec has no containers, so there is nothing to check (Kubernetes rejects it too).` });
  }
  // The template's metadata sits next to its spec (`spec.template.metadata`; a Pod's own `metadata`).
  const metaRel = rel.length > 0 && rel[rel.length - 1] === 'spec' ? [...rel.slice(0, -1), 'metadata'] : undefined;
  const templateMeta = metaRel ? dig(obj, metaRel) : undefined;
  const os = get(get(pod, 'os'), 'name');
  return {
    kind,
    name: who,
    pod,
    podPath,
    podMeta: isObject(templateMeta) ? templateMeta : {},
    podMetaPath: [...base, ...(metaRel ?? rel)],
    containers,
    windows: typeof os === 'string' && os.toLowerCase() === 'windows',
  };
}
