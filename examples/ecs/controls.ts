/**
 * AWS Control Tower proactive controls (cfn-guard rules of @cdklabs/cdk-validator-cfnguard) that the
 * example stacks do not pass, each with why. Every other rule passes, CT.ECS.PR.1-12 among them.
 * The examples' app disables exactly these; README "Controls not covered" lists them.
 */
export const CONTROLS_NOT_COVERED: ReadonlyArray<{ readonly rule: string; readonly resource: string; readonly why: string }> = [
  {
    rule: 's3_bucket_default_encryption_kms_check',
    resource: 'access-log bucket',
    why: 'Elastic Load Balancing delivers access logs only to buckets encrypted with S3-managed keys (SSE-S3), not KMS.',
  },
  {
    rule: 's3_bucket_logging_enabled_check',
    resource: 'access-log bucket',
    why: 'It is the log bucket: logging its own access needs another bucket, which would need one too. Pass your organisation\'s log bucket setup if you have one.',
  },
  {
    rule: 's3_event_notifications_enabled_check',
    resource: 'access-log bucket',
    why: 'Nothing consumes new access-log objects; notifications would need a destination nobody reads.',
  },
  {
    rule: 'sqs_dlq_check',
    resource: 'job dead-letter queue',
    why: 'The queue is itself the dead-letter queue of the schedule and of failed-task events; an alarm watches it.',
  },
];
