// Synthesizes every example into examples-out/<name>/ (or into the folder given as argument).
// Run with `npm run examples`.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { EXAMPLES } from './index';

function main(): void {
  const outRoot = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'examples-out'));
  for (const example of EXAMPLES) {
    const dir = path.join(outRoot, example.name);
    const files = example.synth(dir);
    console.log(`${example.name.padEnd(18)} ${path.relative(process.cwd(), dir) || '.'}: ${files.map(f => path.basename(f)).join(', ')} (${example.description})`);
  }
  synthKubernetes(path.join(outRoot, 'kubernetes'));
}

/** The cdk8s app in examples/kubernetes, through the real cdk8s CLI (`cdk8s synth`). */
function synthKubernetes(dir: string): void {
  const root = path.join(__dirname, '..');
  // cdk8s-cli quotes the app command as a whole: no quotes inside, paths relative to the root.
  const tsNode = `${process.execPath} ${path.relative(root, require.resolve('ts-node/dist/bin'))} --prefer-ts-exts --project test/tsconfig.json`;
  execFileSync(process.execPath, [path.join(path.dirname(require.resolve('cdk8s-cli/package.json')), 'bin', 'cdk8s'), 'synth', '--no-check-upgrade',
    '--app', `${tsNode} examples/kubernetes/main.ts`, '--output', dir], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const files = fs.readdirSync(dir).filter(f => f.endsWith('.k8s.yaml'));
  console.log(`${'kubernetes'.padEnd(18)} ${path.relative(process.cwd(), dir) || '.'}: ${files.join(', ')}, images/ (cdk8s synth: web service and cron job)`);
}

main();
