/**
 * A hardened default that a workload gives up, with the reason. Adapters apply it and record the
 * reason in the synthesized output (ECS: template metadata; Kubernetes: an annotation), and the
 * posture checks accept the finding it explains.
 */
export class Relaxation {
  /**
   * Let the container write to its root filesystem (posture control `read-only-root`).
   * @param reason why the application cannot run with a read-only root
   */
  public static writableRootFilesystem(reason: string): Relaxation {
    return new Relaxation('read-only-root', checkReason(reason, 'writableRootFilesystem'));
  }

  /**
   * Add back one Linux capability after dropping all (posture control `capabilities`). Only what the
   * platform's restricted profile allows: `NET_BIND_SERVICE` (Kubernetes restricted) or `SYS_PTRACE` (Fargate).
   * @param capability capability name without `CAP_`, e.g. 'NET_BIND_SERVICE'
   * @param reason why the application needs it
   */
  public static addCapability(capability: string, reason: string): Relaxation {
    if (typeof capability !== 'string' || !/^[A-Z_]+$/.test(capability)) {
      throw new Error(`Relaxation.addCapability: ${JSON.stringify(capability)} is not a capability name. Use an upper-case name without CAP_, e.g. 'NET_BIND_SERVICE'.`);
    }
    return new Relaxation('capabilities', checkReason(reason, 'addCapability'), capability);
  }

  private constructor(
    /** The posture control this relaxes, e.g. `read-only-root`. */
    public readonly control: string,
    /** Why. */
    public readonly reason: string,
    /** The capability added back, for `capabilities`. */
    public readonly capability?: string,
  ) {}
}

function checkReason(reason: unknown, what: string): string {
  if (typeof reason !== 'string' || reason.trim().length < 10) {
    throw new Error(`Relaxation.${what}: a relaxed default needs a reason of at least 10 characters that a reviewer can check, got ${JSON.stringify(reason)}. `
      + 'Say why the workload needs it, e.g. \'legacy agent writes its PID file to /var/run (OPS-1234)\'.');
  }
  return reason.trim();
}
