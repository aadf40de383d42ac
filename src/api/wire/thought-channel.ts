/**
 * Gemma 4's thought channel, `<|channel>thought\n…<channel|>`, which the model may write into its
 * answer text (the model card: the 31B model can emit one even with thinking off, and earlier
 * thoughts must never be sent back). It is reasoning, not answer.
 *
 * A block is recognised where the model puts it: before the answer (leading whitespace allowed,
 * several blocks in a row too). Once answer text has begun, `<|channel>` is ordinary text, so an
 * answer that talks about the format loses nothing. The channel's name line (`thought\n`) is
 * dropped; an unterminated block (the answer cut while thinking) is reasoning to its end.
 */

const THOUGHT_OPEN = '<|channel>';
const THOUGHT_CLOSE = '<channel|>';

export interface ThoughtPiece {
  kind: 'text' | 'reasoning';
  text: string;
}

/** A channel name: letters only, short. Anything else after the opener is already thought. */
const NAME_MAX = 32;
const NAME_START = /^[A-Za-z_]{0,32}/;

/**
 * Splits streamed answer text into answer and thought pieces, whatever the chunking (markers cut
 * anywhere included). Pure: feed `push` the deltas in order, then call `end` once.
 */
export class ThoughtSplitter {
  #stage: 'lead' | 'name' | 'thought' | 'answer' = 'lead';
  /** Text held back until it is known which side it belongs to. */
  #held = '';
  #sawBlock = false;

  push(text: string): ThoughtPiece[] {
    if (this.#answering()) return piece('text', text);
    this.#held += text;
    const out: ThoughtPiece[] = [];
    let moved = true;
    while (moved && !this.#answering()) moved = this.#step(out);
    if (this.#answering()) out.push(...piece('text', this.#take()));
    return merge(out);
  }

  /** The text is over: what was held back goes out (an unterminated block as reasoning). */
  end(): ThoughtPiece[] {
    const held = this.#take();
    switch (this.#stage) {
      case 'lead':
        // Whitespace between thoughts and a missing answer is nothing; a lone prefix of the opener is text.
        return this.#sawBlock && held.trim() === '' ? [] : piece('text', this.#sawBlock ? held.trimStart() : held);
      case 'name':
        // Only the opener and perhaps a name: an empty thought.
        return /^[A-Za-z_]*$/.test(held) ? [] : piece('reasoning', held);
      case 'thought':
        return piece('reasoning', held);
      case 'answer':
        return piece('text', held);
    }
  }

  /** One move of the state machine over the held text; false when it must wait for more. */
  #step(out: ThoughtPiece[]): boolean {
    const held = this.#held;
    switch (this.#stage) {
      case 'lead': {
        const lead = held.trimStart();
        if (lead.startsWith(THOUGHT_OPEN)) {
          this.#held = lead.slice(THOUGHT_OPEN.length);
          this.#stage = 'name';
          this.#sawBlock = true;
          return true;
        }
        if (lead === '' || THOUGHT_OPEN.startsWith(lead)) return false;
        // Answer text: after thoughts, the whitespace that separated them from it is dropped.
        this.#held = this.#sawBlock ? lead : held;
        this.#stage = 'answer';
        return true;
      }
      case 'name': {
        const name = NAME_START.exec(held)?.[0] ?? '';
        const rest = held.slice(name.length);
        if (rest.startsWith('\n')) this.#held = rest.slice(1);
        else if (rest.startsWith(THOUGHT_CLOSE)) this.#held = rest;
        else if (THOUGHT_CLOSE.startsWith(rest) && name.length < NAME_MAX) return false;
        // Anything else: the block has no name line, and all of it is thought.
        this.#stage = 'thought';
        return true;
      }
      case 'thought': {
        const close = held.indexOf(THOUGHT_CLOSE);
        if (close >= 0) {
          out.push(...piece('reasoning', held.slice(0, close)));
          this.#held = held.slice(close + THOUGHT_CLOSE.length);
          this.#stage = 'lead';
          return true;
        }
        const keep = partialSuffix(held, THOUGHT_CLOSE);
        out.push(...piece('reasoning', held.slice(0, held.length - keep)));
        this.#held = held.slice(held.length - keep);
        return false;
      }
      case 'answer':
        return false;
    }
  }

  #answering(): boolean {
    return this.#stage === 'answer';
  }

  #take(): string {
    const held = this.#held;
    this.#held = '';
    return held;
  }
}

/** A whole text split once: the answer, and the thought blocks' content. */
export function splitThoughts(text: string): {text: string; reasoning: string} {
  const splitter = new ThoughtSplitter();
  const out = {text: '', reasoning: ''};
  for (const {kind, text: part} of [...splitter.push(text), ...splitter.end()]) {
    if (kind === 'text') out.text += part;
    else out.reasoning += part;
  }
  return out;
}

/** The answer without its thought blocks: what may be stored and sent back in later turns. */
export function stripThoughts(text: string): string {
  return splitThoughts(text).text;
}

function piece(kind: ThoughtPiece['kind'], text: string): ThoughtPiece[] {
  return text === '' ? [] : [{kind, text}];
}

/** Adjacent pieces of one kind become one. */
function merge(pieces: ThoughtPiece[]): ThoughtPiece[] {
  const out: ThoughtPiece[] = [];
  for (const next of pieces) {
    const last = out.at(-1);
    if (last?.kind === next.kind) last.text += next.text;
    else out.push({...next});
  }
  return out;
}

/** Length of the longest end of `text` that is a proper beginning of `marker`. */
function partialSuffix(text: string, marker: string): number {
  for (let length = Math.min(marker.length - 1, text.length); length > 0; length--) {
    if (text.endsWith(marker.slice(0, length))) return length;
  }
  return 0;
}
