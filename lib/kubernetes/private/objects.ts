import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { PodParts } from './pod';
import { TimeSpan } from '../../workload';

/** Metadata every object of a construct carries. */
export function metadata(parts: PodParts, name: string | undefined, annotate: boolean): { [key: string]: unknown } {
  return {
    ...(name ? { name } : {}),
    ...(parts.namespace ? { namespace: parts.namespace } : {}),
    labels: { ...parts.labels },
    ...(annotate && Object.keys(parts.annotations).length > 0 ? { annotations: { ...parts.annotations } } : {}),
  };
}

/** The workload's own ServiceAccount: no API token is mounted, and nothing is bound to it. */
export function serviceAccount(scope: Construct, parts: PodParts, name: string | undefined): ApiObject {
  return new ApiObject(scope, 'ServiceAccount', {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: metadata(parts, name, false),
    automountServiceAccountToken: false,
  });
}

/** A whole number from `min` to `max`, or `fallback` when undefined. */
export function checkCount(value: unknown, fallback: number, min: number, what: string, max = 1_000_000): number {
  if (value === undefined) { return fallback; }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${what} ${JSON.stringify(value)} must be a whole number from ${min} to ${max}.`);
  }
  return value;
}

/** A TimeSpan of at least `min` seconds, or `fallback` when undefined. */
export function checkSpan(value: unknown, fallback: TimeSpan, what: string, min = 0): TimeSpan {
  if (value === undefined) { return fallback; }
  if (!(value instanceof TimeSpan) || value.toSeconds() < min) {
    throw new Error(`${what} ${value instanceof TimeSpan ? value.toString() : JSON.stringify(value)} must be a TimeSpan of at least ${min} seconds, e.g. TimeSpan.minutes(30).`);
  }
  return value;
}
