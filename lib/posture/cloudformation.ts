/**
 * Finds ECS task definitions and services in CloudFormation templates. Internal: not exported from lib/index.ts.
 */
import { AssetImage, ContainerRef, Path, ServiceTarget, TaskTarget } from './model';
import { imageInfo } from './rules/image-ref';
import { arr, get, isIntrinsic, isObject, show } from './values';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** Whether a document is a CloudFormation template rather than a Kubernetes object. */
export function isTemplate(value: any): boolean {
  return isObject(value) && (get(value, 'AWSTemplateFormatVersion') !== undefined
    || (get(value, 'Resources') !== undefined && get(value, 'kind') === undefined && get(value, 'apiVersion') === undefined));
}

/** One resource of interest, with its construct path. */
export interface TemplateResource<T> {
  readonly target: T;
  readonly resource: any;
  readonly constructPath?: string;
}

export interface TemplateWorkloads {
  readonly tasks: Array<TemplateResource<TaskTarget>>;
  readonly services: Array<TemplateResource<ServiceTarget>>;
  /** Shape problems and whole-list intrinsics (CDP001). */
  readonly problems: Array<{ logicalId: string; path: Path; message: string; unknown: boolean; constructPath?: string }>;
}

/** Looks up the Docker asset a container's image is built from, if any. */
export type AssetLookup = (tag: string) => AssetImage | undefined;

export function workloadsOf(template: any, assets: AssetLookup | undefined): TemplateWorkloads {
  const out: TemplateWorkloads = { tasks: [], services: [], problems: [] };
  const resources = get(template, 'Resources');
  if (!isObject(resources)) {
    out.problems.push({ logicalId: '', path: ['Resources'], unknown: false, message: `the template's Resources is ${show(resources)}, not a map of resources, so nothing can be checked.` });
    return out;
  }
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!isObject(resource)) { continue; }
    const type = get(resource, 'Type');
    if (type !== 'AWS::ECS::TaskDefinition' && type !== 'AWS::ECS::Service') { continue; }
    const meta = get(resource, 'Metadata');
    const cp = get(meta, 'aws:cdk:path');
    const constructPath = typeof cp === 'string' ? cp : undefined;
    const props = get(resource, 'Properties') ?? {};
    const propsPath: Path = ['Resources', logicalId, 'Properties'];
    if (!isObject(props)) {
      out.problems.push({
        logicalId,
        constructPath,
        path: propsPath,
        unknown: isIntrinsic(props),
        message: `${type} ${logicalId} has Properties ${show(props)}${isIntrinsic(props) ? ', decided only at deploy time' : ', not an object'}, so it cannot be checked.`,
      });
      continue;
    }
    if (type === 'AWS::ECS::Service') {
      out.services.push({ resource, constructPath, target: { logicalId, props, propsPath } });
      continue;
    }
    const defs = get(props, 'ContainerDefinitions');
    const containers: ContainerRef[] = [];
    if (isIntrinsic(defs)) {
      out.problems.push({
        logicalId,
        constructPath,
        path: [...propsPath, 'ContainerDefinitions'],
        unknown: true,
        message: `task definition ${logicalId} has ContainerDefinitions ${show(defs)}, decided only at deploy time, so none of its containers can be checked.`,
      });
    } else if (defs !== undefined && !Array.isArray(defs)) {
      out.problems.push({
        logicalId,
        constructPath,
        path: [...propsPath, 'ContainerDefinitions'],
        unknown: false,
        message: `task definition ${logicalId} has ContainerDefinitions ${show(defs)}, not a list, so its containers cannot be checked.`,
      });
    } else {
      arr(defs).forEach((c, i) => {
        const path = [...propsPath, 'ContainerDefinitions', i];
        if (!isObject(c) || isIntrinsic(c)) {
          out.problems.push({
            logicalId,
            constructPath,
            path,
            unknown: isIntrinsic(c),
            message: `task definition ${logicalId} container ${i} is ${show(c)}${isIntrinsic(c) ? ', decided only at deploy time' : ', not an object'}, so it cannot be checked.`,
          });
          return;
        }
        const name = get(c, 'Name');
        containers.push({ name: typeof name === 'string' && name ? name : `#${i}`, spec: c, path, group: 'containers' });
      });
    }
    const compat = get(props, 'RequiresCompatibilities');
    out.tasks.push({
      resource,
      constructPath,
      target: {
        logicalId,
        props,
        propsPath,
        containers,
        fargate: arr(compat).includes('FARGATE'),
        assetOf: c => {
          if (!assets) { return undefined; }
          const img = imageInfo(get(c.spec, 'Image'));
          return img.kind === 'asset' && img.tag ? assets(img.tag) : undefined;
        },
      },
    });
  }
  return out;
}
