const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';

export type InputPart = {paste: true; text: string} | {paste: false; sequence: string};

export interface PasteSplitter {
  /**
   * Takes one input event from ink and returns it as pasted text and key sequences, in order. A
   * paste comes out whole, once its end marker has arrived: a large paste reaches the prompt as
   * one edit and one frame, not one per read of the terminal (a pty hands over 4 KB a read).
   */
  push(event: string): InputPart[];
  /** The text of the paste still arriving, taken now (the rest follows); for a paste that is slow to arrive. */
  flush(): InputPart[];
  /** A paste has begun and not yet ended. */
  readonly pasting: boolean;
}

// The length of the longest tail of `text` that could begin `marker`, so a marker cut in two is kept.
function partialMarkerLength(text: string, marker: string): number {
  for (let length = Math.min(marker.length - 1, text.length); length > 0; length -= 1) {
    if (marker.startsWith(text.slice(text.length - length))) return length;
  }
  return 0;
}

// Pasted text is inserted verbatim, except carriage returns and escape sequences (e.g. colours
// copied from another terminal), which would corrupt the prompt's rendering.
function cleanPaste(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\x1b\[[0-?]*[ -/]*[@-~]/g, '')
    .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '');
}

/**
 * Tracks bracketed paste across ink's input events. Ink's tokenizer normally hands over the markers
 * as events of their own, but when a large paste is split across reads it may flush half a marker
 * (`\x1b[20`) on its own, so a tail that could start a marker is carried into the next event.
 */
export function createPasteSplitter(): PasteSplitter {
  let pasting = false;
  let carry = '';
  // The raw pieces of the paste in progress, cleaned once it is taken (a CRLF may be cut in two).
  let held: string[] = [];
  const take = (ended: boolean): InputPart[] => {
    let raw = held.join('');
    held = [];
    // A CR at the end may be the first half of a CRLF still to come.
    if (!ended && raw.endsWith('\r')) {
      held = ['\r'];
      raw = raw.slice(0, -1);
    }
    const text = cleanPaste(raw);
    return text === '' ? [] : [{paste: true, text}];
  };
  return {
    get pasting() {
      return pasting;
    },
    flush: () => take(false),
    push(event) {
      let buffer = carry + event;
      carry = '';
      const parts: InputPart[] = [];
      while (buffer !== '') {
        const marker = pasting ? PASTE_END : PASTE_START;
        const at = buffer.indexOf(marker);
        if (at === -1) {
          // Outside a paste a trailing lone ESC is the Escape key (or Alt+Esc), never held back.
          const tail = partialMarkerLength(buffer, marker);
          const kept = pasting || tail >= 2 ? tail : 0;
          carry = buffer.slice(buffer.length - kept);
          buffer = buffer.slice(0, buffer.length - kept);
          if (buffer === '') break;
          if (pasting) held.push(buffer);
          else parts.push({paste: false, sequence: buffer});
          break;
        }
        const before = buffer.slice(0, at);
        if (pasting) {
          held.push(before);
          parts.push(...take(true));
        } else if (before !== '') {
          parts.push({paste: false, sequence: before});
        }
        pasting = !pasting;
        buffer = buffer.slice(at + marker.length);
      }
      return parts;
    },
  };
}
