import {createParser, type EventSourceParser} from 'eventsource-parser';
import {ProtocolError} from '../../errors.js';
import type {ConnectionOptions, InferenceEvent, InferenceResult} from '../types.js';
import {apiErrorFromWire, wireErrorsOf} from './error-envelope.js';
import {parseJsonExact, preview} from './json.js';
import {extrasOf, finishReasonOf} from './results.js';
import {ThoughtSplitter, type ThoughtPiece} from './thought-channel.js';

/**
 * The largest single event (or line) taken: a real event is one token, a few hundred bytes. An
 * unterminated one is buffered by the parser, so without a bound a server that never ends its
 * line would fill memory.
 */
export const MAX_EVENT_BYTES = 16 * 1024 * 1024;

/** Receives each parsed `data:` payload, in order. */
export type PayloadSink = (payload: unknown) => void;

/**
 * Turns the bytes of a Server-Sent Events body into parsed JSON payloads, one per `data:` event.
 * Pure: no I/O, so it is tested by feeding chunks split at every byte boundary. The payloads go
 * to a callback rather than out of a generator: a fast server packs hundreds of events into one
 * chunk, and a generator step per event cost more than the parsing.
 * A `seed` integer is kept as its exact decimal string, as in every other answer.
 */
export class SseDecoder {
  // fatal: false, so invalid UTF-8 becomes U+FFFD instead of an exception mid-answer.
  readonly #text = new TextDecoder('utf-8', {fatal: false});
  readonly #parser: EventSourceParser;
  /** Where the current push delivers; the parser calls back synchronously, inside `feed`. */
  #sink: PayloadSink = () => undefined;
  #done = false;
  #endsWithCR = false;
  /** Bytes fed since an event last completed (counted per chunk, so within one chunk of exact). */
  #sinceEvent = 0;
  #completed = false;

  constructor() {
    this.#parser = createParser({
      onEvent: (event) => {
        this.#completed = true;
        if (this.#done) return;
        if (event.data.trim() === '[DONE]') this.#done = true;
        else this.#sink(parseEvent(event.data));
      },
      // Unknown fields and bad `retry:` values are ignored, as the SSE spec says.
      onError: () => undefined,
    });
  }

  /** True once `data: [DONE]` has arrived; later events are dropped. */
  get done(): boolean {
    return this.#done;
  }

  /**
   * Feeds one chunk; `sink` gets the payloads it completed, in order. A malformed event throws a
   * ProtocolError after the payloads before it were delivered; a throw from `sink` stops the
   * chunk there too. Either way the decoder is not to be fed again.
   */
  push(chunk: Uint8Array, sink: PayloadSink): void {
    this.#sinceEvent += chunk.byteLength;
    if (this.#sinceEvent > MAX_EVENT_BYTES) {
      // Nothing of it is kept: the parser's buffer goes now, not when the caller lets go of it.
      this.#parser.reset({consume: false});
      throw new ProtocolError(`the server sent an event larger than ${MAX_EVENT_BYTES / 1048576} MiB; it was not read`);
    }
    this.#completed = false;
    this.#feed(this.#text.decode(chunk, {stream: true}), sink);
    if (this.#completed) this.#sinceEvent = 0;
  }

  /** The body ended: flush a trailing partial character. An unterminated event is dropped. */
  end(sink: PayloadSink): void {
    this.#feed(this.#text.decode(), sink);
    // The parser holds a final CR in case an LF follows; at the end it is a line end after all.
    if (this.#endsWithCR) this.#feed('\n', sink);
    this.#parser.reset();
  }

  #feed(text: string, sink: PayloadSink): void {
    if (text === '') return;
    this.#endsWithCR = text.endsWith('\r');
    this.#sink = sink;
    try {
      this.#parser.feed(text);
    } finally {
      this.#sink = () => undefined;
    }
  }
}

/**
 * One event's JSON. A seed is rare in a stream (the final event's, at most), and scanning every
 * event for one cost a tenth of the parsing: an event whose parse shows a numeric `seed` is parsed
 * again, exactly. The events' seed is the only one read (extrasOf), so nested ones are let be.
 */
function parseEvent(data: string): unknown {
  try {
    const value: unknown = JSON.parse(data);
    return typeof (value as {seed?: unknown} | null)?.seed === 'number' ? parseJsonExact(data) : value;
  } catch (cause) {
    throw new ProtocolError(`the server sent a malformed event: ${preview(data)}`, {cause});
  }
}

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
