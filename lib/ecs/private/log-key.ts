import { aws_iam as iam, aws_kms as kms, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** One KMS key per stack that encrypts the log groups our constructs create (rotation on). */
export function logEncryptionKey(scope: Construct): kms.IKey {
  const stack = Stack.of(scope);
  const id = 'CdkDistrolessLogKey';
  const existing = stack.node.tryFindChild(id) as kms.Key | undefined;
  if (existing) { return existing; }
  const key = new kms.Key(stack, id, {
    description: 'Encrypts the CloudWatch Logs log groups of cdk-distroless workloads',
    enableKeyRotation: true,
  });
  // CloudWatch Logs encrypts with the key on behalf of this account's log groups only.
  key.addToResourcePolicy(new iam.PolicyStatement({
    principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
    actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    resources: ['*'],
    conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:*` } },
  }));
  // Grants only for AWS services acting on AWS resources (CT.KMS.PR.3).
  key.addToResourcePolicy(new iam.PolicyStatement({
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['kms:CreateGrant'],
    resources: ['*'],
    conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
  }));
  return key;
}
