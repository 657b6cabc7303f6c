import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { DistrolessDockerfile } from '../lib';

/** One example: a name (its folder under examples-out/) and how to synthesize it into a folder. */
export interface Example {
  readonly name: string;
  readonly description: string;
  /** 'dockerfile': a generated Dockerfile; 'cdk': a CDK app synthesized by the `cdk` CLI. */
  readonly kind: 'dockerfile' | 'cdk';
  /** Writes the example's files into `outdir` and returns the paths written. */
  synth(outdir: string): string[];
}

/** An example that writes a generated Dockerfile and .dockerignore. */
export function dockerfileExample(name: string, description: string, make: () => DistrolessDockerfile): Example {
  return {
    name,
    description,
    kind: 'dockerfile',
    synth(outdir: string): string[] {
      make().writeTo(outdir, { overwrite: true });
      return ['Dockerfile', '.dockerignore'].map(f => path.join(outdir, f)).filter(f => fs.existsSync(f));
    },
  };
}

const ROOT = path.join(__dirname, '..');

/**
 * A CDK app of examples/ecs/app.ts synthesized by the real `cdk` CLI into `outdir` (a cloud
 * assembly), with cfn-guard and cdk-nag run as validation plugins. A fixed account and region:
 * no credentials needed. Throws with the CLI's output when synth fails.
 */
export function cdkExample(name: string, description: string, appName: string = name): Example {
  return {
    name,
    description,
    kind: 'cdk',
    synth(outdir: string): string[] {
      fs.rmSync(outdir, { recursive: true, force: true });
      return synthCdkApp(appName, outdir);
    },
  };
}

/** Runs `cdk synth` on one app of examples/ecs/app.ts; returns the templates written. */
export function synthCdkApp(appName: string, outdir: string): string[] {
  const tsNode = `${JSON.stringify(process.execPath)} ${JSON.stringify(require.resolve('ts-node/dist/bin'))} --prefer-ts-exts --transpile-only --project test/tsconfig.json`;
  const cli = require.resolve('aws-cdk/bin/cdk');
  try {
    execFileSync(process.execPath, [cli, 'synth', '--app', `${tsNode} examples/ecs/app.ts ${appName}`, '--output', outdir,
      '--quiet', '--no-notices', '--no-version-reporting'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      // No credentials and no instance metadata: synth must need neither.
      env: { ...process.env, AWS_EC2_METADATA_DISABLED: 'true', AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: '' },
    });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`cdk synth of ${appName} failed:\n${err.stdout ?? ''}${err.stderr ?? err.message}`);
  }
  // The CLI can exit 0 although the app reported failed validations: read the report too.
  const reportFile = path.join(outdir, 'policy-validation-report.json');
  const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as { pluginReports: Array<{ summary: { pluginName: string; status: string }; violations: Array<{ ruleName: string }> }> };
  const failed = report.pluginReports.filter(r => r.summary.status !== 'success');
  if (failed.length > 0) {
    throw new Error(`cdk synth of ${appName}: policy validation failed: ${failed.map(r => `${r.summary.pluginName}: ${r.violations.map(v => v.ruleName).join(', ')}`).join('; ')} (${reportFile})`);
  }
  return fs.readdirSync(outdir).filter(f => f.endsWith('.template.json')).map(f => path.join(outdir, f));
}
