import {useState} from 'react';
import type {ChatSnapshot} from '../chat/chat-types.js';
import {createTranscriptFeed, type TranscriptFeed} from './transcript-feed.js';
import type {TranscriptView} from './transcript-view.js';
import type {MaterialNotes} from './transcript-collapse.js';

/** The scrollback items and live tail for a snapshot; the feed remembers what was printed. */
export function useTranscriptView(snapshot: ChatSnapshot, given?: TranscriptFeed, notes?: MaterialNotes): TranscriptView {
  const [feed] = useState(() => given ?? createTranscriptFeed(Date.now, notes));
  // The feed returns its cached view for a snapshot it has seen, so a repeated render is harmless.
  return feed.update(snapshot);
}
