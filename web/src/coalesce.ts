/** Schedules a callback after a delay; injectable so tests drive time. */
export type Schedule = (callback: () => void, delayMs: number) => unknown;

/**
 * Keeps only the newest of a burst of values and delivers it at most once per <c>intervalMs</c>: the first value of
 * a quiet period goes out at once, later ones within the interval are folded into one delivery at its end.
 */
export class Coalescer<T> {
  private pending: { value: T } | null = null;
  private waiting = false;

  constructor(
    private readonly deliver: (value: T) => void,
    private readonly intervalMs: number,
    private readonly schedule: Schedule = (cb, ms) => setTimeout(cb, ms),
  ) {}

  /** Offers a new value. */
  push(value: T): void {
    if (this.waiting) {
      this.pending = { value };
      return;
    }
    this.deliver(value);
    this.startWindow();
  }

  private startWindow(): void {
    this.waiting = true;
    this.schedule(() => {
      this.waiting = false;
      const next = this.pending;
      this.pending = null;
      if (next) {
        this.deliver(next.value);
        this.startWindow();
      }
    }, this.intervalMs);
  }
}
