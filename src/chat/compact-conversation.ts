import type {ChatMessage} from '../api/types.js';
import type {ResolvedSettings} from '../config/resolve-settings.js';
import {buildTask} from '../request/build-task.js';
import {addUsage} from '../sessions/usage-totals.js';
import type {ChatSessionOptions} from './chat-session-options.js';
import type {SessionRecording} from './session-recording.js';
import type {NoticeEntry} from './chat-types.js';
import {compactionMarker, planCompaction, summarize} from './compaction.js';
import {contextWindowOf} from './context-meter.js';
import type {SnapshotStore} from './snapshot-store.js';

export type CompactionOutcome = 'nothing' | 'done' | 'failed' | 'cancelled';

/** What a compaction reads and changes of the chat. */
interface CompactionHost {
  settings: ResolvedSettings;
  conversation: {messages(): ChatMessage[]; restore(messages: readonly ChatMessage[]): void};
  store: SnapshotStore;
  connect: ChatSessionOptions['connect'];
  infer: ChatSessionOptions['infer'];
  now: () => number;
  /** The request in flight (Ctrl-C cancels it), then undefined. */
  running(controller: AbortController | undefined): void;
  record: SessionRecording['record'];
  notice(text: string, level: NoticeEntry['level']): void;
}

/**
 * One request summarizes the older turns (src/chat/compaction.ts); on success the summary and
 * the newest turns are what is sent from now on, recorded as a `compact` event. A failure (or a
 * cancel) changes nothing; before a turn (`auto`) it is a warning, the turn goes on.
 */
export async function compactConversation(host: CompactionHost, focus: string | undefined, auto: boolean): Promise<CompactionOutcome> {
  const {settings, conversation, store} = host;
  const plan = planCompaction(conversation.messages(), contextWindowOf(settings));
  if (!plan) return 'nothing';
  const controller = new AbortController();
  host.running(controller);
  store.update({live: {phase: 'compacting', startedAt: host.now(), text: '', reasoning: ''}});
  const conn = {...host.connect(settings, controller.signal), collectText: true};
  const outcome = await summarize(plan, focus, {
    build: (messages) => buildTask(settings.with('numberResults', {value: 1, source: 'default'}), messages),
    send: (task) => host.infer(task, conn),
    signal: controller.signal,
    ...(conn.apiKey ? {secret: conn.apiKey} : {}),
  }).finally(() => host.running(undefined));
  if (!outcome.ok) {
    store.update({live: null});
    host.notice(`${outcome.why}; the conversation is unchanged`, outcome.cancelled ? 'info' : auto ? 'warning' : 'error');
    return outcome.cancelled ? 'cancelled' : 'failed';
  }
  conversation.restore([...outcome.messages, ...plan.kept]);
  host.record(outcome.event);
  const totals = store.get().totals;
  store.update({live: null, totals: {...totals, ...addUsage(totals, outcome.event.usage, outcome.event.cost)}});
  host.notice(compactionMarker(plan, outcome.messages), 'info');
  return 'done';
}
