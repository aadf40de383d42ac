import {createHash} from 'node:crypto';
import {AUTO_SEED_RANGE, MAX_SEED, PRICE_PER_TOKEN_USD, TOKENS_PER_MEDIA_ITEM, thoughtBlock} from './simulator-facts.js';
import type {Script} from './simulator-types.js';
import type {TextTask} from './simulator-validate.js';

/** The fixed part of the default answer: ~60 words, a little markdown, multi-byte characters. */
const DEFAULT_PARAGRAPH =
  'Here is a simulated reply from the **Runware** test server — no real model wrote it. ' +
  'It exists so that clients can check rendering, streaming and accounting:\n\n' +
  '- the answer arrives one token at a time;\n' +
  '- a café sign proves that multi-byte text survives;\n' +
  '- finish reasons, usage and cost are deterministic.\n\n' +
  'Ask the same question again and you will get exactly the same words back, every time.';

/** Default reasoning for thinkingLevel high (two sentences) and low (one shorter sentence). */
const DEFAULT_REASONING = {
  high: 'The user wants a reply to their last message. I will echo it and add a short list.',
  low: 'A short reply will do.',
} as const;

const FILLER = ['alpha', 'beta', 'gamma', 'delta', 'café', 'naïve', 'omega', 'sigma'];

/** One answer, ready to be sent whole (sync, async) or as deltas (stream). */
export interface Generated {
  taskUUID: string;
  text: string;
  reasoning: string;
  textTokens: string[];
  reasoningTokens: string[];
  finishReason: 'stop' | 'length';
  seed: bigint;
  usage?: {promptTokens: number; completionTokens: number; totalTokens: number; thinkingTokens: number};
  cost?: number;
}

/** Tokens are words: each run of non-space characters with the whitespace after it. Joined, they give `text` back. */
function tokenize(text: string): string[] {
  const tokens = text.match(/\S+\s*/g) ?? [];
  const lead = /^\s+/.exec(text)?.[0];
  if (lead !== undefined) {
    if (tokens.length === 0) return [lead];
    tokens[0] = lead + tokens[0];
  }
  return tokens;
}

function defaultAnswer(task: TextTask): string {
  const last = task.messages[task.messages.length - 1]?.content ?? '';
  return `You said: ${[...last].slice(0, 200).join('')}.\n\n${DEFAULT_PARAGRAPH}`;
}

export function fillerText(count: number): string {
  return Array.from({length: count}, (_, i) => FILLER[i % FILLER.length]).join(' ');
}

function autoSeed(taskUUID: string): bigint {
  const digest = createHash('sha256').update(taskUUID).digest();
  return BigInt(digest.readUInt32BE(0)) % AUTO_SEED_RANGE;
}

/** What `usage.promptTokens` reports, and what the context window is checked against. */
export function promptTokens(task: TextTask): number {
  const texts = [task.systemPrompt ?? '', ...task.messages.map((m) => m.content)];
  return texts.reduce((sum, text) => sum + tokenize(text).length, 0) + task.mediaCount * TOKENS_PER_MEDIA_ITEM;
}

/** Cuts before the earliest stop sequence; true when one was found. */
function cutAtStop(text: string, stops: readonly string[] | undefined): [string, boolean] {
  let at = -1;
  for (const stop of stops ?? []) {
    const index = text.indexOf(stop);
    if (index >= 0 && (at < 0 || index < at)) at = index;
  }
  return at < 0 ? [text, false] : [text.slice(0, at), true];
}

/** The answer for result `variant` (0-based) of `task`, shaped by the script's answer fields. */
export function generate(task: TextTask, script: Script, variant: number): Generated {
  let full = script.answer ?? (script.tokens !== undefined ? fillerText(script.tokens) : defaultAnswer(task));
  if (script.thought !== undefined) full = thoughtBlock(script.thought) + full;
  if (task.numberResults > 1) full += ` (variant ${variant + 1})`;
  const [stopped] = cutAtStop(full, task.stopSequences);
  let textTokens = tokenize(stopped);
  let finishReason: Generated['finishReason'] = 'stop';
  if (task.maxTokens !== undefined && textTokens.length > task.maxTokens) {
    textTokens = textTokens.slice(0, task.maxTokens);
    finishReason = 'length';
  }
  const reasoning = script.reasoning ?? DEFAULT_REASONING[task.thinkingLevel];
  const reasoningTokens = tokenize(reasoning);
  const base = task.seed ?? autoSeed(task.taskUUID);
  const generated: Generated = {
    taskUUID: task.taskUUID,
    text: textTokens.join(''),
    reasoning,
    textTokens,
    reasoningTokens,
    finishReason,
    seed: (base + BigInt(variant)) % (MAX_SEED + 1n),
  };
  const prompt = promptTokens(task);
  const total = prompt + textTokens.length + reasoningTokens.length;
  if (task.includeUsage) {
    generated.usage = {promptTokens: prompt, completionTokens: textTokens.length, totalTokens: total, thinkingTokens: reasoningTokens.length};
  }
  if (task.includeCost) generated.cost = Number((total * PRICE_PER_TOKEN_USD).toFixed(10));
  return generated;
}

export function generateAll(task: TextTask, script: Script): Generated[] {
  return Array.from({length: task.numberResults}, (_, k) => generate(task, script, k));
}

/** The sync result item (async success adds `status`). `seed` is a bigint: write it with stringifyExact. */
export function resultItem(g: Generated): Record<string, unknown> {
  const item: Record<string, unknown> = {taskType: 'textInference', taskUUID: g.taskUUID, text: g.text, finishReason: g.finishReason};
  if (g.reasoning !== '') item.reasoningContent = g.reasoning;
  item.seed = g.seed;
  if (g.usage) item.usage = g.usage;
  if (g.cost !== undefined) item.cost = g.cost;
  return item;
}
