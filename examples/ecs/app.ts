// The CDK app of the ECS examples, for the real `cdk` CLI:
//   cdk synth --app "ts-node examples/ecs/app.ts web-service"
// Every stack is checked at synth by AWS Control Tower's proactive controls (cfn-guard, offline)
// and cdk-nag's AwsSolutions pack; a violation fails the synth.
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NagPack } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { CONTROLS_NOT_COVERED } from './controls';
import { legacyDockerfileStack } from './legacy-dockerfile';
import { nightlyJobStack } from './nightly-job';
import { webServiceStack } from './web-service';

/** A fixed environment: synth needs no credentials and no lookups. */
export const EXAMPLE_ENV = { account: '111111111111', region: 'eu-west-1' };

/** What `cdk.context.json` would cache after one lookup: the AZs of the fixed environment. */
export const EXAMPLE_CONTEXT = {
  'availability-zones:account=111111111111:region=eu-west-1': ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
};

export const ECS_EXAMPLES: { [name: string]: (app: App) => void } = {
  'web-service': app => webServiceStack(app, { env: EXAMPLE_ENV }),
  'nightly-job': app => nightlyJobStack(app, { env: EXAMPLE_ENV }),
};

/** Fails the policy on purpose; not part of `npm run examples`. */
export const FAILING_ECS_EXAMPLES: { [name: string]: (app: App) => void } = {
  'legacy-dockerfile': app => legacyDockerfileStack(app, { env: EXAMPLE_ENV }),
};

/**
 * cdk-nag 3 as a validation plugin. aws-cdk-lib 2.257 gives plugins no construct tree, so this
 * hands the app to `validateScope`, which honours `Validations.acknowledge()`.
 */
class NagValidation implements IPolicyValidationPlugin {
  public readonly name: string;
  constructor(private readonly root: IConstruct, private readonly pack: NagPack) {
    this.name = pack.readPackName;
  }
  public validate(_context: IPolicyValidationContext): PolicyValidationPluginReport {
    return this.pack.validateScope(this.root);
  }
}

/** Adds cfn-guard (Control Tower rules) and cdk-nag AwsSolutions to an app. */
export function addPolicyChecks(app: App): void {
  Validations.of(app).addPlugins(
    new CfnGuardValidator({ disabledRules: CONTROLS_NOT_COVERED.filter(c => c.always).map(c => c.file) }),
    new NagValidation(app, new AwsSolutionsChecks(app)),
  );
}

function main(): void {
  const name = process.argv[2];
  const make = ECS_EXAMPLES[name] ?? FAILING_ECS_EXAMPLES[name];
  if (!make) {
    throw new Error(`examples/ecs/app.ts: unknown example ${JSON.stringify(name)}; one of ${[...Object.keys(ECS_EXAMPLES), ...Object.keys(FAILING_ECS_EXAMPLES)].join(', ')}.`);
  }
  const app = new App({ context: EXAMPLE_CONTEXT });
  addPolicyChecks(app);
  make(app);
  app.synth();
}

if (require.main === module) {
  main();
}
