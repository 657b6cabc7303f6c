/** CPU units (1024 a core) with the task memory sizes Fargate accepts for each, in MiB. */
const SIZES: Array<[number, number[]]> = [
  [256, [512, 1024, 2048]],
  [512, range(1024, 4096, 1024)],
  [1024, range(2048, 8192, 1024)],
  [2048, range(4096, 16384, 1024)],
  [4096, range(8192, 30720, 1024)],
  [8192, range(16384, 61440, 4096)],
  [16384, range(32768, 122880, 8192)],
];

/** A Fargate task size. */
export interface FargateSize {
  readonly cpu: number;
  readonly memoryMiB: number;
}

/**
 * The smallest Fargate task size that gives the workload at least `millicores` of CPU and
 * `memoryMiB` of memory (the container keeps its own hard limit at exactly `memoryMiB`).
 */
export function fargateSize(what: string, millicores: number, memoryMiB: number): FargateSize {
  if (!Number.isInteger(millicores) || millicores < 1) {
    throw new Error(`${what}: cpuMillicores ${JSON.stringify(millicores)} must be a whole number of at least 1 (e.g. 250 for a quarter core).`);
  }
  if (!Number.isInteger(memoryMiB) || memoryMiB < 6) {
    throw new Error(`${what}: memoryMiB ${JSON.stringify(memoryMiB)} must be a whole number of at least 6 (e.g. 512).`);
  }
  const units = Math.ceil((millicores * 1024) / 1000);
  for (const [cpu, memories] of SIZES) {
    if (cpu < units) { continue; }
    const memory = memories.find(m => m >= memoryMiB);
    if (memory !== undefined) { return { cpu, memoryMiB: memory }; }
  }
  throw new Error(`${what}: no Fargate task size has ${millicores} millicores and ${memoryMiB} MiB (the largest is 16 vCPU with 120 GiB). Lower resources.cpuMillicores or resources.memoryMiB.`);
}

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let m = from; m <= to; m += step) { out.push(m); }
  return out;
}
