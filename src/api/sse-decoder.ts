import {createParser, type EventSourceParser} from 'eventsource-parser';
import {ProtocolError} from '../errors.js';
import {parseJsonExact, preview} from './parse-response-json.js';

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
