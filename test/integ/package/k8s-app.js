// Runs in an empty project that has only cdk-distroless (the packed tarball), cdk8s and constructs.
const assert = require('assert');
const fs = require('fs');
const path = require('path');

assert.throws(() => require.resolve('aws-cdk-lib'), /Cannot find module/, 'aws-cdk-lib must not be installed here');
const lib = require('cdk-distroless');
const loaded = () => Object.keys(require.cache).filter(k => /node_modules\/(cdk8s|aws-cdk-lib)\//.test(k)).map(k => k.split('node_modules/')[1].split('/')[0]);
assert.deepStrictEqual([...new Set(loaded())], [], 'requiring the package must load no framework');
const { App, Chart } = require('cdk8s');
const { DistrolessImage, Workload, HealthCheck, kubernetes } = lib;

const outdir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'cdl-k8s-only-'));
const app = new App({ outdir });
const chart = new Chart(app, 'orders');
new kubernetes.DistrolessService(chart, 'api', {
  workload: new Workload({
    image: DistrolessImage.fromRegistry(`registry.example.com/shop/orders@sha256:${'c'.repeat(64)}`, { user: { uid: 65532, gid: 65532 }, ports: [8080] }),
    healthCheck: HealthCheck.http('/healthz'),
  }),
});
app.synth();
const yaml = fs.readFileSync(path.join(outdir, 'orders.k8s.yaml'), 'utf8');
assert.match(yaml, /kind: Deployment/);
assert.match(yaml, /readOnlyRootFilesystem: true/);
assert.match(yaml, /- ALL/);
assert.deepStrictEqual([...new Set(loaded())], ['cdk8s'], 'only cdk8s is loaded');
console.log(`kubernetes.DistrolessService synthesized without aws-cdk-lib: ${yaml.split('\n---\n').length} objects`);
