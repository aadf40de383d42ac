import {ProtocolError} from '../errors.js';
import {apiErrorFromWire, wireErrorsOf} from './error-envelope.js';
import {ThoughtSplitter, type ThoughtPiece} from './thought-channel.js';
import type {ConnectionOptions, InferenceEvent, InferenceResult} from './types.js';
import {extrasOf, finishReasonOf} from './wire-result.js';

/**
 * The longest answer (text and reasoning) a stream may grow to. A real one is far shorter (the
 * model's window is 256K tokens); a server that streams small events without end would otherwise
 * fill the memory of a chat, which keeps the answer, or of `ask --json` / `ask -c`.
 */
const MAX_ANSWER_CHARS = 16 * 1024 * 1024;

/**
 * A streamed answer as its payloads arrive. The deltas of one network chunk are gathered and
 * leave as at most one reasoning and one text event (`take`), so a consumer writes once per chunk
 * read, however many tokens the chunk held. Within a chunk, reasoning goes before text: they go
 * to different places (stderr, stdout), and a chunk's reasoning precedes its text in practice.
 */
export class StreamAnswer {
  readonly result: InferenceResult;
  readonly #conn: ConnectionOptions;
  readonly #thoughts = new ThoughtSplitter();
  /** Characters of text and reasoning received, against MAX_ANSWER_CHARS. */
  #chars = 0;
  /** This chunk's reasoningContent, and its text deltas before the thought channel is split off. */
  #reasoning = '';
  #text = '';

  constructor(taskUUID: string, conn: ConnectionOptions) {
    this.result = {taskUUID, index: 0, text: '', reasoning: '', finishReason: null};
    this.#conn = conn;
  }

  /** One payload: an error event throws (ApiError), a delta is gathered, usage and finishReason kept. */
  readonly add = (payload: unknown): void => {
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
      throw new ProtocolError('the server sent an event that is not a JSON object');
    }
    const event = payload as Record<string, unknown>;
    const errors = wireErrorsOf(event);
    if (errors.length > 0) throw apiErrorFromWire(errors, 200, {secret: this.#conn.apiKey});
    // One task per request, but results are matched by UUID, never assumed.
    if (typeof event.taskUUID === 'string' && event.taskUUID !== this.result.taskUUID) return;
    const delta = typeof event.delta === 'object' && event.delta !== null ? (event.delta as Record<string, unknown>) : {};
    if (typeof delta.reasoningContent === 'string') this.#reasoning += this.#counted(delta.reasoningContent);
    // The model may write its thought channel into the text: that part is reasoning too (at `take`).
    if (typeof delta.text === 'string') this.#text += this.#counted(delta.text);
    const finishReason = finishReasonOf(event.finishReason);
    if (finishReason !== null) this.result.finishReason = finishReason;
    // Usage and cost are taken from whichever event carries them (the final one, or one after it).
    if (event.usage !== undefined || event.cost !== undefined || event.seed !== undefined) Object.assign(this.result, extrasOf(event));
  };

  /** The events of the chunk just read (none, one, or reasoning then text). */
  take(): InferenceEvent[] {
    const reasoning = this.#reasoning;
    const text = this.#text;
    this.#reasoning = '';
    this.#text = '';
    if (text === '') return reasoning === '' ? [] : this.#events([{kind: 'reasoning', text: reasoning}]);
    const pieces = this.#thoughts.push(text);
    return this.#events(reasoning === '' ? pieces : [{kind: 'reasoning', text: reasoning}, ...pieces]);
  }

  /** The body is over: what the thought channel held back. */
  end(): InferenceEvent[] {
    return this.#events(this.#thoughts.end());
  }

  #counted(text: string): string {
    this.#chars += text.length;
    if (this.#chars > MAX_ANSWER_CHARS) throw new ProtocolError(`the answer passed ${MAX_ANSWER_CHARS / 1048576} MiB; the rest was not read`);
    return text;
  }

  /** Adjacent pieces of one kind become one event; the text is kept for `done` unless told not to. */
  #events(pieces: ThoughtPiece[]): InferenceEvent[] {
    const events: InferenceEvent[] = [];
    const keep = this.#conn.collectText !== false;
    for (const {kind, text} of pieces) {
      if (text === '') continue;
      if (keep) this.result[kind === 'text' ? 'text' : 'reasoning'] += text;
      const last = events.at(-1);
      if (last?.type === kind) last.text += text;
      else events.push({type: kind, text, index: 0});
    }
    return events;
  }
}
