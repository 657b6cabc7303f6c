// Synthesizes every example into examples-out/<name>/ (or into the folder given as argument).
// Run with `npm run examples`.
import * as path from 'path';
import { EXAMPLES } from './index';

function main(): void {
  const outRoot = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'examples-out'));
  for (const example of EXAMPLES) {
    const dir = path.join(outRoot, example.name);
    const files = example.synth(dir);
    console.log(`${example.name.padEnd(18)} ${path.relative(process.cwd(), dir) || '.'}: ${files.map(f => path.basename(f)).join(', ')} (${example.description})`);
  }
}

main();
