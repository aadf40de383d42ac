import {useEffect, useState} from 'react';
import type {ChatController} from '../chat/chat-controller.js';
import type {ChatSnapshot} from '../chat/chat-types.js';

/** About 30 renders a second: smooth to the eye, and far below a fast model's token rate. */
const SNAPSHOT_INTERVAL_MS = 33;

/**
 * The controller's snapshot, re-read at most once per interval. The first change after a quiet
 * spell shows at once (a submitted line appears without delay); changes inside the interval are
 * coalesced into one trailing render, so the last snapshot is never lost.
 */
export function useThrottledSnapshot(controller: ChatController, intervalMs = SNAPSHOT_INTERVAL_MS): ChatSnapshot {
  const [snapshot, setSnapshot] = useState(() => controller.getSnapshot());

  useEffect(() => {
    let timer: NodeJS.Timeout | undefined;
    let lastFlush = 0;
    const flush = (): void => {
      timer = undefined;
      lastFlush = Date.now();
      setSnapshot(controller.getSnapshot());
    };
    const onChange = (): void => {
      if (timer !== undefined) return;
      const wait = lastFlush + intervalMs - Date.now();
      if (wait <= 0) flush();
      else timer = setTimeout(flush, wait);
    };
    const unsubscribe = controller.subscribe(onChange);
    // Changes between the first render and this effect would otherwise wait for the next one.
    onChange();
    return () => {
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [controller, intervalMs]);

  return snapshot;
}
