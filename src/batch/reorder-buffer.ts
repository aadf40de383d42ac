/**
 * `--ordered`: results written in input order although they finish in any order. Each item is
 * admitted before it is handed to the engine, in input order; a finished one waits here until
 * every item admitted before it is written. At most `capacity` items are admitted and not yet
 * written: when that many are, `admit` waits until the head finishes, so the engine stops pulling
 * new items and the buffer (and memory) stays bounded however slow one item is.
 */
export class ReorderBuffer<T> {
  /** Admitted and not yet written, in admission order, from `head` (the oldest) on. */
  private readonly order: number[] = [];
  private head = 0;
  private readonly finished = new Map<number, T>();
  private waiting: (() => void) | undefined;

  constructor(
    private readonly capacity: number,
    private readonly write: (value: T) => void,
  ) {
    if (!(capacity >= 1)) throw new RangeError('a reorder buffer holds at least one item');
  }

  /** How many items are admitted and not yet written. */
  get size(): number {
    return this.order.length - this.head;
  }

  /** Admits the item with this key (its line); waits while the buffer is full. */
  async admit(key: number): Promise<void> {
    while (this.size >= this.capacity) {
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
    this.order.push(key);
  }

  /** An admitted item finished: written now if every earlier one was, else kept until they are. */
  finish(key: number, value: T): void {
    this.finished.set(key, value);
    while (this.head < this.order.length) {
      const next = this.order[this.head] as number;
      const ready = this.finished.get(next);
      if (ready === undefined) break;
      this.finished.delete(next);
      this.head += 1;
      this.write(ready);
    }
    // Dropped from the front now and then, so a long run does not keep every key it admitted.
    if (this.head > 1024 && this.head * 2 > this.order.length) {
      this.order.splice(0, this.head);
      this.head = 0;
    }
    if (this.size < this.capacity) this.release();
  }

  /**
   * The run stopped (Ctrl-C, --max-cost) with items that will never finish: what did finish is
   * written, in input order, skipping the gaps; a --resume fills them in.
   */
  flush(): void {
    const keys = this.order.slice(this.head).filter((key) => this.finished.has(key));
    for (const key of keys) this.write(this.finished.get(key) as T);
    this.finished.clear();
    this.order.length = 0;
    this.head = 0;
    this.release();
  }

  private release(): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.();
  }
}
