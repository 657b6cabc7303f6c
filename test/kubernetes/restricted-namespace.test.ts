import { Testing } from 'cdk8s';
import { validateAll } from './manifests';
import { kubernetes } from '../../lib';

describe('RestrictedNamespace', () => {
  test('enforce, audit and warn "restricted" at the latest version', () => {
    const chart = Testing.chart();
    const ns = new kubernetes.RestrictedNamespace(chart, 'ns', { name: 'shop', labels: { team: 'checkout' } });
    const [obj] = Testing.synth(chart);
    validateAll([obj]);
    expect(ns.name).toBe('shop');
    expect(obj).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: 'shop',
        labels: {
          'team': 'checkout',
          'pod-security.kubernetes.io/enforce': 'restricted',
          'pod-security.kubernetes.io/enforce-version': 'latest',
          'pod-security.kubernetes.io/audit': 'restricted',
          'pod-security.kubernetes.io/audit-version': 'latest',
          'pod-security.kubernetes.io/warn': 'restricted',
          'pod-security.kubernetes.io/warn-version': 'latest',
        },
      },
    });
  });
  test('a pinned version', () => {
    const chart = Testing.chart();
    new kubernetes.RestrictedNamespace(chart, 'ns', { name: 'shop', version: 'v1.34' });
    expect(Testing.synth(chart)[0].metadata.labels['pod-security.kubernetes.io/enforce-version']).toBe('v1.34');
  });
  test('fails if the name is not a DNS label', () => {
    expect(() => new kubernetes.RestrictedNamespace(Testing.chart(), 'ns', { name: 'Shop' })).toThrow(/RestrictedNamespace test\/ns: name "Shop" is not a DNS label/);
  });
  test('fails if the version is not latest or v1.N', () => {
    expect(() => new kubernetes.RestrictedNamespace(Testing.chart(), 'ns', { name: 'shop', version: '1.34' })).toThrow(/version "1.34" is not a Pod Security Standards version/);
  });
});
