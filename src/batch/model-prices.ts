/**
 * Gemma 4 31B's published prices on Runware's model page, in US dollars per million tokens. The
 * one place they are kept: `--estimate` prices a batch with them, nothing else does (the cost
 * of a real answer is the one the service reports).
 */
export const MODEL_PRICES = {inputPerMillion: 0.12, outputPerMillion: 0.37} as const;

/** The price of some input and output tokens. */
export function priceOf(inputTokens: number, outputTokens: number): number {
  return (inputTokens * MODEL_PRICES.inputPerMillion + outputTokens * MODEL_PRICES.outputPerMillion) / 1_000_000;
}
