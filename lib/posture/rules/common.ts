/**
 * Helpers the posture rules share. Internal.
 */
import { Severity } from '../../policy/finding';
import { PosturePlatform, PostureRuleInfo } from '../finding';
import { ContainerRef, Path, PodTarget, PostureHit, TaskTarget } from '../model';
import { cfnBool, dig, get, isIntrinsic, show } from '../values';

/* eslint-disable @typescript-eslint/no-explicit-any */

export const ECS = PosturePlatform.ECS;
export const K8S = PosturePlatform.KUBERNETES;
export const ERROR = Severity.ERROR;
export const WARNING = Severity.WARNING;

/** Rule info with defaults for the optional lists. */
export function info(i: Omit<PostureRuleInfo, 'podSecurityStandards'> & { podSecurityStandards?: string[] }): PostureRuleInfo {
  return { ...i, podSecurityStandards: i.podSecurityStandards ?? [] };
}

/** `container "web"` (Kubernetes init/ephemeral containers say so). */
export function who(c: ContainerRef): string {
  const kind = c.group === 'initContainers' ? 'init container' : c.group === 'ephemeralContainers' ? 'ephemeral container' : 'container';
  return `${kind} ${JSON.stringify(c.name)}`;
}

/** The container's securityContext path and value. */
export function sc(c: ContainerRef): { value: any; path: Path } {
  return { value: get(c.spec, 'securityContext'), path: [...c.path, 'securityContext'] };
}

/** The pod's securityContext path and value. */
export function psc(t: PodTarget): { value: any; path: Path } {
  return { value: get(t.pod, 'securityContext'), path: [...t.podPath, 'securityContext'] };
}

/** A hit for a CloudFormation value that is an intrinsic: the rule cannot decide. */
export function unknownHit(path: Path, what: string, value: unknown, container?: string): PostureHit {
  return {
    path,
    message: `${what} is ${show(value)}, which CloudFormation resolves only at deploy time, so it cannot be checked at synth.`,
    fix: 'Use a literal value here (resolve the condition or parameter in code), or suppress this rule with a reason.',
    unknown: true,
    container,
  };
}

/** Each ECS container property check: a literal, an intrinsic (unknown) or absent. */
export function ecsContainerBool(t: TaskTarget, key: string, each: (c: ContainerRef, v: true | false | undefined | 'invalid', path: Path) => PostureHit[]): PostureHit[] {
  const hits: PostureHit[] = [];
  for (const c of t.containers) {
    const raw = get(c.spec, key);
    const path = [...c.path, key];
    const v = cfnBool(raw);
    if (v === 'unknown') {
      hits.push(unknownHit(path, `${who(c)}'s ${key}`, raw, c.name));
    } else {
      hits.push(...each(c, v, path));
    }
  }
  return hits;
}

/** Docker security options of an ECS container (`DockerSecurityOptions`), literal ones only, with paths. */
export function dockerSecurityOptions(c: ContainerRef): Array<{ value: string; path: Path }> {
  const raw = get(c.spec, 'DockerSecurityOptions');
  if (!Array.isArray(raw)) { return []; }
  return raw.map((v, i) => ({ value: typeof v === 'string' ? v : '', path: [...c.path, 'DockerSecurityOptions', i] }))
    .filter(o => o.value);
}

/** Splits `seccomp:unconfined` / `seccomp=unconfined` into key and value. */
export function splitOption(option: string): [string, string] {
  const m = /^([^:=]+)[:=](.*)$/.exec(option);
  return m ? [m[1].toLowerCase(), m[2]] : [option.toLowerCase(), ''];
}

/** A CloudFormation intrinsic in an ECS task property: one unknown hit. */
export function taskIntrinsic(t: TaskTarget, key: string): PostureHit | undefined {
  const raw = get(t.props, key);
  return isIntrinsic(raw) ? unknownHit([...t.propsPath, key], `task definition ${key}`, raw) : undefined;
}

/** Kubernetes field value that is neither absent nor the boolean expected. */
export function k8sBad(value: unknown): boolean {
  return value !== undefined && value !== null && typeof value !== 'boolean';
}

export { dig, get, show };
