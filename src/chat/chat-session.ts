import type {ConnectionOptions, InferenceEvent, InferenceResult, TextInferenceTask} from '../api/types.js';
import {resolveSettings, type ResolvedSettings, type SettingLayers} from '../config/resolve-settings.js';
import {GemmaError, InterruptedError} from '../errors.js';
import {buildTask} from '../settings/build-task.js';
import type {SettingValue} from '../settings/setting-types.js';
import type {ChatController} from './chat-controller.js';
import type {AssistantEntry, ChatSnapshot, LiveAnswer, NoticeEntry, TranscriptEntry} from './chat-types.js';
import {Conversation} from './conversation.js';
import {requestSummary} from '../sessions/request-summary.js';
import type {SessionWriter} from '../sessions/session-writer.js';
import {sessionHeader} from './session-header.js';

export type InferFn = (task: TextInferenceTask, conn: ConnectionOptions) => AsyncIterable<InferenceEvent>;

export interface ChatSessionOptions {
  /** Environment and config-file layers, and the command's own defaults. */
  layers: Omit<SettingLayers, 'session' | 'flags'>;
  flags: ReadonlyMap<string, SettingValue>;
  infer: InferFn;
  /** Connection options for the settings in force, with the signal of this turn. */
  connect(settings: ResolvedSettings, signal: AbortSignal): ConnectionOptions;
  /** Runs a `/command` line (the command table lives apart from the session). */
  runCommand?: (session: ChatSession, line: string) => Promise<void>;
  completions?: () => readonly string[];
  /** Where sessions are stored (for /sessions and /resume), and whether this chat is saved. */
  storage?: {dataDir: string; save: boolean};
  now?: () => number;
}

/**
 * The chat's state and its one piece of behaviour: running a turn through `infer` and turning
 * the events into transcript entries. No UI: the ink app and the plain line mode both read it.
 */
export class ChatSession implements ChatController {
  readonly conversation = new Conversation();
  readonly session = new Map<string, SettingValue>();
  readonly flags: Map<string, SettingValue>;
  private snapshot: ChatSnapshot;
  private listeners = new Set<() => void>();
  private deltaListeners = new Set<(kind: 'text' | 'reasoning', text: string) => void>();
  private nextId = 1;
  private turn: AbortController | undefined;
  private pending: Promise<void> = Promise.resolve();
  private readonly now: () => number;
  /** Where every event of the conversation is appended (undefined with --no-save). */
  recorder: Pick<SessionWriter, 'append' | 'close' | 'opened' | 'id'> | undefined;

  constructor(private readonly options: ChatSessionOptions) {
    this.flags = new Map(options.flags);
    this.now = options.now ?? Date.now;
    const settings = this.settings();
    this.snapshot = {
      header: sessionHeader(settings),
      entries: [],
      live: null,
      showThinking: settings.get('showThinking')?.value === true,
      totals: {turns: 0, promptTokens: 0, completionTokens: 0, cost: 0},
      exitRequested: false,
    };
  }

  get storage(): {dataDir: string; save: boolean} | undefined {
    return this.options.storage;
  }

  settings(): ResolvedSettings {
    return resolveSettings({...this.options.layers, flags: this.flags, session: this.session});
  }

  getSnapshot = (): ChatSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /**
   * Each piece of the answer as it arrives. The plain line mode prints these: slicing the growing
   * live text instead would flatten it on every token and cost quadratic time on long answers.
   */
  onDelta(listener: (kind: 'text' | 'reasoning', text: string) => void): () => void {
    this.deltaListeners.add(listener);
    return () => this.deltaListeners.delete(listener);
  }

  completions = (): readonly string[] => this.options.completions?.() ?? [];

  update(change: Partial<ChatSnapshot>): void {
    this.snapshot = {...this.snapshot, ...change};
    for (const listener of this.listeners) listener();
  }

  /** Appends finished entries; the array is replaced, so entries keep identity per append only. */
  append(...entries: Array<Omit<NoticeEntry, 'id'> | Omit<AssistantEntry, 'id'> | {kind: 'user'; text: string}>): void {
    const added = entries.map((entry) => ({...entry, id: this.nextId++}) as TranscriptEntry);
    this.update({entries: [...this.snapshot.entries, ...added]});
  }

  notice(text: string, level: NoticeEntry['level'] = 'info'): void {
    this.append({kind: 'notice', level, text});
  }

  refreshHeader(): void {
    const settings = this.settings();
    this.update({header: sessionHeader(settings)});
  }

  /** Messages are sent one after another; a command waits for the turn before it. */
  submit = (input: string): void => {
    this.pending = this.pending.then(() => this.handle(input));
  };

  /** Resolves when everything submitted so far is done (the plain mode and tests wait on it). */
  idle(): Promise<void> {
    return this.pending;
  }

  cancel = (): boolean => {
    if (!this.turn) return false;
    this.turn.abort(new InterruptedError());
    return true;
  };

  private async handle(input: string): Promise<void> {
    try {
      if (input.trimStart().startsWith('/') && this.options.runCommand) await this.options.runCommand(this, input.trim());
      else await this.send(input);
    } catch (error) {
      this.notice(error instanceof GemmaError ? error.message : `unexpected error: ${String(error)}`, 'error');
    }
  }

  /** Stops recording into the current session file and releases its lock. */
  closeRecorder(): void {
    this.recorder?.close();
    this.recorder = undefined;
  }

  /** Appends one event to the session file; a failing disk is reported, the chat goes on. */
  record(event: Parameters<SessionWriter['append']>[0]): void {
    try {
      this.recorder?.append(event);
    } catch (error) {
      this.notice(error instanceof GemmaError ? error.message : String(error), 'error');
    }
  }

  /** A user turn and its answer. */
  async send(text: string): Promise<void> {
    this.append({kind: 'user', text});
    this.conversation.addUser(text);
    this.record({type: 'user', text});
    await this.answer();
  }

  /** Answers the conversation as it stands (used by send and /retry). */
  async answer(): Promise<void> {
    const settings = this.settings();
    const task = await buildTask(settings, this.conversation.messages());
    const controller = new AbortController();
    this.turn = controller;
    const startedAt = this.now();
    let live: LiveAnswer = {phase: 'connecting', startedAt, text: '', reasoning: ''};
    const timing = {firstReasoning: undefined as number | undefined, firstText: undefined as number | undefined};
    this.update({live});
    const finish = (results: InferenceResult[], interrupted: boolean, error?: GemmaError): void => {
      const totalMs = this.now() - startedAt;
      // The stream's text is gathered once, in `live`; `infer` is told not to keep a second copy.
      const whole = results.map((result) => (result.index === 0 && result.text === '' ? {...result, text: live.text, reasoning: result.reasoning || live.reasoning} : result));
      const entries = whole.map((result) => ({
        ...answerEntry(result, whole.length, interrupted, {timing, startedAt, totalMs}),
        ...(error ? {failed: true} : {}),
      }));
      const first = whole[0];
      if (first) {
        this.conversation.addAssistant(first.text);
        const {usage, cost} = first;
        this.record({
          type: 'assistant', text: first.text, reasoning: first.reasoning, finishReason: first.finishReason, interrupted,
          taskUUID: first.taskUUID, request: requestSummary(task), ...(usage ? {usage} : {}), ...(cost === undefined ? {} : {cost}),
        });
      }
      const totals = {...this.snapshot.totals, turns: this.snapshot.totals.turns + 1};
      for (const entry of entries) {
        totals.promptTokens += entry.usage?.promptTokens ?? 0;
        totals.completionTokens += entry.usage?.completionTokens ?? 0;
        totals.cost += entry.cost ?? 0;
      }
      this.update({live: null, totals});
      const shown = entries.filter((entry) => entry.text !== '' || entry.reasoning !== '' || !interrupted);
      const notes: Omit<NoticeEntry, 'id'>[] = [];
      if (error) notes.push({kind: 'notice', level: 'error', text: error.message + (error.hint ? ` (${error.hint})` : '')});
      else if (interrupted && shown.length === 0) notes.push({kind: 'notice', level: 'info', text: 'cancelled'});
      this.append(...shown, ...notes);
    };
    try {
      for await (const event of this.options.infer(task, {...this.options.connect(settings, controller.signal), collectText: false})) {
        switch (event.type) {
          case 'reasoning':
            timing.firstReasoning ??= this.now();
            live = {...live, phase: 'thinking', reasoning: live.reasoning + event.text};
            for (const listener of this.deltaListeners) listener('reasoning', event.text);
            break;
          case 'text':
            if (event.index !== 0) break;
            timing.firstText ??= this.now();
            live = {...live, phase: 'answering', text: live.text + event.text};
            for (const listener of this.deltaListeners) listener('text', event.text);
            break;
          case 'retry':
            live = {...live, phase: 'retrying', retryAt: this.now() + event.delayMs, retryReason: event.reason, retryAttempt: event.attempt};
            break;
          case 'pending':
            live = {...live, phase: 'waiting'};
            break;
          case 'done':
            finish(event.results, false);
            return;
        }
        this.update({live});
      }
    } catch (error) {
      const partial: InferenceResult = {taskUUID: task.taskUUID, index: 0, text: live.text, reasoning: live.reasoning, finishReason: null};
      if (controller.signal.aborted) finish([partial], true);
      else finish(live.text || live.reasoning ? [partial] : [], false, error instanceof GemmaError ? error : new GemmaError(String(error), 1));
    } finally {
      this.turn = undefined;
    }
  }
}

function answerEntry(
  result: InferenceResult,
  of: number,
  interrupted: boolean,
  clock: {timing: {firstReasoning?: number; firstText?: number}; startedAt: number; totalMs: number},
): Omit<AssistantEntry, 'id'> {
  const {timing, startedAt, totalMs} = clock;
  const firstTokenMs = timing.firstText === undefined ? undefined : timing.firstText - startedAt;
  const thinkingMs = timing.firstReasoning === undefined ? undefined : (timing.firstText ?? startedAt + totalMs) - timing.firstReasoning;
  const streamingMs = firstTokenMs === undefined ? 0 : totalMs - firstTokenMs;
  const completion = result.usage?.completionTokens;
  return {
    kind: 'assistant',
    text: result.text,
    reasoning: result.reasoning,
    finishReason: result.finishReason,
    interrupted,
    taskUUID: result.taskUUID,
    timing: {totalMs, ...(firstTokenMs === undefined ? {} : {firstTokenMs}), ...(thinkingMs === undefined ? {} : {thinkingMs})},
    ...(result.usage ? {usage: result.usage} : {}),
    ...(result.cost === undefined ? {} : {cost: result.cost}),
    ...(completion && streamingMs > 50 ? {tokensPerSecond: completion / (streamingMs / 1000)} : {}),
    ...(of > 1 ? {result: {index: result.index, of}} : {}),
  };
}
