import { aws_ecs as ecs, aws_secretsmanager as secretsmanager, aws_ssm as ssm } from 'aws-cdk-lib';

/**
 * A secret handed to the container as an environment variable, from AWS Secrets Manager or SSM
 * Parameter Store only: its value never appears in the template. The task's execution role is
 * granted read access to it.
 */
export class Secret {
  /**
   * A Secrets Manager secret, whole or one JSON field of it.
   * @param field a JSON key of the secret's value
   */
  public static fromSecretsManager(secret: secretsmanager.ISecret, field?: string): Secret {
    return new Secret(ecs.Secret.fromSecretsManager(secret, field));
  }

  /** An SSM Parameter Store parameter (use a SecureString parameter for sensitive values). */
  public static fromSsmParameter(parameter: ssm.IParameter): Secret {
    return new Secret(ecs.Secret.fromSsmParameter(parameter));
  }

  /** @internal */
  public readonly _secret: ecs.Secret;

  private constructor(secret: ecs.Secret) {
    this._secret = secret;
  }
}
