import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { EXAMPLE_CONTEXT, FAILING_ECS_EXAMPLES } from '../../examples/ecs/app';
import { synthCdkApp } from '../../examples/example';

describe('the failing ECS example (a hand-written Dockerfile)', () => {
  test('fails at construction with the policy\'s single message', () => {
    const app = new App({ context: EXAMPLE_CONTEXT });
    expect(() => FAILING_ECS_EXAMPLES['legacy-dockerfile'](app)).toThrow(/DistrolessImage.fromDockerfile: .*legacy\/Dockerfile fails the Dockerfile policy:\n/);
  });

  test('fails `cdk synth` through the real CLI, naming every problem', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cdl-legacy-'));
    try {
      expect(() => synthCdkApp('legacy-dockerfile', out)).toThrow(/cdk synth of legacy-dockerfile failed:[\s\S]*fails the Dockerfile policy[\s\S]*CDL\d{3}[\s\S]*CDL\d{3}/);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});
