import {estimateMediaTokens, estimateTokens, TOKENS_PER_MESSAGE} from '../context/estimate-tokens.js';
import {formatCost} from '../format/format-cost.js';
import {MODEL_PRICES, priceOf} from './model-prices.js';

/**
 * Output tokens counted for an item with no max-tokens, for the top of the price range: an
 * assumption, said so in the estimate (the model can write more, a thinking answer often does).
 */
const ASSUMED_OUTPUT_TOKENS = 4096;

/** What `--estimate` adds up over the items that would run. */
export class Estimate {
  items = 0;
  inputTokens = 0;
  /** Output tokens at most: max-tokens × results for each item, or the assumption. */
  outputTokensMax = 0;
  /** Items without max-tokens, counted at ASSUMED_OUTPUT_TOKENS per answer. */
  assumedItems = 0;

  /** One item: its prompt (files inlined), system prompt, media and max-tokens. */
  add(item: {prompt: string; system?: string | undefined; images: number; videos: number; maxTokens?: number | undefined; results: number}): void {
    this.items += 1;
    this.inputTokens += TOKENS_PER_MESSAGE + estimateTokens(item.prompt) + (item.system === undefined ? 0 : TOKENS_PER_MESSAGE + estimateTokens(item.system)) + estimateMediaTokens(item);
    if (item.maxTokens === undefined) this.assumedItems += 1;
    this.outputTokensMax += (item.maxTokens ?? ASSUMED_OUTPUT_TOKENS) * item.results;
  }

  /** The lines `--estimate` prints on stdout. */
  report(counts: {total: number; skipped: number; outOfShard: number}): string[] {
    const low = priceOf(this.inputTokens, 0);
    const high = priceOf(this.inputTokens, this.outputTokensMax);
    const whyNot = [counts.skipped > 0 ? `${number(counts.skipped)} already in the output` : '', counts.outOfShard > 0 ? `${number(counts.outOfShard)} in other shards` : ''].filter(Boolean);
    const assumption = this.assumedItems === 0 ? 'max-tokens per answer' : `max-tokens per answer; ${number(this.assumedItems)} ${this.assumedItems === 1 ? 'item' : 'items'} without it counted at ${number(ASSUMED_OUTPUT_TOKENS)}`;
    return [
      `items: ${number(this.items)}${whyNot.length > 0 ? ` (of ${number(counts.total)}; ${whyNot.join(', ')})` : ''}`,
      `input tokens: ~${number(this.inputTokens)} (estimated from the text, as ask's context check does)`,
      `output tokens: 0 to ${number(this.outputTokensMax)} (${assumption})`,
      `cost: ${formatCost(low)} to ${formatCost(high)} (input $${MODEL_PRICES.inputPerMillion} / 1M tokens, output $${MODEL_PRICES.outputPerMillion} / 1M)`,
    ];
  }
}

const number = (value: number): string => value.toLocaleString('en-US');
