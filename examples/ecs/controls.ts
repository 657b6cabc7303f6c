/**
 * AWS Control Tower proactive controls (cfn-guard rules of @cdklabs/cdk-validator-cfnguard) that the
 * constructs do not pass, each with why. Every other rule passes, CT.ECS.PR.1-12 among them.
 * `always`: every stack with a load balancer or a job fails it, so the examples' app disables it;
 * otherwise only the option named in `resource` fails it. README "Controls not covered" lists them.
 */
export interface ControlNotCovered {
  /** Control Tower control id, e.g. CT.S3.PR.10. */
  readonly control: string;
  /** The guard file name (what CfnGuardValidator's disabledRules takes). */
  readonly file: string;
  /** The rule name cfn-guard reports. */
  readonly rule: string;
  readonly resource: string;
  readonly why: string;
  readonly always: boolean;
}

export const CONTROLS_NOT_COVERED: ReadonlyArray<ControlNotCovered> = [
  {
    control: 'CT.S3.PR.10',
    file: 'ct-s3-pr-10',
    rule: 's3_bucket_default_encryption_kms_check',
    always: true,
    resource: 'access-log bucket (ALB/NLB ingress)',
    why: 'Elastic Load Balancing delivers access logs only to buckets encrypted with S3-managed keys (SSE-S3), not SSE-KMS.',
  },
  {
    control: 'CT.S3.PR.2',
    file: 'ct-s3-pr-2',
    rule: 's3_bucket_logging_enabled_check',
    always: true,
    resource: 'access-log bucket (ALB/NLB ingress)',
    why: 'It is the log bucket: logging its own access needs another bucket, which would need one too.',
  },
  {
    control: 'CT.S3.PR.4',
    file: 'ct-s3-pr-4',
    rule: 's3_event_notifications_enabled_check',
    always: true,
    resource: 'access-log bucket (ALB/NLB ingress)',
    why: 'Nothing consumes new access-log objects; a notification needs a destination somebody reads.',
  },
  {
    control: 'CT.SQS.PR.1',
    file: 'ct-sqs-pr-1',
    rule: 'sqs_dlq_check',
    always: true,
    resource: 'job dead-letter queue',
    why: 'The queue is itself the dead-letter queue of the schedule and of failed-task events; an alarm watches it.',
  },
  {
    control: 'CT.ELASTICLOADBALANCING.PR.1',
    file: 'ct-elasticloadbalancing-pr-1',
    rule: 'alb_http_to_https_redirection_check',
    always: false,
    resource: 'Ingress.httpAlb({ reason })',
    why: 'Plain HTTP without a redirect to HTTPS is what httpAlb means; the reason the user gave is in the template metadata.',
  },
  {
    control: 'CT.EC2.PR.3',
    file: 'ct-ec2-pr-3',
    rule: 'vpc_sg_open_only_to_authorized_ports_check',
    always: false,
    resource: 'Ingress.nlb({ internal: false }) on a port other than 80 or 443',
    why: 'An internet-facing NLB must accept its listener port from anywhere; the control allows only 80 and 443.',
  },
  {
    control: 'CT.EC2.PR.4',
    file: 'ct-ec2-pr-4',
    rule: 'vpc_sg_restricted_common_ports_check',
    always: false,
    resource: 'Ingress.nlb({ internal: false }) on a common service port (e.g. 8080, 3389)',
    why: 'As above: the listener port is what the user chose to expose to the internet.',
  },
];
