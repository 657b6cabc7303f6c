/* eslint-disable @typescript-eslint/no-explicit-any */
import { PostureCheck, PostureReport } from '../../lib/posture';

export const DIGEST = `sha256:${'ab'.repeat(32)}`;
export const IMAGE = `registry.example.com/app:1.0.0@${DIGEST}`;

/** A PodSpec that passes every rule (Pod Security Standards restricted and ours). */
export function compliantPodSpec(): any {
  return {
    securityContext: { runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [{
      name: 'app',
      image: IMAGE,
      ports: [{ containerPort: 8080 }],
      securityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
      livenessProbe: { httpGet: { path: '/healthz', port: 8080 } },
      volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
    }],
    volumes: [{ name: 'tmp', emptyDir: {} }],
  };
}

/** Every pod-bearing kind, with where its pod spec sits. */
export const POD_KINDS: Array<{ kind: string; apiVersion: string; wrap: (spec: any, meta?: any) => any; podPath: string[] }> = [
  { kind: 'Pod', apiVersion: 'v1', podPath: ['spec'], wrap: (spec, meta = {}) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x', ...meta }, spec }) },
  ...['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'].map(kind => ({
    kind,
    apiVersion: 'apps/v1',
    podPath: ['spec', 'template', 'spec'],
    wrap: (spec: any, meta: any = {}) => ({ apiVersion: 'apps/v1', kind, metadata: { name: 'x' }, spec: { selector: { matchLabels: { app: 'x' } }, template: { metadata: { labels: { app: 'x' }, ...meta }, spec } } }),
  })),
  { kind: 'ReplicationController', apiVersion: 'v1', podPath: ['spec', 'template', 'spec'], wrap: (spec, meta = {}) => ({ apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'x' }, spec: { template: { metadata: meta, spec } } }) },
  { kind: 'Job', apiVersion: 'batch/v1', podPath: ['spec', 'template', 'spec'], wrap: (spec, meta = {}) => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'x' }, spec: { template: { metadata: meta, spec: { restartPolicy: 'Never', ...spec } } } }) },
  { kind: 'CronJob', apiVersion: 'batch/v1', podPath: ['spec', 'jobTemplate', 'spec', 'template', 'spec'], wrap: (spec, meta = {}) => ({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'x' }, spec: { schedule: '0 * * * *', jobTemplate: { spec: { template: { metadata: meta, spec: { restartPolicy: 'Never', ...spec } } } } } }) },
  { kind: 'PodTemplate', apiVersion: 'v1', podPath: ['template', 'spec'], wrap: (spec, meta = {}) => ({ apiVersion: 'v1', kind: 'PodTemplate', metadata: { name: 'x' }, template: { metadata: meta, spec } }) },
];

export function deployment(spec: any = compliantPodSpec(), meta: any = {}): any {
  return POD_KINDS[1].wrap(spec, meta);
}

/** A task definition and a service that pass every rule. */
export function compliantTemplate(): any {
  return {
    Resources: {
      TaskDef: {
        Type: 'AWS::ECS::TaskDefinition',
        Properties: {
          NetworkMode: 'awsvpc',
          RequiresCompatibilities: ['FARGATE'],
          Cpu: '256',
          Memory: '512',
          ContainerDefinitions: [{
            Name: 'app',
            Image: IMAGE,
            Essential: true,
            ReadonlyRootFilesystem: true,
            User: '65532:65532',
            LinuxParameters: { Capabilities: { Drop: ['ALL'] } },
            LogConfiguration: { LogDriver: 'awslogs', Options: { 'awslogs-group': { Ref: 'Logs' }, 'awslogs-stream-prefix': 'app', 'awslogs-region': 'eu-west-1' } },
            PortMappings: [{ ContainerPort: 8080, Protocol: 'tcp' }],
            Environment: [{ Name: 'DB_PASSWORD_FILE', Value: '/run/secrets/db' }],
          }],
        },
      },
      Service: {
        Type: 'AWS::ECS::Service',
        Properties: {
          TaskDefinition: { Ref: 'TaskDef' },
          NetworkConfiguration: { AwsvpcConfiguration: { AssignPublicIp: 'DISABLED', Subnets: [{ Ref: 'Subnet' }] } },
        },
      },
    },
  };
}

/** The container definition of compliantTemplate(). */
export function container(t: any): any {
  return t.Resources.TaskDef.Properties.ContainerDefinitions[0];
}

/** Unsuppressed rule ids of a report, sorted and unique. */
export function ids(report: PostureReport): string[] {
  return [...new Set(report.findings.filter(f => !f.suppressed).map(f => f.ruleId))].sort();
}

export function check(objects: any[]): PostureReport {
  return new PostureCheck().checkObjects(objects);
}
