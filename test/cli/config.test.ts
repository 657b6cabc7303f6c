import * as path from 'path';
import { cleanupTempDirs, runCli, withFiles } from './harness';

afterAll(cleanupTempDirs);

const DIGEST = `sha256:${'c'.repeat(64)}`;

/** A private pull-through registry of Chainguard: unknown to the catalog unless mirrored. */
const PRIVATE_CHAINGUARD = `FROM registry.example.com/chainguard/node:latest@${DIGEST}
COPY --chown=65532:65532 . /app
USER 65532:65532
CMD ["/app/server.js"]
`;

/** The team's own base image, unknown to the catalog. */
const TEAM_BASE = `FROM registry.example.com/platform/base:2.1@${DIGEST}
COPY app /app
USER $APP_UID
ENTRYPOINT ["/app"]
`;

const CONFIG_YAML = `# the platform team's settings
images:
  - reference: registry.example.com/platform/base
    libc: glibc
    hasShell: false
    hasPackageManager: false
    defaultUser: { uid: 10001, gid: 10001 }
    environment:
      APP_UID: 10001
registryMirrors:
  - upstream: cgr.dev/chainguard
    mirror: registry.example.com/chainguard
suppressions:
  - ruleId: cdl105
    reason: the platform base sets its user
`;

const MULTI_TARGET = `FROM golang:1.25@${DIGEST} AS build
RUN CGO_ENABLED=0 go build -o /out/app .

FROM gcr.io/distroless/static-debian13:nonroot@${DIGEST} AS runtime
COPY --from=build /out/app /app
USER 65532:65532
ENTRYPOINT ["/app"]

FROM build AS test
RUN go test ./...
`;

describe('cdk-distroless lint --target', () => {
  test('passes if the target stage is hardened, though a test stage follows it', () => {
    const cwd = withFiles({ Dockerfile: MULTI_TARGET });
    expect(runCli(['lint', 'Dockerfile'], { cwd }).code).toBe(1);
    const { code, stdout } = runCli(['lint', '--target', 'runtime', 'Dockerfile'], { cwd });
    expect(stdout).toBe('Dockerfile: no findings\n\nPASS: 1 file checked, 0 errors, 0 warnings, 0 suppressed.\n');
    expect(code).toBe(0);
  });

  test('fails if the target names no stage: CDL001 lists the stages', () => {
    const cwd = withFiles({ Dockerfile: MULTI_TARGET });
    const { code, stdout } = runCli(['lint', '--target', 'prod', 'Dockerfile'], { cwd });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^Dockerfile:1:1 {2}error {2}CDL001 {2}The Dockerfile cannot be built with target "prod": no stage is named so .*Stages: "build", "runtime", "test"\.$/m);
  });

  test('fails with a usage error if the target is not a stage name', () => {
    const cwd = withFiles({ Dockerfile: MULTI_TARGET });
    const { code, stderr } = runCli(['lint', '--target', 'a b', 'Dockerfile'], { cwd });
    expect(code).toBe(2);
    expect(stderr).toMatch(/lint: --target "a b": DockerfilePolicy: target "a b" is not a stage name/);
  });
});

/** A valid image entry, for tests that add one bad key to it. */
const IMAGE = 'images:\n  - reference: r.example.com/a\n    libc: glibc\n    hasShell: false\n    hasPackageManager: false\n    defaultUser: { uid: 1, gid: 1 }\n';

describe('cdk-distroless lint: the configuration file', () => {
  test('without a configuration, a private mirror and a team base are unknown (CDL002)', () => {
    const cwd = withFiles({ 'a/Dockerfile': PRIVATE_CHAINGUARD, 'b/Dockerfile': TEAM_BASE });
    const { code, stdout } = runCli(['lint', 'a/Dockerfile', 'b/Dockerfile'], { cwd });
    expect(code).toBe(1);
    expect(stdout.match(/CDL002/g)).toHaveLength(2);
  });

  test('.cdk-distroless.yaml in the working directory: mirrors, images with their ENV, suppressions with reasons', () => {
    const cwd = withFiles({ '.cdk-distroless.yaml': CONFIG_YAML, 'a/Dockerfile': PRIVATE_CHAINGUARD, 'b/Dockerfile': TEAM_BASE });
    const { code, stdout } = runCli(['lint', 'a/Dockerfile', 'b/Dockerfile'], { cwd });
    expect(stdout).toBe('a/Dockerfile: no findings\n\nb/Dockerfile: no findings\n\nPASS: 2 files checked, 0 errors, 0 warnings, 0 suppressed.\n');
    expect(code).toBe(0);
  });

  test('is found in a parent directory, and its suppressions are reported as suppressed with their reason', () => {
    const root = withFiles({ '.cdk-distroless.yaml': CONFIG_YAML, 'services/api/Dockerfile': 'FROM registry.example.com/platform/base:2.1\n' });
    const { code, stdout } = runCli(['lint', 'Dockerfile'], { cwd: path.join(root, 'services', 'api') });
    expect(code).toBe(0);
    expect(stdout).toMatch(/warning \(suppressed\) {2}CDL105 .*\n {4}reason: the platform base sets its user/);
    expect(stdout).toMatch(/warning {2}CDL101/);
  });

  test('config suppressions are external in SARIF', () => {
    const cwd = withFiles({ '.cdk-distroless.yaml': CONFIG_YAML, 'Dockerfile': 'FROM registry.example.com/platform/base:2.1\n' });
    const sarif = JSON.parse(runCli(['lint', '--format', 'sarif', 'Dockerfile'], { cwd }).stdout);
    const suppressed = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'CDL105');
    expect(suppressed.suppressions).toEqual([{ kind: 'external', justification: 'the platform base sets its user' }]);
  });

  test('.cdk-distroless.json works the same; --mirror and --suppress add to it', () => {
    const json = JSON.stringify({ registryMirrors: [{ upstream: 'gcr.io/distroless', mirror: 'mirror.example.com/distroless' }] });
    const cwd = withFiles({ '.cdk-distroless.json': json, 'Dockerfile': `FROM mirror.example.com/distroless/static-debian13:nonroot@${DIGEST}\nUSER 65532\n` });
    expect(runCli(['lint', 'Dockerfile'], { cwd }).code).toBe(0);
    const both = withFiles({ '.cdk-distroless.json': json, 'Dockerfile': PRIVATE_CHAINGUARD });
    expect(runCli(['lint', 'Dockerfile'], { cwd: both }).code).toBe(1);
    expect(runCli(['lint', '--mirror', 'cgr.dev/chainguard=registry.example.com/chainguard', 'Dockerfile'], { cwd: both }).code).toBe(0);
  });

  test('--config names the file explicitly; --no-config ignores the one found', () => {
    const cwd = withFiles({ 'ci/policy.yaml': CONFIG_YAML, '.cdk-distroless.yaml': 'images: []\n', 'Dockerfile': PRIVATE_CHAINGUARD });
    expect(runCli(['lint', 'Dockerfile'], { cwd }).code).toBe(1);
    expect(runCli(['lint', '--config', 'ci/policy.yaml', 'Dockerfile'], { cwd }).code).toBe(0);
    const mirrored = withFiles({ '.cdk-distroless.yaml': CONFIG_YAML, 'Dockerfile': PRIVATE_CHAINGUARD });
    expect(runCli(['lint', '--no-config', 'Dockerfile'], { cwd: mirrored }).code).toBe(1);
  });

  test('an empty configuration file changes nothing', () => {
    const cwd = withFiles({ '.cdk-distroless.yaml': '# nothing yet\n', 'Dockerfile': `FROM gcr.io/distroless/static-debian13:nonroot@${DIGEST}\nUSER 65532\n` });
    expect(runCli(['lint', 'Dockerfile'], { cwd }).code).toBe(0);
  });

  test.each([
    ['an unknown top-level key', 'mirrors:\n  - upstream: a\n', /\.cdk-distroless\.yaml: \(top level\)\.mirrors: unknown key\. Allowed here: images, registryMirrors, suppressions\./],
    ['an unknown image fact', 'images:\n  - reference: r.example.com/a\n    libc: glibc\n    hasShell: false\n    hasPackageManager: false\n    defaultUser: { uid: 1, gid: 1 }\n    shell: false\n',
      /\.cdk-distroless\.yaml: images\[0\]\.shell: unknown key\. Allowed here: reference, libc,/],
    ['a libc that does not exist', 'images:\n  - reference: r.example.com/a\n    libc: gnu\n    hasShell: false\n    hasPackageManager: false\n    defaultUser: { uid: 1, gid: 1 }\n',
      /images\[0\]\.libc: must be one of "none", "glibc", "musl", got "gnu"\./],
    ['a missing fact', 'images:\n  - reference: r.example.com/a\n    libc: glibc\n    hasPackageManager: false\n    defaultUser: { uid: 1, gid: 1 }\n',
      /images\[0\]\.hasShell: is required: the policy cannot check a base whose hasShell is unknown/],
    ['a quoted uid', 'images:\n  - reference: r.example.com/a\n    libc: glibc\n    hasShell: false\n    hasPackageManager: false\n    defaultUser: { uid: "1000", gid: 1000 }\n',
      /images\[0\]\.defaultUser\.uid: must be a whole number between 0 and 4294967294 \(unquoted\), got "1000"/],
    ['an invalid reference', 'images:\n  - reference: Not A Reference\n    libc: glibc\n    hasShell: false\n    hasPackageManager: false\n    defaultUser: { uid: 1, gid: 1 }\n',
      /images\[0\]: BaseImage\.fromRegistry: "Not A Reference" is not an image reference/],
    ['a suppression without a reason', 'suppressions:\n  - ruleId: CDL101\n', /suppressions\[0\]\.reason: is required: a suppression must say why/],
    ['a suppression of an unknown rule', 'suppressions:\n  - ruleId: DL3007\n    reason: hadolint habit\n', /suppressions\[0\]\.ruleId: names no known rule "DL3007"/],
    ['a mirror that is not a prefix', 'registryMirrors:\n  - upstream: cgr.dev/chainguard\n    mirror: "bad mirror"\n', /registryMirrors\[0\]: RegistryMirror: mirrorPrefix "bad mirror" is not a registry prefix/],
    ['a list where a mapping belongs', 'images:\n  - [a, b]\n', /images\[0\]: must be a mapping with the keys reference, libc/],
    ['broken YAML', 'images: [\n', /\.cdk-distroless\.yaml: not valid YAML: /],
    ['a top level that is a list', '- images\n', /\(top level\): must be a mapping with the keys images, registryMirrors, suppressions, got a list\./],
    ['suppressions that are not a list', 'suppressions: CDL101\n', /suppressions: must be a list, got "CDL101"\. Write each entry on a line starting with "- "\./],
    ['a fact that is not true or false', `${IMAGE}    hasCaCertificates: "yes"\n`, /images\[0\]\.hasCaCertificates: must be true or false, got "yes"\./],
    ['a negative gid', IMAGE.replace('gid: 1 }', 'gid: -1 }'), /images\[0\]\.defaultUser\.gid: must be a whole number between 0 and 4294967294 \(unquoted\), got -1, e\.g\. 65532\./],
    ['an environment that is not a mapping', `${IMAGE}    environment: [APP_UID]\n`, /images\[0\]\.environment: must be a mapping of variable names to values, got a list, e\.g\. \{ APP_UID: "1654" \}\./],
    ['an environment name that is not a variable name', `${IMAGE}    environment: { 1APP: x }\n`, /images\[0\]\.environment\.1APP: is not a variable name: use letters, digits and "_", not starting with a digit\./],
    ['an environment value that is not text', `${IMAGE}    environment: { APP_UID: [1654] }\n`, /images\[0\]\.environment\.APP_UID: must be a string, got a list, e\.g\. APP_UID: "1654"\./],
    ['an architecture that is not text', `${IMAGE}    architectures: [amd64, { arm: 64 }]\n`, /images\[0\]\.architectures\[1\]: must be a non-empty string, got a mapping, e\.g\. "amd64"\./],
  ])('fails with a usage error naming the file and key for %s', (_what, yaml, message) => {
    const cwd = withFiles({ '.cdk-distroless.yaml': yaml, 'Dockerfile': PRIVATE_CHAINGUARD });
    const { code, stdout, stderr } = runCli(['lint', 'Dockerfile'], { cwd });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^cdk-distroless: lint: invalid configuration: \//);
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/--no-config to lint without it/);
  });

  test('fails if the JSON file is not valid JSON', () => {
    const cwd = withFiles({ '.cdk-distroless.json': '{ "images": [ }', 'Dockerfile': PRIVATE_CHAINGUARD });
    expect(runCli(['lint', 'Dockerfile'], { cwd }).stderr).toMatch(/\.cdk-distroless\.json: not valid JSON \(/);
  });

  test('fails if one directory holds two configuration files', () => {
    const cwd = withFiles({ '.cdk-distroless.yaml': 'images: []\n', '.cdk-distroless.json': '{}', 'Dockerfile': PRIVATE_CHAINGUARD });
    const { code, stderr } = runCli(['lint', 'Dockerfile'], { cwd });
    expect(code).toBe(2);
    expect(stderr).toMatch(/more than one cdk-distroless configuration file in .*, so it is unclear which applies\. Keep one of them\./);
  });

  test('fails if --config names a missing file, or is combined with --no-config', () => {
    const cwd = withFiles({ Dockerfile: PRIVATE_CHAINGUARD });
    expect(runCli(['lint', '--config', 'nope.yaml', 'Dockerfile'], { cwd }).stderr).toMatch(/nope\.yaml: cannot read the configuration file \(ENOENT\)/);
    expect(runCli(['lint', '--config', 'x.yaml', '--no-config', 'Dockerfile'], { cwd }).stderr).toMatch(/--config and --no-config contradict each other/);
  });
});
