import { aws_s3 as s3, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/**
 * One access-log bucket per stack for every load balancer our services create: S3-managed
 * encryption (the only kind ELB log delivery supports), TLS only, no public access, versioned.
 */
export function accessLogBucket(scope: Construct): s3.IBucket {
  const stack = Stack.of(scope);
  const id = 'CdkDistrolessAccessLogs';
  const existing = stack.node.tryFindChild(id) as s3.Bucket | undefined;
  if (existing) { return existing; }
  const bucket = new s3.Bucket(stack, id, {
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    versioned: true,
    objectLockEnabled: true,
    objectLockDefaultRetention: s3.ObjectLockRetention.governance(Duration.days(90)),
    lifecycleRules: [{ expiration: Duration.days(365), noncurrentVersionExpiration: Duration.days(30) }],
    removalPolicy: RemovalPolicy.RETAIN,
  });
  Validations.of(bucket).acknowledge({
    id: 'AwsSolutions-S1',
    reason: 'This bucket is the destination of the load balancers\' access logs; logging its own access would need a further bucket (and so on).',
  });
  return bucket;
}
