import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EXAMPLES } from '../examples';

describe('examples', () => {
  const outRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'cdl-examples-'));
  afterAll(() => fs.rmSync(outRoot, { recursive: true, force: true }));

  test('names are unique folder names', () => {
    const names = EXAMPLES.map(e => e.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) { expect(name).toMatch(/^[a-z0-9][a-z0-9-]*$/); }
  });

  test('there is an example for every runtime', () => {
    const runtimes = new Set<string>();
    for (const example of EXAMPLES.filter(e => e.kind === 'dockerfile')) {
      const dir = path.join(outRoot, 'runtimes', example.name);
      example.synth(dir);
      const header = fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8').split('\n')[1];
      runtimes.add(/for the (\S+) runtime/.exec(header)![1]);
    }
    expect([...runtimes].sort()).toEqual(['cpp', 'dotnet', 'go', 'java-jar', 'java-jlink', 'nodejs', 'python', 'rust', 'static-binary']);
  });

  test.each(EXAMPLES.filter(e => e.kind === 'dockerfile').map(e => [e.name, e] as const))('%s synthesizes a Dockerfile and a .dockerignore', (name, example) => {
    const dir = path.join(outRoot, name);
    const written = example.synth(dir);
    expect(written.map(f => path.basename(f)).sort()).toEqual(['.dockerignore', 'Dockerfile']);
    const dockerfile = fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
    expect(dockerfile.startsWith('# syntax=docker/dockerfile:1\n')).toBe(true);
    expect(dockerfile).toMatch(/^USER [1-9]\d*:\d+$/m);
    expect(fs.readFileSync(path.join(dir, '.dockerignore'), 'utf8')).toContain('\n.git\n');
  });

  test('npm run examples: synth.ts writes every example and prints a line each', () => {
    const out = path.join(outRoot, 'synth');
    const root = path.join(__dirname, '..');
    const stdout = execFileSync(process.execPath, [require.resolve('ts-node/dist/bin'), '--project', 'test/tsconfig.json', 'examples/synth.ts', out], { cwd: root, encoding: 'utf8' });
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(EXAMPLES.length + 1);
    for (const example of EXAMPLES) {
      expect(lines.some(l => l.startsWith(`${example.name} `))).toBe(true);
      const dir = path.join(out, example.name);
      if (example.kind === 'cdk') {
        expect(fs.readdirSync(dir).some(f => f.endsWith('.template.json'))).toBe(true);
      } else {
        expect(fs.existsSync(path.join(dir, 'Dockerfile'))).toBe(true);
        expect(fs.existsSync(path.join(dir, '.dockerignore'))).toBe(true);
      }
    }
    // the Kubernetes examples, through the cdk8s CLI
    expect(lines[lines.length - 1]).toMatch(/^kubernetes .*cron-job\.k8s\.yaml, web-service\.k8s\.yaml/);
    expect(fs.readdirSync(path.join(out, 'kubernetes', 'images'))).toHaveLength(1);
  }, 300_000);
});
