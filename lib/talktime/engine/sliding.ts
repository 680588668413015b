/**
 * An array indexed by absolute frame number that drops its oldest entries cheaply: the engine
 * keeps a few seconds of each per-frame value, however long the call.
 */
export class SlidingArray<T> {
  /** Absolute index of items[0]. */
  base = 0;
  private items: T[] = [];

  /** One past the newest absolute index. */
  get end(): number {
    return this.base + this.items.length;
  }

  /** Entries held. */
  get size(): number {
    return this.items.length;
  }

  push(value: T): void {
    this.items.push(value);
  }

  at(index: number): T {
    return this.items[index - this.base]!;
  }

  set(index: number, value: T): void {
    this.items[index - this.base] = value;
  }

  /** Forgets entries before `index`, in batches (a splice per frame would cost O(n) each). */
  dropBefore(index: number): void {
    const n = index - this.base;
    if (n > 512 || (n > 0 && n === this.items.length)) {
      this.items.splice(0, n);
      this.base = index;
    }
  }
}
