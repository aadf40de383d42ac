/** The running totals of a batch and its budget: once the reported cost reaches it, no item is taken. */
export class CostStop {
  readonly #maxUsd: number | undefined;
  #costUsd = 0;
  #tokens = 0;

  constructor(maxUsd: number | undefined) {
    this.#maxUsd = maxUsd;
  }

  add(costUsd: number, tokens: number): void {
    this.#costUsd += costUsd;
    this.#tokens += tokens;
  }

  get costUsd(): number {
    return this.#costUsd;
  }

  get tokens(): number {
    return this.#tokens;
  }

  get reached(): boolean {
    return this.#maxUsd !== undefined && this.#costUsd >= this.#maxUsd;
  }
}
