import { describe, expect, it } from 'vitest';
import { Coalescer } from '../src/coalesce';

/** A manual clock: scheduled callbacks run when the test advances time. */
class ManualClock {
  now = 0;
  private timers: Array<{ at: number; callback: () => void }> = [];
  schedule = (callback: () => void, delay: number) => {
    this.timers.push({ at: this.now + delay, callback });
  };
  advance(ms: number): void {
    this.now += ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= this.now).sort((a, b) => a.at - b.at)[0];
      if (!due) {
        return;
      }
      this.timers.splice(this.timers.indexOf(due), 1);
      due.callback();
    }
  }
}

describe('Coalescer', () => {
  it('delivers the first value at once', () => {
    const clock = new ManualClock();
    const seen: number[] = [];
    new Coalescer<number>((v) => seen.push(v), 250, clock.schedule).push(1);
    expect(seen).toEqual([1]);
  });

  it('folds a burst within the interval into its newest value, delivered at the end', () => {
    const clock = new ManualClock();
    const seen: number[] = [];
    const c = new Coalescer<number>((v) => seen.push(v), 250, clock.schedule);
    c.push(1);
    c.push(2);
    c.push(3);
    c.push(4);
    expect(seen).toEqual([1]);
    clock.advance(249);
    expect(seen).toEqual([1]);
    clock.advance(1);
    expect(seen).toEqual([1, 4]);
  });

  it('delivers at most once per interval under a steady stream', () => {
    const clock = new ManualClock();
    const seen: number[] = [];
    const c = new Coalescer<number>((v) => seen.push(v), 250, clock.schedule);
    for (let i = 0; i < 100; i++) {
      c.push(i);
      clock.advance(10);
    }
    clock.advance(1000);
    // 1000 ms of pushes: the first at once, then one per 250 ms window, the last value never lost.
    expect(seen.length).toBeLessThanOrEqual(1 + 1000 / 250 + 1);
    expect(seen[seen.length - 1]).toBe(99);
  });

  it('after a quiet interval, delivers the next value at once again', () => {
    const clock = new ManualClock();
    const seen: number[] = [];
    const c = new Coalescer<number>((v) => seen.push(v), 250, clock.schedule);
    c.push(1);
    clock.advance(300);
    c.push(2);
    expect(seen).toEqual([1, 2]);
  });
});
