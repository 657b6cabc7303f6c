// Adoption example: check an app that uses none of cdk-distroless's constructs, before and after fixing it by hand.
// Run with `npm run examples:adoption` (or `npm run examples:adoption -- fixed`). Not part of `npm run examples`,
// which holds only apps meant to pass.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fixedEcsApp, stockEcsApp } from './ecs-app';
import { fixedChart, stockChart } from './k8s-app';
import { kubernetes, PostureCheck } from '../../lib';

function main(): void {
  const which = process.argv[2] === 'fixed' ? 'fixed' : 'stock';
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdl-adoption-'));
  try {
    const app = which === 'fixed' ? fixedEcsApp(outdir) : stockEcsApp(outdir);
    app.synth();
    console.log(`== ECS (${which}): cdk-distroless check cdk.out`);
    console.log(PostureCheck.format(new PostureCheck().checkPath(outdir)).split(outdir + path.sep).join('cdk.out/'));
    console.log(`\n== Kubernetes (${which}): KubernetesPosture.check(chart)`);
    console.log(PostureCheck.format(kubernetes.KubernetesPosture.check(which === 'fixed' ? fixedChart() : stockChart())));
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

main();
