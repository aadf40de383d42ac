import {describe, expect, it} from 'vitest';
import {PendingAttachments} from '../../src/chat/attachments.js';
import type {ChatSnapshot} from '../../src/chat/chat-types.js';
import {runShellTurn} from '../../src/chat/shell-turn.js';
import type {SnapshotStore} from '../../src/chat/snapshot-store.js';

/** A store that keeps each live snapshot, stamped with when it came. */
function recordingStore(): {store: SnapshotStore; lives: {at: number; tail: string | undefined}[]} {
  const lives: {at: number; tail: string | undefined}[] = [];
  const started = Date.now();
  const store = {
    update: (change: Partial<ChatSnapshot>) => {
      if (change.live !== undefined) lives.push({at: Date.now() - started, tail: change.live?.shell?.tail});
    },
    append: () => undefined,
  } as unknown as SnapshotStore;
  return {store, lives};
}

describe('a !command while it runs', () => {
  it('shows output that came just after the last snapshot before the command pauses, not at its end', async () => {
    const {store, lives} = recordingStore();
    const host = {store, attachments: new PendingAttachments(), cwd: process.cwd(), now: Date.now, running: () => undefined};
    // Two pieces within the throttle's 100 ms, then a pause: the second must not wait for the end.
    await runShellTurn(host, 'printf "compiling\\n"; printf "step 2\\n"; sleep 1; printf "done\\n"', false);
    // Shown during the pause: a snapshot with it and without what came after the pause.
    const shown = lives.filter((live) => live.tail?.includes('step 2') && !live.tail.includes('done'));
    expect(shown.length).toBeGreaterThan(0);
    // The command's end clears the live region, and no late snapshot brings it back.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(lives.at(-1)?.tail).toBeUndefined();
  });
});
