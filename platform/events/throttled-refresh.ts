/**
 * Runs `refresh` at most once per `intervalMs`, however often `maybeRun` is called: consumer loops call it every
 * iteration, and on Redis each refresh costs round trips. Failures are reported, never thrown: a gauge going stale must
 * not stop event handling.
 */
export class ThrottledRefresh {
  private nextAt = 0;

  constructor(
    private readonly intervalMs: number,
    private readonly refresh: () => Promise<void> | void,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** Milliseconds until `maybeRun` would run again. */
  dueIn(now = Date.now()): number {
    return Math.max(0, this.nextAt - now);
  }

  async maybeRun(now = Date.now()): Promise<void> {
    if (now < this.nextAt) return;
    this.nextAt = now + this.intervalMs;
    try {
      await this.refresh();
    } catch (err) {
      this.onError(err);
    }
  }
}
