/**
 * What the final image of a Dockerfile will be, read from the policy's analysis (the same parse and
 * the same stage chain the rules see): user, volumes, ports, entrypoint and command, environment,
 * workdir, and the build secrets it mounts. The workload layer turns it into an `ImageProfile`.
 * Internal: not exported from lib/index.ts.
 */
import { _expandAt, _finalStageEnvironment, Analysis, BaseResolution, EffectiveUser } from './analysis';
import { _expand, Expansion } from './expand';
import { ModelInstruction } from './model';

/** A value of the final image with the line that set it. */
export interface ProfileValue<T> {
  readonly value: T;
  readonly line: number;
}

/** Something the profile cannot state, with where it comes from. */
export interface ProfileProblem {
  readonly line: number;
  readonly message: string;
}

/** The final image as far as the Dockerfile tells. */
export interface DockerfileProfile {
  /** The last USER of the final chain, as the policy resolved it; undefined when there is none. */
  readonly user?: EffectiveUser;
  /** The final chain's base image. */
  readonly base?: BaseResolution;
  /** Whether the final chain starts from scratch. */
  readonly scratch: boolean;
  /** VOLUME paths (absolute, normalized), in order, without duplicates. */
  readonly volumes: Array<ProfileValue<string>>;
  /** EXPOSE ports (TCP and UDP), in order, without duplicates. */
  readonly ports: Array<ProfileValue<number>>;
  /** ENTRYPOINT set by the final chain (shell form as `/bin/sh -c`); undefined when it sets none. */
  readonly entrypoint?: ProfileValue<string[]>;
  /** CMD in effect after the final chain; undefined when it sets none (and no ENTRYPOINT reset it). */
  readonly command?: ProfileValue<string[]>;
  /** Whether an ENTRYPOINT of the final chain reset an inherited CMD. */
  readonly commandReset: boolean;
  /** The final image's environment whose values are known: the base image's ENV, then the final chain's. */
  readonly environment: { [name: string]: string };
  /** WORKDIR in effect; undefined when the final chain sets none. */
  readonly workdir?: string;
  /** COPY and ADD destinations of the final chain (absolute). */
  readonly copyDestinations: string[];
  /** Ids of the BuildKit secrets any stage mounts (`RUN --mount=type=secret`). */
  readonly secretIds: string[];
  /** Names of every stage (`FROM ... AS name`), lower-cased. */
  readonly stageNames: string[];
  /** ARG names declared anywhere (global or in a stage). */
  readonly declaredArgs: string[];
  /**
   * ARGs that decide what the policy and the profile checked: used by a FROM, or by USER, VOLUME,
   * EXPOSE or WORKDIR of the final chain. A build arg that overrides one would change the image
   * behind the policy's back. Name to the first line using it.
   */
  readonly decisiveArgs: Map<string, number>;
  /** Values that could not be read (a variable without a value in VOLUME, EXPOSE, WORKDIR). */
  readonly problems: ProfileProblem[];
}

/**
 * Reads the final image's profile from an analysis. Never throws.
 * @internal
 */
export function _profile(a: Analysis): DockerfileProfile {
  const model = a.model;
  const problems: ProfileProblem[] = [];
  const volumes: Array<ProfileValue<string>> = [];
  const ports: Array<ProfileValue<number>> = [];
  const copyDestinations: string[] = [];
  let entrypoint: ProfileValue<string[]> | undefined;
  let command: ProfileValue<string[]> | undefined;
  let commandReset = false;
  let workdir: string | undefined;

  for (const stage of a.finalChain) {
    let cmdSet = false;
    for (const ins of stage.stage.instructions) {
      const line = ins.range.line;
      // Variables as the policy resolved them before this instruction (ARGs, ENVs, the base's ENV); quotes removed.
      const expand = (text: string) => _expandAt(a, ins, text);
      switch (ins.keyword) {
        case 'WORKDIR': {
          const w = expand(ins.text);
          if (w.unresolved.length > 0) {
            problems.push({ line, message: `WORKDIR ${ins.text} uses ${vars(w.unresolved)} without a value` });
          }
          workdir = joinPath(workdir ?? '/', w.value);
          break;
        }
        case 'VOLUME':
          for (const v of volumeArgs(a, ins, expand, problems)) {
            const p = joinPath(workdir ?? '/', v);
            if (!volumes.some(o => o.value === p)) { volumes.push({ value: p, line }); }
          }
          break;
        case 'EXPOSE':
          for (const w of ins.words) {
            const e = expand(w.value);
            const m = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i.exec(e.value);
            if (e.unresolved.length > 0 || !m) {
              problems.push({ line, message: `EXPOSE ${w.value} is not a port${e.unresolved.length ? ` (${vars(e.unresolved)} has no value)` : ''}` });
              continue;
            }
            const from = Number(m[1]);
            const to = m[2] === undefined ? from : Number(m[2]);
            if (from < 1 || to > 65535 || to < from || to - from > 1000) {
              problems.push({ line, message: `EXPOSE ${w.value} is not a port or a range of at most 1000 ports from 1 to 65535` });
              continue;
            }
            for (let p = from; p <= to; p++) {
              if (!ports.some(o => o.value === p)) { ports.push({ value: p, line }); }
            }
          }
          break;
        case 'ENTRYPOINT':
          entrypoint = { value: argv(ins), line };
          if (!cmdSet) {
            // Docker resets a CMD inherited from the base or an earlier stage when ENTRYPOINT is set.
            commandReset = true;
            command = undefined;
          }
          break;
        case 'CMD':
          cmdSet = true;
          command = { value: argv(ins), line };
          break;
        case 'COPY':
        case 'ADD': {
          const json = ins.text.startsWith('[') ? jsonArgs(ins.text) : undefined;
          const args = json ?? ins.words.map(w => w.value);
          if (args.length >= 2) {
            copyDestinations.push(joinPath(workdir ?? '/', json ? args[args.length - 1] : expand(args[args.length - 1]).value));
          }
          break;
        }
        default:
          break;
      }
    }
  }

  const environment: { [name: string]: string } = {};
  for (const [name, value] of _finalStageEnvironment(a)) {
    if (value !== undefined) { environment[name] = value; }
  }

  const secretIds: string[] = [];
  const declaredArgs = new Set<string>();
  const decisiveArgs = new Map<string, number>();
  const finalStages = new Set(a.finalChain.map(s => s.index));
  for (const ins of model.instructions) {
    if (ins.keyword === 'ARG') { ins.properties.forEach(p => declaredArgs.add(p.name)); }
    if (ins.keyword === 'RUN') {
      for (const flag of ins.flags) {
        const id = secretMountId(flag.name, flag.value);
        if (id !== undefined && !secretIds.includes(id)) { secretIds.push(id); }
      }
    }
    const decides = ins.keyword === 'FROM'
      || (finalStages.has(ins.stage) && ['USER', 'VOLUME', 'EXPOSE', 'WORKDIR'].includes(ins.keyword));
    if (decides) {
      for (const name of variablesIn(ins.keyword === 'FROM' ? ins.image ?? '' : ins.text)) {
        if (!decisiveArgs.has(name)) { decisiveArgs.set(name, ins.range.line); }
      }
    }
  }

  const base = a.finalRoot?.base;
  return {
    user: a.finalUser,
    base,
    scratch: base?.isScratch ?? false,
    volumes,
    ports,
    entrypoint,
    command,
    commandReset,
    environment,
    workdir,
    copyDestinations,
    secretIds,
    stageNames: a.stages.map(s => s.from.stageName).filter((n): n is string => n !== undefined),
    declaredArgs: [...declaredArgs],
    decisiveArgs,
    problems,
  };
}

/** VOLUME's paths: a JSON array (variables expanded inside its strings), or whitespace-separated words. */
function volumeArgs(a: Analysis, ins: ModelInstruction, expand: (t: string) => Expansion, problems: ProfileProblem[]): string[] {
  const line = ins.range.line;
  const json = ins.text.startsWith('[') ? jsonArgs(ins.text) : undefined;
  const words = json ?? ins.words.map(w => w.value);
  const out: string[] = [];
  for (const w of words) {
    // A JSON string is already unquoted: expand its variables only.
    const e = json ? _expand(w, name => lookup(a, ins, name), a.model.escapeChar) : expand(w);
    if (e.unresolved.length > 0 || e.value.trim() === '') {
      problems.push({ line, message: `VOLUME ${w} uses ${vars(e.unresolved)} without a value` });
      continue;
    }
    out.push(e.value);
  }
  return out;
}

/** A variable as the policy's scope before `ins` holds it: ENV wins over ARG, as in Docker. */
function lookup(a: Analysis, ins: ModelInstruction, name: string): string | undefined {
  const scope = a.scopes.get(ins);
  if (!scope) { return undefined; }
  return scope.env.has(name) ? scope.env.get(name) : scope.args.get(name);
}

/** ENTRYPOINT or CMD as the argv Docker runs. */
function argv(ins: ModelInstruction): string[] {
  const c = ins.command;
  if (c?.exec) { return [...c.exec]; }
  const text = c?.text ?? ins.text;
  return text === '' ? [] : ['/bin/sh', '-c', text];
}

/** The strings of a JSON-array argument list, or undefined when it is not one (then Docker reads plain words). */
function jsonArgs(text: string): string[] | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed) && parsed.every(p => typeof p === 'string')) { return parsed as string[]; }
  } catch {
    // plain form
  }
  return undefined;
}

/** The id of a `--mount=type=secret,...` flag, or undefined for other flags (id defaults to the target's base name). */
function secretMountId(name: string, value: string | undefined): string | undefined {
  if (name !== 'mount' || value === undefined) { return undefined; }
  const fields = new Map<string, string>();
  for (const part of value.split(',')) {
    const [k, ...v] = part.split('=');
    fields.set(k.trim().toLowerCase(), v.join('=').trim());
  }
  if (fields.get('type') !== 'secret') { return undefined; }
  const target = fields.get('target') ?? fields.get('dst') ?? fields.get('destination');
  return fields.get('id') || (target ? target.split('/').filter(Boolean).pop() : undefined);
}

function variablesIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) { out.push(m[1]); }
  return out;
}

/** Absolute, normalized: relative paths are taken from `dir`, as WORKDIR, VOLUME and COPY do. */
function joinPath(dir: string, p: string): string {
  const parts: string[] = [];
  for (const seg of (p.startsWith('/') ? p : `${dir}/${p}`).split('/')) {
    if (seg === '' || seg === '.') { continue; }
    if (seg === '..') { parts.pop(); } else { parts.push(seg); }
  }
  return `/${parts.join('/')}`;
}

function vars(names: string[]): string {
  return names.map(n => `$${n}`).join(', ');
}
