/**
 * Reading values of synthesized output without guessing: CloudFormation intrinsics are unknown.
 * Internal: not exported from lib/index.ts.
 */
import { Path } from './model';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** How a value is shown in a message: JSON, cut at 120 characters. */
export function show(value: unknown): string {
  let text: string;
  try {
    text = value === undefined ? 'undefined' : JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** Whether a value is a CloudFormation intrinsic function or reference (`Ref`, `Fn::*`, `Condition`). */
export function isIntrinsic(value: unknown): boolean {
  if (!isObject(value)) { return false; }
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0] === 'Condition' || keys[0].startsWith('Fn::'));
}

/** A plain object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own property, never from the prototype (`__proto__`, `constructor` in input are data). */
export function get(obj: unknown, key: string | number): any {
  if (obj === null || typeof obj !== 'object') { return undefined; }
  return Object.prototype.hasOwnProperty.call(obj, key) ? (obj as any)[key] : undefined;
}

/** Follows keys from `obj`; undefined when any step is missing. */
export function dig(obj: unknown, ...keys: Array<string | number>): any {
  let cur: any = obj;
  for (const k of keys) {
    cur = get(cur, k);
    if (cur === undefined) { return undefined; }
  }
  return cur;
}

/** A tri-state boolean: CloudFormation also accepts the strings "true" and "false". */
export type Tri = true | false | 'unknown' | undefined;

/** Reads a boolean the way CloudFormation does: an intrinsic is `unknown`, a value of another type `invalid`. */
export function cfnBool(value: unknown): Tri | 'invalid' {
  if (value === undefined || value === null) { return undefined; }
  if (value === true || value === 'true' || value === 'True') { return true; }
  if (value === false || value === 'false' || value === 'False') { return false; }
  if (isIntrinsic(value)) { return 'unknown'; }
  return 'invalid';
}

/** Reads a Kubernetes boolean: only real booleans count. */
export function k8sBool(value: unknown): boolean | undefined | 'invalid' {
  if (value === undefined || value === null) { return undefined; }
  if (typeof value === 'boolean') { return value; }
  return 'invalid';
}

/** Array elements, or [] when not an array. */
export function arr(value: unknown): any[] {
  return Array.isArray(value) ? value : [];
}

/** `spec.containers[0].securityContext` from a path. */
export function formatPath(path: Path): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') {
      out += `[${p}]`;
    } else if (/^[A-Za-z_$][\w$-]*$/.test(p)) {
      out += out ? `.${p}` : p;
    } else {
      out += `[${JSON.stringify(p)}]`;
    }
  }
  return out;
}

/** Marker for a part of a string that an intrinsic decides. */
export const UNKNOWN_PART = '\u0000';

/** Pseudo parameters whose value does not change what an image reference means. */
const PSEUDO: Record<string, string> = {
  'AWS::AccountId': '123456789012',
  'AWS::Region': 'region',
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::Partition': 'aws',
};

/**
 * A string value with intrinsic parts replaced by `UNKNOWN_PART` (pseudo parameters by a stand-in):
 * `Fn::Sub` and `Fn::Join` of literals keep their literal text, so an image's tag can still be read.
 * Returns undefined when the value is not a string or an intrinsic.
 */
export function cfnString(value: unknown, depth = 0): string | undefined {
  if (typeof value === 'string') { return value; }
  if (typeof value === 'number') { return String(value); }
  if (!isIntrinsic(value) || depth > 8) { return undefined; }
  const [key] = Object.keys(value as object);
  const arg = (value as any)[key];
  if (key === 'Ref') {
    return typeof arg === 'string' && PSEUDO[arg] !== undefined ? PSEUDO[arg] : UNKNOWN_PART;
  }
  if (key === 'Fn::Sub') {
    const template = typeof arg === 'string' ? arg : Array.isArray(arg) && typeof arg[0] === 'string' ? arg[0] : undefined;
    if (template === undefined) { return UNKNOWN_PART; }
    return template.replace(/\$\{([^}!]*)\}/g, (_, name: string) => PSEUDO[name.trim()] ?? UNKNOWN_PART);
  }
  if (key === 'Fn::Join' && Array.isArray(arg) && typeof arg[0] === 'string' && Array.isArray(arg[1])) {
    return arg[1].map((part: unknown) => cfnString(part, depth + 1) ?? UNKNOWN_PART).join(arg[0]);
  }
  return UNKNOWN_PART;
}
