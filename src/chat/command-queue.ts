/**
 * Runs what the user submitted one piece after another, in the order given: a command typed
 * during an answer waits for that answer. Each piece reports its own failure; none stops the queue.
 */
export class CommandQueue {
  #tail: Promise<void> = Promise.resolve();

  enqueue(work: () => Promise<void>): void {
    this.#tail = this.#tail.then(work);
  }

  /** Resolves when everything enqueued so far is done. */
  idle(): Promise<void> {
    return this.#tail;
  }
}
