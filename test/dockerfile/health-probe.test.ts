// The generator's healthProbe option: a `probe` stage compiles the shipped C source, the final
// stage copies the binary to HealthCheck.PROBE_PATH on every base, and the source reaches the
// build context through files() without .dockerignore hiding it.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { dockerInstructions, finalStage } from './parse';
import { CppBuild, DistrolessDockerfile, DistrolessDockerfileProps, JavaBuild, Runtime } from '../../lib/dockerfile';
import { BaseImage, RegistryMirror } from '../../lib/image';
import { DockerfilePolicy } from '../../lib/policy';
import { HealthCheck } from '../../lib/workload';

const PROBE_C = path.join(__dirname, '..', '..', 'lib', 'dockerfile', 'probe', 'probe.c');
const COPY_PROBE = '--from=probe /out/probe /cdk-distroless/probe';

/** Every runtime with its default base, and the bases that change the final stage's shape. */
const CASES: Array<[string, DistrolessDockerfileProps]> = [
  ['go', { runtime: Runtime.go() }],
  ['go cgo', { runtime: Runtime.go({ cgo: true }) }],
  ['go on scratch', { runtime: Runtime.go(), baseImage: BaseImage.scratch() }],
  ['go on chainguard static', { runtime: Runtime.go(), baseImage: BaseImage.chainguardStatic() }],
  ['rust', { runtime: Runtime.rust() }],
  ['rust musl on scratch', { runtime: Runtime.rust({ musl: true }), baseImage: BaseImage.scratch() }],
  ['nodejs', { runtime: Runtime.nodejs() }],
  ['nodejs on chainguard node', { runtime: Runtime.nodejs(), baseImage: BaseImage.chainguardNode() }],
  ['python', { runtime: Runtime.python() }],
  ['java-jar', { runtime: Runtime.javaJar() }],
  ['java-jar javac on chainguard jre', { runtime: Runtime.javaJar({ buildTool: JavaBuild.JAVAC }), baseImage: BaseImage.chainguardJre() }],
  ['java-jlink', { runtime: Runtime.javaJlink() }],
  ['dotnet', { runtime: Runtime.dotnet() }],
  ['dotnet runtime', { runtime: Runtime.dotnet({ aspnet: false }) }],
  ['dotnet on chainguard aspnet-runtime', { runtime: Runtime.dotnet(), baseImage: BaseImage.chainguardAspnetRuntime() }],
  ['cpp', { runtime: Runtime.cpp() }],
  ['cpp cmake static', { runtime: Runtime.cpp({ buildTool: CppBuild.CMAKE, staticLinking: true }) }],
  ['static-binary', { runtime: Runtime.staticBinary() }],
  ['static-binary on scratch', { runtime: Runtime.staticBinary(), baseImage: BaseImage.scratch() }],
  ['go with a CA bundle and writable paths', { runtime: Runtime.go(), buildCaBundle: true, writablePaths: ['/tmp', '/var/cache/app'] }],
];

function withProbe(props: DistrolessDockerfileProps): DistrolessDockerfile {
  return new DistrolessDockerfile({ ...props, healthProbe: true });
}

/** The instructions of the stage named `name`. */
function stage(text: string, name: string) {
  const all = dockerInstructions(text);
  const start = all.findIndex(i => i.keyword === 'FROM' && new RegExp(`\\sAS ${name}$`, 'i').test(i.args));
  expect(start).toBeGreaterThanOrEqual(0);
  const end = all.findIndex((i, k) => k > start && i.keyword === 'FROM');
  return all.slice(start, end);
}

describe('healthProbe defaults', () => {
  test('healthProbe: false, so no probe stage, no probe COPY and no probe source', () => {
    const g = new DistrolessDockerfile({ runtime: Runtime.go() });
    expect(g.healthProbePath).toBeUndefined();
    expect(g.render()).not.toMatch(/probe/);
    expect(g.files().map(f => f.path)).toEqual(['Dockerfile', '.dockerignore']);
    expect(g.renderDockerignore()).not.toMatch(/cdk-distroless\//);
  });

  test('healthProbe: false is the same output as leaving it out', () => {
    expect(new DistrolessDockerfile({ runtime: Runtime.go(), healthProbe: false }).files())
      .toEqual(new DistrolessDockerfile({ runtime: Runtime.go() }).files());
  });

  test('healthProbeBuilderImage: BaseImage.gcc()', () => {
    const [from] = stage(withProbe({ runtime: Runtime.go() }).render(), 'probe');
    expect(from.args).toBe(`${BaseImage.gcc().reference} AS probe`);
  });
});

describe('healthProbe: true', () => {
  test('healthProbePath is HealthCheck.PROBE_PATH', () => {
    expect(withProbe({ runtime: Runtime.go() }).healthProbePath).toBe(HealthCheck.PROBE_PATH);
    expect(HealthCheck.PROBE_PATH).toBe('/cdk-distroless/probe');
  });

  test('a probe stage compiles the shipped source statically and runs it once', () => {
    const lines = stage(withProbe({ runtime: Runtime.go() }).render(), 'probe');
    expect(lines.map(i => i.keyword)).toEqual(['FROM', 'COPY', 'RUN']);
    expect(lines[1].args).toBe('.cdk-distroless/probe.c /src/probe.c');
    expect(lines[2].args).toMatch(/^mkdir -p \/out && gcc -static -Os -s -ffunction-sections -fdata-sections -Wl,--gc-sections -o \/out\/probe \/src\/probe\.c/);
    expect(lines[2].args).toMatch(/&& \/out\/probe --help >\/dev\/null$/);
  });

  test('the probe stage comes last, after the runtime\'s stages', () => {
    const froms = dockerInstructions(withProbe({ runtime: Runtime.go(), writablePaths: ['/tmp', '/data'] }).render()).filter(i => i.keyword === 'FROM');
    expect(froms.map(f => f.args.split(' AS ')[1])).toEqual(['build', 'rootfs', 'probe', undefined]);
  });

  test('the final stage copies the probe before the application, owned by root', () => {
    const final = finalStage(withProbe({ runtime: Runtime.go() }).render());
    const copies = final.filter(i => i.keyword === 'COPY').map(i => i.args);
    expect(copies[0]).toBe(COPY_PROBE);
    expect(copies.filter(c => c.includes('/cdk-distroless/probe'))).toHaveLength(1);
  });

  test('files() adds the probe source at .cdk-distroless/probe.c, byte for byte the shipped one', () => {
    const files = withProbe({ runtime: Runtime.go() }).files();
    expect(files.map(f => f.path)).toEqual(['Dockerfile', '.dockerignore', '.cdk-distroless/probe.c']);
    expect(files[2].content).toBe(fs.readFileSync(PROBE_C, 'utf8'));
  });

  test('writeTo writes the probe source into the context', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdl-probe-'));
    try {
      withProbe({ runtime: Runtime.go() }).writeTo(dir);
      expect(fs.readFileSync(path.join(dir, '.cdk-distroless', 'probe.c'), 'utf8')).toBe(fs.readFileSync(PROBE_C, 'utf8'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('.dockerignore re-includes the probe source last, so no pattern above hides it', () => {
    const lines = withProbe({ runtime: Runtime.cpp() }).renderDockerignore().trimEnd().split('\n');
    expect(lines[lines.length - 1]).toBe('!.cdk-distroless/probe.c');
  });

  test('registry mirrors apply to the probe stage', () => {
    const mirror = RegistryMirror.of('docker.io/library', 'registry.example.com/hub');
    const g = withProbe({ runtime: Runtime.go(), registryMirrors: [mirror] });
    const [from] = stage(g.render(), 'probe');
    expect(from.args).toBe('registry.example.com/hub/gcc:14 AS probe');
    expect(new DockerfilePolicy({ registryMirrors: [mirror] }).lint(g.render()).errorCount).toBe(0);
  });

  test('healthProbeBuilderImage pins the probe stage; a fully pinned Dockerfile has no warning', () => {
    const pin = (image: BaseImage) => image.withDigest(`sha256:${'1'.repeat(64)}`);
    const g = withProbe({
      runtime: Runtime.go({ builderImage: pin(BaseImage.golang()) }),
      baseImage: pin(BaseImage.googleStatic()),
      healthProbeBuilderImage: pin(BaseImage.gcc()),
    });
    expect(stage(g.render(), 'probe')[0].args).toBe(`${pin(BaseImage.gcc()).reference} AS probe`);
    const result = new DockerfilePolicy().lint(g.render());
    expect(DockerfilePolicy.format(result)).toBe('Dockerfile: no findings');
  });

  test.each(CASES)('%s: the final stage copies the probe; the policy finds no error', (_name, props) => {
    const g = withProbe(props);
    expect(g.healthProbePath).toBe('/cdk-distroless/probe');
    const final = finalStage(g.render());
    expect(final.filter(i => i.keyword === 'COPY').map(i => i.args)).toContain(COPY_PROBE);
    const result = new DockerfilePolicy().lint(g.render());
    expect(result.findings.filter(f => f.level === 'error').map(f => `${f.ruleId}: ${f.message}`)).toEqual([]);
    // The only thing the probe adds to the findings is its unpinned build image.
    const without = new DockerfilePolicy().lint(new DistrolessDockerfile(props).render());
    expect(result.warningCount).toBe(without.warningCount + 1);
  });
});

describe('packaging', () => {
  test('the npm package ships the probe source where the generator reads it', () => {
    const root = path.join(__dirname, '..', '..');
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const files: string[] = JSON.parse(r.stdout)[0].files.map((f: { path: string }) => f.path);
    expect(files).toContain(path.relative(root, PROBE_C));
  }, 60_000);
});

describe('healthProbe rejections', () => {
  test('fails if healthProbe is not a boolean', () => {
    expect(() => new DistrolessDockerfile({ runtime: Runtime.go(), healthProbe: 'yes' as unknown as boolean }))
      .toThrow(/DistrolessDockerfile: healthProbe must be true or false, got "yes"\./);
  });

  test.each(['/cdk-distroless', '/cdk-distroless/probe'])('fails if a writable path (%s) holds the probe', (w) => {
    expect(() => withProbe({ runtime: Runtime.go(), writablePaths: ['/tmp', w] }))
      .toThrow(`DistrolessDockerfile: writablePaths entry "${w}" holds the health probe /cdk-distroless/probe: a volume there would hide it, `
        + 'or let the application replace it. Choose a writable path outside /cdk-distroless.');
    expect(() => new DistrolessDockerfile({ runtime: Runtime.go(), writablePaths: [w] })).not.toThrow();
  });

  test('fails if healthProbeBuilderImage is set without healthProbe', () => {
    expect(() => new DistrolessDockerfile({ runtime: Runtime.go(), healthProbeBuilderImage: BaseImage.gcc() }))
      .toThrow(/healthProbeBuilderImage gcc:14 is set but healthProbe is not, so nothing would use it\. Set healthProbe: true, or remove healthProbeBuilderImage\./);
  });

  test('fails if healthProbeBuilderImage has no shell', () => {
    expect(() => withProbe({ runtime: Runtime.go(), healthProbeBuilderImage: BaseImage.googleStatic() }))
      .toThrow(/DistrolessDockerfile: healthProbeBuilderImage gcr\.io\/distroless\/static-debian13:nonroot has no shell/);
  });

  test('fails if healthProbeBuilderImage is not a BaseImage', () => {
    expect(() => withProbe({ runtime: Runtime.go(), healthProbeBuilderImage: 'gcc:14' as unknown as BaseImage }))
      .toThrow(/DistrolessDockerfile: healthProbeBuilderImage/);
  });
});
