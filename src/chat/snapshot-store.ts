import type {AssistantEntry, ChatSnapshot, NoticeEntry, ShellEntry, TranscriptEntry, UserEntry} from './chat-types.js';

export type NewEntry = Omit<NoticeEntry, 'id'> | Omit<AssistantEntry, 'id'> | Omit<UserEntry, 'id'> | Omit<ShellEntry, 'id'>;

/**
 * The chat's snapshot as the UIs read it: immutable, replaced on every change and announced to
 * the subscribers; `entries` is replaced only when an entry is added (ink's <Static> keys on it).
 */
export class SnapshotStore {
  #snapshot: ChatSnapshot;
  readonly #listeners = new Set<() => void>();
  #nextId = 1;

  constructor(initial: ChatSnapshot) {
    this.#snapshot = initial;
  }

  get(): ChatSnapshot {
    return this.#snapshot;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  update(change: Partial<ChatSnapshot>): void {
    this.#snapshot = {...this.#snapshot, ...change};
    for (const listener of this.#listeners) listener();
  }

  /** Appends finished entries, each given the next id. */
  append(entries: readonly NewEntry[]): void {
    const added = entries.map((entry) => ({...entry, id: this.#nextId++}) as TranscriptEntry);
    this.update({entries: [...this.#snapshot.entries, ...added]});
  }
}
