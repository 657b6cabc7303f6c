/**
 * Reads a CDK cloud assembly (cdk.out): its stack templates and Docker image assets.
 * Internal: not exported from lib/index.ts.
 */
import * as fs from 'fs';
import * as path from 'path';
import { AssetImage } from './model';
import { DockerfilePolicy } from '../policy/dockerfile-policy';
import { Severity } from '../policy/finding';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** Docker image assets by ECR tag and by asset hash, with their Dockerfiles linted on first use. */
export class AssetIndex {
  private readonly entries = new Map<string, { hash: string; dockerfile: string }>();
  private readonly linted = new Map<string, AssetImage>();

  constructor(private readonly policy: DockerfilePolicy) {}

  /** Adds the docker images of an asset manifest (`<Stack>.assets.json`); unreadable manifests add nothing. */
  public addManifest(file: string): void {
    let manifest: any;
    try {
      manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch {
      return;
    }
    const images = manifest?.dockerImages;
    if (typeof images !== 'object' || images === null) { return; }
    const dir = path.dirname(file);
    for (const [hash, image] of Object.entries<any>(images)) {
      const source = image?.source;
      if (typeof source?.directory !== 'string') { continue; }
      const dockerfile = path.join(dir, source.directory, typeof source.dockerFile === 'string' ? source.dockerFile : 'Dockerfile');
      const entry = { hash, dockerfile };
      this.entries.set(hash, entry);
      for (const dest of Object.values<any>(image.destinations ?? {})) {
        if (typeof dest?.imageTag === 'string') { this.entries.set(dest.imageTag, entry); }
      }
    }
  }

  /** Adds every `*.assets.json` in a folder. */
  public addFolder(dir: string): void {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names.sort()) {
      if (name.endsWith('.assets.json')) { this.addManifest(path.join(dir, name)); }
    }
  }

  /** The asset an image tag names, with its Dockerfile's findings; undefined when the tag is no asset of this assembly. */
  public lookup(tag: string): AssetImage | undefined {
    const entry = this.entries.get(tag);
    if (!entry) { return undefined; }
    const cached = this.linted.get(entry.dockerfile);
    if (cached) { return cached; }
    let result: AssetImage;
    let content: string | undefined;
    try {
      content = fs.readFileSync(entry.dockerfile, 'utf8');
    } catch {
      content = undefined;
    }
    const shown = path.relative(process.cwd(), entry.dockerfile) || entry.dockerfile;
    if (content === undefined) {
      result = { hash: entry.hash, dockerfile: shown, found: false, errors: [], warnings: [] };
    } else {
      const lint = this.policy.lint(content, shown);
      const line = (f: { ruleId: string; line: number; message: string }) => `${f.ruleId} line ${f.line}: ${f.message}`;
      result = {
        hash: entry.hash,
        dockerfile: shown,
        found: true,
        errors: lint.findings.filter(f => !f.suppressed && f.level === Severity.ERROR).map(line),
        warnings: lint.findings.filter(f => !f.suppressed && f.level === Severity.WARNING).map(line),
      };
    }
    this.linted.set(entry.dockerfile, result);
    return result;
  }

  public get size(): number {
    return this.entries.size;
  }
}

/** The template files of a cloud assembly, nested assemblies (stages) included, in manifest order. */
export function assemblyTemplates(dir: string, depth = 0): string[] {
  let manifest: any;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  } catch (e) {
    throw new Error(`cannot read the cloud assembly manifest ${path.join(dir, 'manifest.json')}: ${(e as Error).message}`);
  }
  const out: string[] = [];
  for (const artifact of Object.values<any>(manifest?.artifacts ?? {})) {
    if (artifact?.type === 'aws:cloudformation:stack' && typeof artifact.properties?.templateFile === 'string') {
      out.push(path.join(dir, artifact.properties.templateFile));
    } else if (artifact?.type === 'cdk:cloud-assembly' && typeof artifact.properties?.directoryName === 'string' && depth < 10) {
      out.push(...assemblyTemplates(path.join(dir, artifact.properties.directoryName), depth + 1));
    }
  }
  return [...out, ...nestedTemplates(dir).filter(t => !out.includes(t))];
}

/** Nested stack templates (`*.nested.template.json`) of an assembly folder: the manifest lists only their parents. */
export function nestedTemplates(dir: string): string[] {
  try {
    return fs.readdirSync(dir).filter(n => n.endsWith('.nested.template.json')).sort().map(n => path.join(dir, n));
  } catch {
    return [];
  }
}
