/** The CPU architecture an image is built for and a workload runs on. */
export enum CpuArchitecture {
  /** x86-64 (`linux/amd64`; ECS `X86_64`). */
  AMD64 = 'amd64',
  /** 64-bit ARM (`linux/arm64`; ECS `ARM64`, Graviton). */
  ARM64 = 'arm64',
}
