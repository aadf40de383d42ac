import type {ChatController, DeltaListener} from '../../src/chat/chat-controller.js';
import type {AssistantEntry, ChatSnapshot, LiveAnswer, NoticeEntry, TranscriptEntry, UserEntry} from '../../src/chat/chat-types.js';
import {addTurn, NO_TOTALS} from '../../src/chat/chat-totals.js';

type NewEntry = Omit<AssistantEntry, 'id'> | Omit<NoticeEntry, 'id'> | Omit<UserEntry, 'id'>;

/**
 * A ChatController driven by the test, one step at a time. Like the real session it replaces the
 * snapshot on every change, keeps `entries` identity until an entry is added, and finishes an
 * answer in two updates (live cleared, then the entry appended).
 */
export class FakeChatController implements ChatController {
  readonly submitted: string[] = [];
  cancels = 0;
  private snapshot: ChatSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly deltaListeners = new Set<DeltaListener>();
  private nextId = 1;

  constructor(header = 'gemma · google:gemma@4-31b') {
    this.snapshot = {
      header,
      entries: [],
      live: null,
      showThinking: false,
      rawAnswers: false,
      totals: NO_TOTALS,
      exitRequested: false,
    };
  }

  getSnapshot = (): ChatSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  onDelta(listener: DeltaListener): () => void {
    this.deltaListeners.add(listener);
    return () => this.deltaListeners.delete(listener);
  }

  submit(input: string): void {
    this.submitted.push(input);
  }

  cancel(): boolean {
    this.cancels++;
    return this.snapshot.live !== null;
  }

  completions(): readonly string[] {
    return ['/help', '/set'];
  }

  set(patch: Partial<ChatSnapshot>): void {
    this.snapshot = {...this.snapshot, ...patch};
    for (const listener of this.listeners) listener();
  }

  append(...entries: NewEntry[]): void {
    const added = entries.map((entry) => ({...entry, id: this.nextId++}) as TranscriptEntry);
    this.set({entries: [...this.snapshot.entries, ...added]});
  }

  /** A user turn and a live answer in the connecting phase. */
  ask(text: string, startedAt = Date.now()): void {
    this.append({kind: 'user', text});
    this.live({phase: 'connecting', startedAt, text: '', reasoning: ''});
  }

  live(patch: Partial<LiveAnswer>): void {
    const current = this.snapshot.live ?? {phase: 'connecting', startedAt: Date.now(), text: '', reasoning: ''};
    this.set({live: {...current, ...patch}});
  }

  think(text: string): void {
    const live = this.requireLive();
    this.live({phase: 'thinking', reasoning: live.reasoning + text});
    for (const listener of this.deltaListeners) void listener('reasoning', text);
  }

  token(text: string): void {
    const live = this.requireLive();
    this.live({phase: 'answering', text: live.text + text});
    for (const listener of this.deltaListeners) void listener('text', text);
  }

  /** Ends the live answer as the real session does: totals and live first, the entry after. */
  finish(extra: Partial<Omit<AssistantEntry, 'id' | 'kind'>> = {}): void {
    const live = this.requireLive();
    const entry: Omit<AssistantEntry, 'id'> = {
      kind: 'assistant',
      text: live.text,
      reasoning: live.reasoning,
      finishReason: 'stop',
      interrupted: false,
      timing: {totalMs: Date.now() - live.startedAt},
      ...extra,
    };
    this.set({live: null, totals: addTurn(this.snapshot.totals, [entry], true)});
    this.append(entry);
  }

  private requireLive(): LiveAnswer {
    const live = this.snapshot.live;
    if (!live) throw new Error('no live answer: call ask() first');
    return live;
  }
}
