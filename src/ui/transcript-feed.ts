import type {ChatSnapshot, LiveAnswer, TranscriptEntry} from '../chat/chat-types.js';
import {splitCompletedBlocks} from '../chat/split-blocks.js';
import type {StaticItem} from './static-item.js';
import {entryMaterials, type MaterialNotes} from './transcript-collapse.js';
import type {TranscriptView} from './transcript-view.js';

/** Bookkeeping for the answer being streamed, keyed by its startedAt. */
interface Stream {
  startedAt: number;
  tailStart: number;
  /** The live text last seen; its first tailStart characters are in the scrollback. */
  text: string;
  /** Length of the text already split, so an update without new text costs nothing. */
  scanned: number;
  thinkingSince: number | undefined;
  /** The thinking summary is in the scrollback (it is flushed when the answer text begins). */
  thoughtFlushed: boolean;
}

export interface TranscriptFeed {
  /** Same snapshot in, same view out: safe to call from render. */
  update(snapshot: ChatSnapshot): TranscriptView;
}

/**
 * Turns successive snapshots into an append-only list of scrollback items plus the live tail.
 * Work per update is proportional to what changed (new entries, the unflushed tail), never to
 * the length of the conversation: entries are read from the last seen index, and the live text
 * is split from the last block boundary.
 */
export function createTranscriptFeed(now: () => number = Date.now, notes?: MaterialNotes): TranscriptFeed {
  let items: readonly StaticItem[] = [];
  let seen = 0;
  let lastId = -Infinity;
  let lastEntries: readonly TranscriptEntry[] | undefined;
  let nextKey = 0;
  let stream: Stream | undefined;
  /** startedAt of the last answer turned into an entry, should a snapshot still show it live. */
  let finished: number | undefined;
  let lastSnapshot: ChatSnapshot | undefined;
  let lastView: TranscriptView = {items, live: null};

  const key = (kind: string): string => `${kind}-${nextKey++}`;

  // Entries are append-only, so new ones start where the last update stopped. Should the array
  // ever be replaced instead (a cleared session), ids, which only grow, tell the new ones apart.
  function firstUnseen(entries: readonly TranscriptEntry[]): number {
    if (seen <= entries.length && (seen === 0 || entries[seen - 1]?.id === lastId)) return seen;
    let index = entries.length;
    while (index > 0 && (entries[index - 1]?.id ?? -Infinity) > lastId) index--;
    return index;
  }

  function entryItem(entry: TranscriptEntry, snapshot: ChatSnapshot): StaticItem {
    if (entry.kind === 'user') {
      const materials = [...(notes?.take(entry.text) ?? []), ...entryMaterials(entry.files ?? [])];
      return {kind: 'user', key: key('user'), text: entry.text, ...(materials.length > 0 ? {materials} : {})};
    }
    if (entry.kind === 'shell') {
      // The command's running line was a live answer of its own: nothing of it is left to print.
      stream = undefined;
      return {kind: 'shell', key: key('shell'), entry};
    }
    if (entry.kind === 'notice') {
      return {kind: 'notice', key: key('notice'), level: entry.level, text: entry.text, ...(entry.turnFailed ? {turnFailed: true} : {})};
    }
    // The answer that was streaming: print only what its flushed blocks did not. The prefix check
    // runs once per answer, and keeps a stream that ended without an entry from eating the next.
    const streamed = stream && entry.text.startsWith(stream.text.slice(0, stream.tailStart)) ? stream : undefined;
    if (stream) finished = stream.startedAt;
    stream = undefined;
    return {
      kind: 'answer',
      key: key('answer'),
      entry,
      from: streamed?.tailStart ?? 0,
      withThought: !streamed?.thoughtFlushed,
      showThinking: snapshot.showThinking,
      raw: snapshot.rawAnswers,
      totals: snapshot.totals,
    };
  }

  function follow(live: LiveAnswer, snapshot: ChatSnapshot, added: StaticItem[]): Stream {
    if (stream?.startedAt !== live.startedAt) {
      stream = {startedAt: live.startedAt, tailStart: 0, text: '', scanned: 0, thinkingSince: undefined, thoughtFlushed: false};
    }
    const current = stream;
    current.text = live.text;
    if (current.thinkingSince === undefined && (live.phase === 'thinking' || live.reasoning !== '')) {
      current.thinkingSince = now();
    }
    if (!current.thoughtFlushed && live.text !== '') {
      current.thoughtFlushed = true;
      const thought = current.thinkingSince !== undefined || live.reasoning !== '';
      if (thought) {
        const ms = current.thinkingSince === undefined ? undefined : now() - current.thinkingSince;
        added.push({kind: 'thought', key: key('thought'), ms, reasoning: snapshot.showThinking ? live.reasoning : ''});
      }
    }
    if (live.text.length > current.scanned) {
      current.scanned = live.text.length;
      const split = splitCompletedBlocks(live.text, current.tailStart);
      for (const markdown of split.blocks) added.push({kind: 'block', key: key('block'), markdown, raw: snapshot.rawAnswers});
      current.tailStart = split.tailStart;
    }
    return current;
  }

  return {
    update(snapshot) {
      if (snapshot === lastSnapshot) return lastView;
      lastSnapshot = snapshot;
      const added: StaticItem[] = [];
      if (nextKey === 0) added.push({kind: 'header', key: key('header'), text: snapshot.header});
      if (snapshot.entries !== lastEntries) {
        lastEntries = snapshot.entries;
        const entries = snapshot.entries;
        for (let index = firstUnseen(entries); index < entries.length; ) {
          const entry = entries[index] as TranscriptEntry;
          // A resumed session's turns (one append, one marker) become one item of pre-rendered text.
          if (entry.restored) {
            let end = index + 1;
            while (end < entries.length && entries[end]?.restored === entry.restored) end++;
            added.push({kind: 'restored', key: key('restored'), entries: entries.slice(index, end)});
            index = end;
          } else {
            added.push(entryItem(entry, snapshot));
            index++;
          }
        }
        seen = snapshot.entries.length;
        lastId = snapshot.entries.at(-1)?.id ?? lastId;
      }
      const live = snapshot.live?.startedAt === finished ? null : snapshot.live;
      let liveView: TranscriptView['live'] = null;
      if (live) {
        const current = follow(live, snapshot, added);
        liveView = {answer: live, tail: live.text.slice(current.tailStart), thinkingSince: current.thinkingSince};
      } else if (stream && added.length === 0) {
        // The controller may clear `live` one update before it appends the answer. Until then the
        // tail stays on screen (rather than vanishing for a frame), and the stream is kept so the
        // answer still skips the blocks already printed.
        liveView = lastView.live;
      }
      // A copy per flushed block or entry, never per token: <Static> needs a new array to notice.
      if (added.length > 0) items = [...items, ...added];
      lastView = {items, live: liveView};
      return lastView;
    },
  };
}
