/** A walk through previous inputs: the entry shown, and the draft to restore when walking back past the newest. */
export interface HistoryWalk {
  readonly index: number;
  readonly draft: string;
}

export interface WalkStep {
  walk: HistoryWalk | undefined;
  text: string;
}

/** One step older or newer through `entries` (oldest first); undefined when there is nowhere to go. */
export function walkHistory(
  walk: HistoryWalk | undefined,
  entries: readonly string[],
  current: string,
  direction: 'older' | 'newer',
): WalkStep | undefined {
  if (direction === 'older') {
    const index = (walk?.index ?? entries.length) - 1;
    const text = entries[index];
    if (text === undefined) return undefined;
    return {walk: {index, draft: walk?.draft ?? current}, text};
  }
  if (!walk) return undefined;
  const text = entries[walk.index + 1];
  if (text === undefined) return {walk: undefined, text: walk.draft};
  return {walk: {index: walk.index + 1, draft: walk.draft}, text};
}
