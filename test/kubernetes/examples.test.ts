import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Yaml } from 'cdk8s';
import { podTemplates, restrictedViolations, validateAll } from './manifests';
import { CronJobChart, WebServiceChart } from '../../examples/kubernetes/charts';

/** Every Kubernetes example chart, synthesized into a scratch folder like `cdk8s synth` does. */
function synthExamples(): { outdir: string; files: { [file: string]: any[] } } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdl-k8s-examples-'));
  const app = new App({ outdir });
  const charts: Chart[] = [new WebServiceChart(app, 'web-service'), new CronJobChart(app, 'cron-job')];
  app.synth();
  const files: { [file: string]: any[] } = {};
  for (const chart of charts) {
    const file = `${chart.node.id}.k8s.yaml`;
    files[file] = Yaml.load(path.join(outdir, file)).filter((o: any) => o);
  }
  return { outdir, files };
}

describe('Kubernetes examples', () => {
  const { outdir, files } = synthExamples();
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));
  const all = Object.values(files).flat();

  test('web-service.k8s.yaml and cron-job.k8s.yaml with the objects the README describes', () => {
    expect(Object.keys(files).sort()).toEqual(['cron-job.k8s.yaml', 'web-service.k8s.yaml']);
    expect(files['web-service.k8s.yaml'].map(o => o.kind)).toEqual(['Namespace', 'ServiceAccount', 'Deployment', 'Service', 'PodDisruptionBudget', 'NetworkPolicy', 'HorizontalPodAutoscaler']);
    expect(files['cron-job.k8s.yaml'].map(o => o.kind)).toEqual(['ServiceAccount', 'CronJob']);
  });

  test('every object is valid against the Kubernetes schemas (kubernetes-models)', () => {
    expect(() => validateAll(all)).not.toThrow();
  });

  test('every pod template of every example passes Pod Security "restricted", field by field, and the extras', () => {
    const templates = podTemplates(all);
    expect(templates.map(t => t.where)).toEqual(['Deployment/orders', 'CronJob/nightly-report']);
    for (const { where, template } of templates) {
      expect({ where, violations: restrictedViolations(template) }).toEqual({ where, violations: [] });
    }
  });

  test('the namespace enforces restricted', () => {
    const ns = files['web-service.k8s.yaml'][0];
    expect(ns.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
  });

  test('the build context is staged beside the manifests, once for both charts, and named by the image tag', () => {
    const contexts = fs.readdirSync(path.join(outdir, 'images'));
    expect(contexts).toHaveLength(1);
    const images = podTemplates(all).map(t => t.template.spec.containers[0].image);
    expect(new Set(images).size).toBe(1);
    expect(images[0]).toBe(`registry.example.com/shop/orders:ctx-${contexts[0].slice('context.'.length, 'context.'.length + 12)}`);
    expect(fs.readFileSync(path.join(outdir, 'images', contexts[0], 'Dockerfile'), 'utf8')).toMatch(/^USER 65532:65532$/m);
  });

  test('the secret comes from a Secret, never a literal', () => {
    const env = podTemplates(all)[0].template.spec.containers[0].env;
    expect(env.find((e: any) => e.name === 'DB_PASSWORD')).toEqual({ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'orders-db', key: 'password' } } });
  });
});
