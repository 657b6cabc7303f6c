// Runs in an empty project that has only cdk-distroless (the packed tarball), aws-cdk-lib and constructs.
const assert = require('assert');

assert.throws(() => require.resolve('cdk8s'), /Cannot find module/, 'cdk8s must not be installed here');
const lib = require('cdk-distroless');
const cdk = require('aws-cdk-lib');
const { DistrolessImage, Workload, ecs } = lib;

const app = new cdk.App();
const stack = new cdk.Stack(app, 'Orders', { env: { account: '123456789012', region: 'eu-west-1' } });
const workload = new Workload({
  image: DistrolessImage.fromRegistry(`123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders@sha256:${'c'.repeat(64)}`, { user: { uid: 65532, gid: 65532 }, ports: [8080] }),
});
new ecs.DistrolessService(stack, 'Api', { workload });
const template = app.synth().getStackByName('Orders').template;
const types = Object.values(template.Resources).map(r => r.Type);
assert.ok(types.includes('AWS::ECS::TaskDefinition'), `a task definition in ${types.join(', ')}`);
assert.ok(!Object.keys(require.cache).some(k => k.includes('node_modules/cdk8s/')), 'cdk8s is not loaded');
console.log(`ecs.DistrolessService synthesized without cdk8s: ${types.length} resources`);
