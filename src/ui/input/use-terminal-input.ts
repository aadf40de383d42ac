import {useEffect, useEffectEvent} from 'react';
import {decodeKey, type KeyPress} from './decode-key.js';
import {useInkInput} from './ink-input-events.js';
import {createPasteSplitter, type InputPart} from './paste-splitter.js';

// Longer than a local paste takes to arrive (3,000 lines over a pty: tens of ms), short enough
// that a paste over a slow link visibly makes progress.
const SHOW_PASTE_SO_FAR_MS = 150;

export interface TerminalInputHandlers {
  onKey(key: KeyPress): void;
  /** Text from a bracketed paste, whole (in pieces only if it is slow to arrive); newlines included. */
  onPaste(text: string): void;
}

/**
 * Reads keys from ink's stdin. Ink's `useInput` would do, but it loses what a prompt needs: it reports
 * Backspace (`\x7f`) and Delete (`\x1b[3~`) alike as `key.delete`, strips the ESC from unknown
 * sequences so a paste marker arrives as the text `[200~`, and cannot tell Alt+Enter from Enter. So
 * this listens to the same event stream `useInput` does, already split by ink into single escape
 * sequences and runs of text (with escape sequences cut across reads put back together), and decodes
 * each event itself.
 */
export function useTerminalInput(handlers: TerminalInputHandlers, isActive = true): void {
  const {subscribe, setRawMode} = useInkInput();

  const handleEvent = useEffectEvent((parts: InputPart[]) => {
    for (const part of parts) {
      if (part.paste) handlers.onPaste(part.text);
      else for (const key of decodeKey(part.sequence)) handlers.onKey(key);
    }
  });

  useEffect(() => {
    if (!isActive) return;
    setRawMode(true);
    return () => setRawMode(false);
  }, [isActive, setRawMode]);

  useEffect(() => {
    if (!isActive) return;
    const splitter = createPasteSplitter();
    // A paste is handed over whole when it ends; one still arriving after a while (a slow link)
    // is shown as far as it has come, a few times a second.
    let showSoFar: NodeJS.Timeout | undefined;
    const listener = (event: string) => {
      handleEvent(splitter.push(event));
      if (!splitter.pasting) {
        clearTimeout(showSoFar);
        showSoFar = undefined;
      } else {
        showSoFar ??= setTimeout(() => {
          showSoFar = undefined;
          handleEvent(splitter.flush());
        }, SHOW_PASTE_SO_FAR_MS);
      }
    };
    const stop = subscribe(listener);
    return () => {
      clearTimeout(showSoFar);
      stop();
    };
  }, [isActive, subscribe]);
}
