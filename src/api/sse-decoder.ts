import {createParser, type EventSourceParser} from 'eventsource-parser';
import {ProtocolError} from '../errors.js';
import {parseJsonExact, preview} from './parse-response-json.js';

/**
 * The largest single event (or line) taken: a real event is one token, a few hundred bytes. An
 * unterminated one is buffered by the parser, so without a bound a server that never ends its
 * line would fill memory.
 */
export const MAX_EVENT_BYTES = 16 * 1024 * 1024;

/**
 * Turns the bytes of a Server-Sent Events body into parsed JSON payloads, one per `data:` event.
 * Pure: no I/O, so it is tested by feeding chunks split at every byte boundary.
 * A `seed` integer is kept as its exact decimal string, as in every other answer.
 */
export class SseDecoder {
  // fatal: false, so invalid UTF-8 becomes U+FFFD instead of an exception mid-answer.
  readonly #text = new TextDecoder('utf-8', {fatal: false});
  readonly #pending: string[] = [];
  readonly #parser: EventSourceParser;
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
        else this.#pending.push(event.data);
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
   * Feeds one chunk. The payloads it completed are parsed lazily, in order, so the ones before a
   * malformed event still reach the caller before the ProtocolError.
   */
  push(chunk: Uint8Array): Generator<unknown, void, undefined> {
    this.#sinceEvent += chunk.byteLength;
    if (this.#sinceEvent > MAX_EVENT_BYTES) {
      // Nothing of it is kept: the parser's buffer goes now, not when the caller lets go of it.
      this.#parser.reset({consume: false});
      throw new ProtocolError(`the server sent an event larger than ${MAX_EVENT_BYTES / 1048576} MiB; it was not read`);
    }
    this.#completed = false;
    this.#feed(this.#text.decode(chunk, {stream: true}));
    if (this.#completed) this.#sinceEvent = 0;
    return this.#drain();
  }

  /** The body ended: flush a trailing partial character. An unterminated event is dropped. */
  end(): Generator<unknown, void, undefined> {
    this.#feed(this.#text.decode());
    // The parser holds a final CR in case an LF follows; at the end it is a line end after all.
    if (this.#endsWithCR) this.#parser.feed('\n');
    this.#parser.reset();
    return this.#drain();
  }

  #feed(text: string): void {
    if (text === '') return;
    this.#endsWithCR = text.endsWith('\r');
    this.#parser.feed(text);
  }

  *#drain(): Generator<unknown, void, undefined> {
    while (this.#pending.length > 0) {
      const data = this.#pending.shift() as string;
      yield parseEvent(data);
    }
  }
}

function parseEvent(data: string): unknown {
  try {
    return parseJsonExact(data);
  } catch (cause) {
    throw new ProtocolError(`the server sent a malformed event: ${preview(data)}`, {cause});
  }
}
