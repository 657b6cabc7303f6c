import { awscdk, javascript, JsonFile } from 'projen';

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-distroless',
  description: 'Distroless container images for AWS ECS and Kubernetes: a base-image catalog, generated multi-stage Dockerfiles and an enforced Dockerfile policy.',
  author: 'cdk-distroless maintainers',
  authorAddress: 'maintainers@users.noreply.r-seed-bffe3314.example',
  repositoryUrl: 'https://github.com/cdk-distroless/cdk-distroless.git',
  keywords: ['cdk', 'cdk8s', 'distroless', 'docker', 'dockerfile', 'ecs', 'fargate', 'kubernetes', 'security', 'container'],
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,

  // aws-cdk-lib >= 2.257.0 is what cdk-nag 3 (validation-plugin API) needs.
  cdkVersion: '2.257.0',
  constructsVersion: '10.5.1',
  jsiiVersion: '~6.0.0',

  srcdir: 'lib',
  libdir: 'lib',
  testdir: 'test',

  peerDeps: ['cdk8s@^2.70.0'],
  // yaml also reads the CLI's project configuration file (.cdk-distroless.yaml) and the posture checks' templates and manifests.
  // Project files the generator reads to detect a layout: Cargo.toml and pyproject.toml (TOML),
  // pnpm and Yarn files (YAML), pom.xml and .csproj (XML).
  // @balena/dockerignore: Docker's own .dockerignore semantics (aws-cdk-lib uses it too) for staging build contexts.
  deps: ['dockerfile-ast@^0.7.1', 'smol-toml@^1.9.1', 'yaml@^2', 'fast-xml-parser@^5', '@balena/dockerignore@^1.0.2'],
  bundledDeps: ['dockerfile-ast', 'smol-toml', 'yaml', 'fast-xml-parser', '@balena/dockerignore'],
  devDeps: [
    '@types/node@^20', 'typescript@^6.0.3', 'cdk8s@2.70.0', 'fast-check@^4',
    // The official SARIF 2.1.0 JSON schema ships in this package; ajv 6 validates its draft-04 schema.
    '@microsoft/jest-sarif@1.0.0-beta.0', 'ajv@^6.12.6',
    // Kubernetes submodule: the hand-hardened baseline (bench), schema validation and the cdk8s CLI (tests, examples).
    'cdk8s-plus-34@^2.0.54', 'kubernetes-models@4.5.1', 'cdk8s-cli@^2.207.60',
    // Proof for lib/ecs: AWS Solutions checks (validation-plugin API), AWS Control Tower's proactive
    // controls through cfn-guard (offline), and the real `cdk` CLI for `npm run examples`.
    'cdk-nag@^3.0.2', '@cdklabs/cdk-validator-cfnguard@^0.0.62', 'aws-cdk@^2.1148.1',
  ],

  // jsii targets for the release pipeline. Their packaging needs PyPI, Maven, NuGet and Go
  // toolchains that these machines cannot reach, so the local `package-all` only packages js.
  publishToPypi: { distName: 'cdk-distroless', module: 'cdk_distroless' },
  publishToMaven: {
    javaPackage: 'io.github.cdkdistroless',
    mavenGroupId: 'io.github.cdk-distroless',
    mavenArtifactId: 'cdk-distroless',
  },
  publishToNuget: { dotNetNamespace: 'CdkDistroless', packageId: 'CdkDistroless' },
  publishToGo: { moduleName: 'github.com/cdk-distroless/cdk-distroless-go' },

  github: false,
  release: false,
  depsUpgrade: false,
  pullRequestTemplate: false,
  sampleCode: false,
  docgen: true,

  bin: { 'cdk-distroless': 'bin/cdk-distroless' },

  gitignore: ['/examples-out/', '/.cache/', '/bench/out/', '/examples/kubernetes/dist/'],
  npmIgnoreOptions: { ignorePatterns: ['/examples/', '/examples-out/', '/bench/', '/.ci/', '/.cache/'] },

  jestOptions: {
    // CI must fail on a stale snapshot instead of rewriting it.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/integ/'],
      // jsii compiles lib/ in place: prefer the .ts sources so tests never run stale .js.
      moduleFileExtensions: ['ts', 'tsx', 'js', 'json', 'node'],
      // Image build caches hold copies of node packages that confuse jest's module map.
      modulePathIgnorePatterns: ['<rootDir>/.cache/', '<rootDir>/examples-out/', '<rootDir>/dist/'],
      coverageReporters: ['text-summary'],
    },
  },
  tsconfigDev: {
    include: ['../examples/**/*.ts', '../bench/**/*.ts'],
    compilerOptions: {},
  },
});

// Two audiences: an ECS-only user installs aws-cdk-lib, a Kubernetes-only user cdk8s. Both peers
// are optional, and lib/index.js loads the `ecs` and `kubernetes` submodules lazily (post-compile).
project.package.addField('peerDependenciesMeta', {
  'aws-cdk-lib': { optional: true },
  'cdk8s': { optional: true },
});
project.postCompileTask.exec('node projenrc/lazy-submodules.js lib/index.js ecs kubernetes');

// ts-jest runs with isolatedModules (no type check): type-check tests, examples and bench first.
project.testTask.prependExec('tsc --noEmit -p test/tsconfig.json');

// eslint's project service needs a tsconfig next to the scripts outside lib/ and test/.
for (const dir of ['examples', 'bench']) {
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: { extends: '../test/tsconfig.json', include: ['**/*.ts'] },
  });
}

project.eslint?.addLintPattern('examples');
project.eslint?.addLintPattern('bench');
// Examples and benchmarks use dev dependencies the package does not ship (cdk8s-plus baselines, cdk-nag, cfn-guard).
project.eslint?.allowDevDeps('examples/**');
project.eslint?.allowDevDeps('bench/**');

// Only js packaging runs here: the other jsii languages need registries these machines cannot reach.
const packageAll = project.tasks.tryFind('package-all');
packageAll?.reset();
packageAll?.spawn(project.tasks.tryFind('package:js')!);

// jsii compiles lib/ in place: prefer the .ts sources so scripts never run stale .js.
const tsNode = 'ts-node --prefer-ts-exts --project test/tsconfig.json';
project.addTask('examples', {
  description: 'Synthesize every example into examples-out/',
  exec: `${tsNode} examples/synth.ts`,
  receiveArgs: true,
});
project.addTask('examples:adoption', {
  description: 'Check an app that uses none of our constructs (stock ALB Fargate service, stock cdk8s-plus Deployment); `-- fixed` for the hand-hardened version',
  exec: `${tsNode} examples/adoption/main.ts`,
  receiveArgs: true,
});
project.addTask('test:images', {
  description: 'Build and run every runtime\'s generated image with podman (needs root; installs podman when missing)',
  exec: 'bash test/integ/images/run.sh',
  receiveArgs: true,
});
project.addTask('test:package', {
  description: 'Pack the library and synthesize it in empty projects that have only cdk8s (or only aws-cdk-lib)',
  exec: 'bash test/integ/package/run.sh',
});
project.addTask('bench:k8s-synth', {
  description: 'Synthesize 1, 100 and 1000 kubernetes.DistrolessService vs a hand-hardened cdk8s-plus baseline',
  exec: `${tsNode} bench/k8s-synth.ts`,
  receiveArgs: true,
});
project.addTask('bench:lint', {
  description: 'Time `cdk-distroless lint` over many Dockerfiles',
  exec: `${tsNode} bench/lint.ts`,
  receiveArgs: true,
});
project.addTask('bench:staging', {
  description: 'Stage 1, 50 and 200 workloads from one 10 MiB source, next to copying the context per workload',
  exec: `${tsNode} bench/staging.ts`,
  receiveArgs: true,
});
project.addTask('bench:posture', {
  description: 'Time the posture checks (200-service cdk.out, 10,000-pod manifests) beside the synthesis of the same apps',
  exec: `${tsNode} bench/posture.ts`,
  receiveArgs: true,
});
project.addTask('bench:ecs-synth', {
  description: 'Synthesize 1-200 hardened Fargate services with ecs.DistrolessService and with hand-written aws-cdk-lib; time and memory side by side',
  exec: `${tsNode} bench/ecs-synth.ts`,
  receiveArgs: true,
});
project.addTask('bench:image-sizes', {
  description: 'Measure final image sizes and build times per runtime (needs podman)',
  exec: 'bash bench/image-sizes.sh',
  receiveArgs: true,
});

project.synth();
