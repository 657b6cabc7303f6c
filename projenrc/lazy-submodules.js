// Post-compile: turns `exports.<name> = __importStar(require("./<name>"))`, which tsc emits for
// `export * as <name> from './<name>'`, into a lazy getter, so that requiring the package loads a
// framework submodule (and its peer, aws-cdk-lib or cdk8s) only when it is first used. jsii keeps
// seeing the plain re-export in lib/index.ts; aws-cdk-lib loads its own submodules the same way.
// Usage: node projenrc/lazy-submodules.js lib/index.js ecs kubernetes
'use strict';
const fs = require('fs');

const [file, ...names] = process.argv.slice(2);
let js = fs.readFileSync(file, 'utf8');
for (const name of names) {
  const eager = new RegExp(`^exports\\.${name} = (__importStar\\(require\\("\\./${name}"\\)\\));$`, 'm');
  const match = eager.exec(js);
  if (!match) {
    if (js.includes(`get: () => __importStar(require("./${name}"))`)) { continue; } // already lazy
    if (!fs.existsSync(require('path').join(require('path').dirname(file), name))) { continue; } // not built here
    throw new Error(`lazy-submodules: ${file} has no eager export of ./${name} in the form tsc emits; check the compiled output`);
  }
  js = js.replace(eager, `Object.defineProperty(exports, "${name}", { enumerable: true, configurable: true, get: () => ${match[1]} });`);
}
fs.writeFileSync(file, js);
