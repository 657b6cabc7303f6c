import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DistrolessImage, RegistryImageOptions, Runtime, Workload, WorkloadProps } from '../../lib';

export const DIGEST = `sha256:${'a'.repeat(64)}`;
export const REF = `registry.example.com/team/api@${DIGEST}`;

/** A workload on a registry image pinned by digest, listening on 8080. */
export function registryWorkload(props: Partial<WorkloadProps> = {}, imageOptions: Partial<RegistryImageOptions> = {}): Workload {
  return new Workload({
    image: DistrolessImage.fromRegistry(REF, { user: { uid: 65532, gid: 65532 }, ports: [8080], ...imageOptions }),
    ...props,
  });
}

/** A Go app folder and a workload built from it. */
export function sourceWorkload(props: Partial<WorkloadProps> = {}): Workload {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdl-k8s-app-'));
  fs.writeFileSync(path.join(dir, 'go.mod'), 'module example.com/app\n\ngo 1.19\n');
  fs.writeFileSync(path.join(dir, 'main.go'), 'package main\n\nfunc main() {}\n');
  return new Workload({
    image: DistrolessImage.fromSource(dir, { runtime: Runtime.go(), exposedPorts: [8080] }),
    ...props,
  });
}

/** The one object of `kind` in `objects`. */
export function one(objects: any[], kind: string): any {
  const found = objects.filter(o => o.kind === kind);
  if (found.length !== 1) { throw new Error(`expected one ${kind}, found ${found.length} in ${objects.map(o => o.kind).join(', ')}`); }
  return found[0];
}
