import type {AnswerTiming} from './chat-types.js';

/** A finished turn's phases, and how long its text streamed (what tokens per second divide by). */
export interface TurnTimes {
  timing: AnswerTiming;
  streamingMs: number;
}

/** When a turn started and when its first reasoning and text arrived, to time its phases. */
export class TurnTiming {
  readonly startedAt: number;
  #firstReasoning: number | undefined;
  #firstText: number | undefined;

  constructor(private readonly now: () => number) {
    this.startedAt = now();
  }

  reasoningArrived(): void {
    this.#firstReasoning ??= this.now();
  }

  textArrived(): void {
    this.#firstText ??= this.now();
  }

  /** The turn ends now (done, error or cancel). */
  end(): TurnTimes {
    const totalMs = this.now() - this.startedAt;
    const firstText = this.#firstText;
    const firstReasoning = this.#firstReasoning;
    const firstTokenMs = firstText === undefined ? undefined : firstText - this.startedAt;
    const thinkingMs = firstReasoning === undefined ? undefined : (firstText ?? this.startedAt + totalMs) - firstReasoning;
    return {
      timing: {totalMs, ...(firstTokenMs === undefined ? {} : {firstTokenMs}), ...(thinkingMs === undefined ? {} : {thinkingMs})},
      streamingMs: firstTokenMs === undefined ? 0 : totalMs - firstTokenMs,
    };
  }
}

/** Completion tokens per second of streamed text; none for a stream too short to measure. */
export function tokensPerSecond(completionTokens: number | undefined, streamingMs: number): number | undefined {
  return completionTokens && streamingMs > 50 ? completionTokens / (streamingMs / 1000) : undefined;
}
