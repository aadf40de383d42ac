import {redact} from '../api/redact.js';
import type {ChatMessage, ConnectionOptions, InferenceEvent, InferenceResult, TextInferenceTask} from '../api/types.js';
import {resolveSettings, type ResolvedSettings, type SettingLayers} from '../config/resolve-settings.js';
import {ExitCode, GemmaError, InterruptedError, UsageError} from '../errors.js';
import {buildTask} from '../request/build-task.js';
import type {SettingValue} from '../settings/setting-types.js';
import {answerContext, answerEvent, turnEndOf, type TurnEnd} from '../sessions/answer-event.js';
import {openStoredSession} from '../sessions/open-session.js';
import {skippedWarning} from '../sessions/read-session.js';
import type {StoredSession} from '../sessions/session-index.js';
import {answerEntry} from './answer-entry.js';
import type {ChatController, DeltaListener} from './chat-controller.js';
import type {ChatSnapshot, LiveAnswer, NoticeEntry} from './chat-types.js';
import {CommandQueue} from './command-queue.js';
import {DeltaListeners} from './delta-listeners.js';
import {Conversation} from './conversation.js';
import {restoredEntries} from './restored-entries.js';
import {sessionHeader} from './session-header.js';
import {SessionRecording, type SessionRecorder} from './session-recording.js';
import {addTurn, NO_TOTALS, storedTotals} from './chat-totals.js';
import {commandOf, escapedMessage} from './command-line.js';
import {SettingOverrides} from './setting-overrides.js';
import {SnapshotStore} from './snapshot-store.js';
import {TurnTiming} from './turn-timing.js';

export type InferFn = (task: TextInferenceTask, conn: ConnectionOptions) => AsyncIterable<InferenceEvent>;

export interface ChatSessionOptions {
  /** Environment and config-file layers, and the command's own defaults. */
  layers: Omit<SettingLayers, 'session' | 'flags'>;
  flags: ReadonlyMap<string, SettingValue>;
  infer: InferFn;
  /** Connection options for the settings in force, with the signal of this turn. */
  connect(settings: ResolvedSettings, signal: AbortSignal): ConnectionOptions;
  /** Runs a `/command` line (the command table lives apart from the chat). */
  runCommand?: (chat: ChatSession, line: string) => Promise<void>;
  completions?: () => readonly string[];
  /** Where sessions are stored (for /sessions and /resume), and whether this chat is saved. */
  storage?: {dataDir: string; save: boolean};
  now?: () => number;
}

/**
 * One run of `gemma chat`: its state, what the user can do to it (each method one thing the
 * user did, recorded into the stored session as it happened), and running a turn through
 * `infer` into transcript entries. No UI: the ink app and the plain line mode both read it.
 */
export class ChatSession implements ChatController {
  private readonly conversation = new Conversation();
  private readonly overrides: SettingOverrides;
  private readonly recording = new SessionRecording((text) => this.notice(text, 'warning'));
  private readonly queue = new CommandQueue();
  private readonly store: SnapshotStore;
  private readonly deltas = new DeltaListeners();
  private turn: AbortController | undefined;
  /** The question of the last turn when it got no answer that is context; /retry asks it again. */
  private failedQuestion: string | undefined;
  private readonly now: () => number;

  constructor(private readonly options: ChatSessionOptions) {
    this.overrides = new SettingOverrides(options.flags);
    this.now = options.now ?? Date.now;
    this.store = new SnapshotStore({...this.settingsShown(), entries: [], live: null, totals: NO_TOTALS, exitRequested: false});
  }

  get storage(): {dataDir: string; save: boolean} | undefined {
    return this.options.storage;
  }

  settings(): ResolvedSettings {
    return resolveSettings({...this.options.layers, ...this.overrides.layers()});
  }

  getSnapshot = (): ChatSnapshot => this.store.get();

  subscribe = (listener: () => void): (() => void) => this.store.subscribe(listener);

  onDelta(listener: DeltaListener): () => void {
    return this.deltas.add(listener);
  }

  completions = (): readonly string[] => this.options.completions?.() ?? [];

  /** Messages are sent one after another; a command waits for the turn before it. */
  submit = (input: string): void => {
    this.queue.enqueue(() => this.handle(input));
  };

  /** Like `submit`, but never a /command: the first message of `chat -f /etc/hosts` starts with a path. */
  submitMessage = (text: string): void => {
    this.queue.enqueue(() => this.send(text).catch((error: unknown) => this.notice(error instanceof GemmaError ? error.message : `unexpected error: ${String(error)}`, 'error')));
  };

  /** Resolves when everything submitted so far is done (the plain mode and tests wait on it). */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  cancel = (): boolean => {
    if (!this.turn) return false;
    this.turn.abort(new InterruptedError());
    return true;
  };

  notice(text: string, level: NoticeEntry['level'] = 'info'): void {
    this.store.append([{kind: 'notice', level, text}]);
  }

  /** The conversation that is sent next, as exchanges (for /save). */
  messages(): ChatMessage[] {
    return this.conversation.messages();
  }

  /** The last answer that is context (for /copy), if any. */
  lastAnswer(): string | undefined {
    return this.conversation.lastAnswer();
  }

  /** /set: `name` (the table's name) is `value` (already validated) for the next requests. */
  setSetting(name: string, value: SettingValue): void {
    this.overrides.set(name, value);
    this.recording.record({type: 'setting', name, value});
    this.settingsChanged();
  }

  /** /unset: back to the config file or default, a flag this chat was started with included. */
  unsetSetting(name: string): void {
    this.overrides.unset(name);
    this.recording.record({type: 'setting', name, value: null});
    this.settingsChanged();
  }

  /** /clear: a new conversation; earlier turns stay on screen but are not sent. */
  clear(): void {
    this.conversation.clear();
    this.failedQuestion = undefined;
    this.recording.record({type: 'clear'});
  }

  /** /undo: drops the last exchange from what is sent; false when there is none. */
  undo(): boolean {
    if (!this.conversation.undo()) return false;
    this.failedQuestion = undefined;
    this.recording.record({type: 'undo'});
    return true;
  }

  /** /exit: the UI and the line mode leave once they see it. */
  requestExit(): void {
    this.store.update({exitRequested: true});
  }

  /** Records every event of this chat into `recorder` from now on (none with --no-save). */
  attachRecorder(recorder: SessionRecorder | undefined): void {
    this.recording.attach(recorder);
  }

  /** Stops recording into the current session file and releases its lock. */
  closeRecorder(): void {
    this.recording.close();
  }

  /** The id of the session this chat was saved in, once anything was written to it. */
  savedAs(): string | undefined {
    return this.recording.savedAs();
  }

  /**
   * /resume: what is sent next is the stored conversation after its last /clear, its /set values
   * come back (flags given now win), its turns are shown, and new events append to its file. The
   * file is locked, then read again under the lock: what another gemma wrote meanwhile is kept.
   */
  resume(found: StoredSession): void {
    const storage = this.options.storage;
    // Resuming the session this chat is writing: its lock is ours, release it before taking it again.
    if (this.recording.records(found.id)) this.recording.close();
    const opened = storage?.save ? openStoredSession(storage.dataDir, found) : undefined;
    const stored = opened?.session ?? found;
    this.recording.attach(opened?.writer);
    this.conversation.restore(stored.messages);
    this.failedQuestion = stored.failedPrompt?.text;
    this.overrides.restore(stored.settings);
    this.settingsChanged();
    // The footer's session numbers are the stored session's, as `sessions list` counts them.
    this.store.update({totals: storedTotals(stored)});
    this.store.append(restoredEntries(stored));
    this.notice(`resumed session ${stored.name ?? stored.id}: ${stored.messages.length} messages will be sent as context`);
    if (stored.skipped > 0) this.notice(skippedWarning(stored.path, stored.skippedLines), 'warning');
  }

  /** A user turn and its answer. */
  async send(text: string): Promise<void> {
    this.store.append([{kind: 'user', text}]);
    this.recording.record({type: 'user', text});
    await this.answer(text);
  }

  /**
   * /retry: asks the question of a turn that failed again (as a new turn, so the session file
   * reads as it happened), or else regenerates the last answer.
   */
  async retry(): Promise<void> {
    const failed = this.failedQuestion;
    if (failed !== undefined) {
      this.notice('asking the failed question again');
      return this.send(failed);
    }
    const question = this.conversation.dropLastExchange();
    if (question === undefined) throw new UsageError('/retry: there is no question to answer again');
    this.recording.record({type: 'retry'});
    this.notice('retrying the last question');
    await this.answer(question);
  }

  private settingsChanged(): void {
    this.store.update(this.settingsShown());
  }

  /** The header, whether reasoning is shown and how answers are follow the settings in force, in one place. */
  private settingsShown(): Pick<ChatSnapshot, 'header' | 'showThinking' | 'rawAnswers'> {
    const settings = this.settings();
    return {
      header: sessionHeader(settings, this.options.layers.defaults),
      showThinking: settings.boolean('showThinking'),
      rawAnswers: settings.string('render') === 'never',
    };
  }

  private async handle(input: string): Promise<void> {
    try {
      const command = commandOf(input);
      if (command !== undefined && this.options.runCommand) await this.options.runCommand(this, command);
      else await this.send(escapedMessage(input));
    } catch (error) {
      this.notice(error instanceof GemmaError ? error.message : `unexpected error: ${String(error)}`, 'error');
    }
  }

  /** Answers `question` after the conversation so far; only an answer with text makes both context. */
  private async answer(question: string): Promise<void> {
    // Until the answer comes (whatever stops it, a throw included), this is the question /retry asks.
    this.failedQuestion = question;
    const settings = this.settings();
    const task = await buildTask(settings, this.conversation.ask(question));
    const controller = new AbortController();
    this.turn = controller;
    const timing = new TurnTiming(this.now);
    let live: LiveAnswer = {phase: 'connecting', startedAt: timing.startedAt, text: '', reasoning: ''};
    this.store.update({live});
    const conn = {...this.options.connect(settings, controller.signal), collectText: false};
    const finish = (results: InferenceResult[], end: TurnEnd, error?: GemmaError): void => {
      const times = timing.end();
      const interrupted = end.how === 'interrupted';
      // The stream's text is gathered once, in `live`; `infer` is told not to keep a second copy.
      const whole = results.map((result) => (result.index === 0 && result.text === '' ? {...result, text: live.text, reasoning: result.reasoning || live.reasoning} : result));
      const entries = whole.map((result) => ({...answerEntry(result, whole.length, interrupted, times), ...(error ? {failed: true} : {})}));
      const event = answerEvent(whole[0] ?? {taskUUID: task.taskUUID, text: live.text, reasoning: live.reasoning, finishReason: null}, task, end, conn.apiKey);
      this.recording.record(event);
      const context = answerContext(event);
      if (context.sent) {
        this.conversation.addExchange(question, context.content);
        this.failedQuestion = undefined;
      }
      this.store.update({live: null, totals: addTurn(this.store.get().totals, entries, context.sent)});
      const shown = entries.filter((entry) => entry.text !== '' || entry.reasoning !== '' || !interrupted);
      const notes: Omit<NoticeEntry, 'id'>[] = [];
      // The message may quote outside text (a malformed event's preview): the key never shows.
      if (error) notes.push({kind: 'notice', level: 'error', text: redact(error.message + (error.hint ? ` (${error.hint})` : ''), conn.apiKey), turnFailed: true});
      else if (!context.sent) notes.push({kind: 'notice', level: 'info', text: context.reason, turnFailed: true});
      this.store.append([...shown, ...notes]);
    };
    try {
      for await (const event of this.options.infer(task, conn)) {
        switch (event.type) {
          case 'reasoning':
            timing.reasoningArrived();
            live = {...live, phase: 'thinking', reasoning: live.reasoning + event.text};
            await this.deltas.emit('reasoning', event.text);
            break;
          case 'text':
            if (event.index !== 0) break;
            timing.textArrived();
            live = {...live, phase: 'answering', text: live.text + event.text};
            // Several results arrive whole, each printed under its own header once the turn ends.
            if ((task.numberResults ?? 1) === 1) await this.deltas.emit('text', event.text);
            break;
          case 'retry':
            live = {...live, phase: 'retrying', retryAt: this.now() + event.delayMs, retryReason: event.reason, retryAttempt: event.attempt};
            break;
          case 'pending':
            live = {...live, phase: 'waiting'};
            break;
          case 'done':
            finish(event.results, {how: 'done'});
            return;
        }
        this.store.update({live});
      }
    } catch (error) {
      const partial: InferenceResult = {taskUUID: task.taskUUID, index: 0, text: live.text, reasoning: live.reasoning, finishReason: null};
      const end = turnEndOf(error, controller.signal);
      if (end.how === 'interrupted') finish([partial], end);
      else finish(live.text || live.reasoning ? [partial] : [], end, error instanceof GemmaError ? error : new GemmaError(String(error), ExitCode.failure));
    } finally {
      this.turn = undefined;
    }
  }
}
