/**
 * A length of time, independent of `aws-cdk-lib` and `cdk8s` (each has its own `Duration`):
 * the workload layer states health-check timing once and each adapter converts it.
 */
export class TimeSpan {
  /** A span in whole seconds. */
  public static seconds(amount: number): TimeSpan {
    return new TimeSpan(check(amount, 'seconds'), 'seconds');
  }

  /** A span in whole minutes. */
  public static minutes(amount: number): TimeSpan {
    return new TimeSpan(check(amount, 'minutes') * 60, 'minutes');
  }

  private constructor(private readonly totalSeconds: number, private readonly unit: string) {}

  /** The span in seconds. */
  public toSeconds(): number {
    return this.totalSeconds;
  }

  /** e.g. `30 seconds`, for messages. */
  public toString(): string {
    return this.unit === 'minutes' ? `${this.totalSeconds / 60} minutes` : `${this.totalSeconds} seconds`;
  }
}

function check(amount: unknown, unit: string): number {
  if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 0) {
    throw new Error(`TimeSpan.${unit}: ${JSON.stringify(amount)} is not a whole, non-negative number of ${unit}. Use e.g. TimeSpan.${unit}(30).`);
  }
  return amount;
}
