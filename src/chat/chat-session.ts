import type {ChatMessage} from '../api/types.js';
import {resolveSettings, type ResolvedSettings, type RoleLayer} from '../config/resolve-settings.js';
import {GemmaError, InterruptedError, UsageError} from '../errors.js';
import type {SettingValue} from '../settings/setting-types.js';
import {openStoredSession, requireAttachedFiles} from '../sessions/open-session.js';
import {skippedWarning} from '../sessions/read-session.js';
import type {StoredSession} from '../sessions/session-index.js';
import type {ChatController, DeltaListener} from './chat-controller.js';
import type {ChatSnapshot, NoticeEntry} from './chat-types.js';
import {CommandQueue} from './command-queue.js';
import {DeltaListeners} from './delta-listeners.js';
import {Conversation} from './conversation.js';
import {restoredEntries} from './restored-entries.js';
import {sessionHeader} from './session-header.js';
import {SessionRecording, type SessionRecorder} from './session-recording.js';
import {NO_TOTALS, storedTotals} from './chat-totals.js';
import {commandOf, escapedMessage, shellLineOf} from './command-line.js';
import {runShellTurn} from './shell-turn.js';
import {NOTHING_TO_COMPACT} from './compaction.js';
import {runTurn} from './run-turn.js';
import {compactConversation, type CompactionOutcome} from './compact-conversation.js';
import {ContextMeter} from './context-meter.js';
import {SettingOverrides} from './setting-overrides.js';
import {SnapshotStore} from './snapshot-store.js';
import type {ChatSessionOptions} from './chat-session-options.js';
import {attachedText} from '../context/attached-text.js';
import type {SourceText} from '../context/load-sources.js';
import {hasFiles, NO_FILES, PendingAttachments, withMedia, type TurnFiles} from './attachments.js';
import {entryFiles, userEventFor} from './attachments-record.js';
import {attachMentions, firstMessage} from './file-commands.js';

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
  /** Files for the next message (/file, /files, /drop, @path). */
  readonly attachments = new PendingAttachments();
  private readonly meter = new ContextMeter();
  private turn: AbortController | undefined;
  /** The question of the last turn when it got no answer that is context; /retry asks it again. */
  private failedQuestion: string | undefined;
  /** The last message sent with files: /retry asks it again with them (its images too). */
  private lastWithFiles: {text: string; files: TurnFiles; question: string} | undefined;
  private readonly now: () => number;
  /** --role, the config's role, or the last /role: a settings layer between the flags and the environment. */
  private roleLayer: RoleLayer | undefined;

  constructor(private readonly options: ChatSessionOptions) {
    this.roleLayer = options.layers.role;
    this.overrides = new SettingOverrides(options.flags);
    this.now = options.now ?? Date.now;
    this.store = new SnapshotStore({...this.settingsShown(), entries: [], live: null, totals: NO_TOTALS, exitRequested: false});
  }

  get storage(): {dataDir: string; save: boolean} | undefined {
    return this.options.storage;
  }

  get files(): ChatSessionOptions['files'] {
    return this.options.files;
  }

  settings(): ResolvedSettings {
    return resolveSettings({...this.options.layers, role: this.roleLayer, ...this.overrides.layers()});
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

  /** Like `submit`, but never a /command: the first message of `chat -f /etc/hosts` starts with a path. Its @paths attach too. */
  submitMessage = (text: string, files: readonly SourceText[] = []): void => {
    this.queue.enqueue(() => firstMessage(this, text, files).then((first) => this.send(first.text, first.files)).catch((error: unknown) => this.notice(error instanceof GemmaError ? error.message : `unexpected error: ${String(error)}`, 'error')));
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

  /** The role in force, if any (/role shows it). */
  role(): RoleLayer | undefined {
    return this.roleLayer;
  }

  /** /role NAME: its settings apply to the next requests; the conversation so far is kept. */
  async switchRole(name: string): Promise<RoleLayer> {
    if (!this.options.loadRole) throw new UsageError('/role: roles cannot be read in this chat');
    this.roleLayer = await this.options.loadRole(name);
    this.settingsChanged();
    return this.roleLayer;
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
    // Before anything changes (the session recorded now stays so); checked again under the lock.
    if (storage) requireAttachedFiles(storage.dataDir, found);
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

  /** `!command` (its output shown) or `/run command` (attached to the next message): shell-turn.ts. */
  shell(command: string, attach: boolean): Promise<void> {
    return runShellTurn({store: this.store, attachments: this.attachments, cwd: this.options.files?.cwd ?? process.cwd(), now: this.now, running: (controller) => (this.turn = controller)}, command, attach);
  }

  /** /compact: the older turns become one summary; says so when there is nothing to compact. */
  async compact(focus?: string): Promise<void> {
    if ((await this.compactConversation(focus)) === 'nothing') this.notice(NOTHING_TO_COMPACT);
  }

  /** The summary request before a turn or for /compact (src/chat/compact-conversation.ts). */
  private compactConversation(focus: string | undefined, auto = false): Promise<CompactionOutcome> {
    return compactConversation({...this.requestHost(this.settings()), notice: (text, level) => this.notice(text, level)}, focus, auto);
  }

  /** What a request of this chat (a turn, a compaction) reads and changes. */
  private requestHost(settings: ResolvedSettings) {
    return {
      settings,
      conversation: this.conversation,
      store: this.store,
      connect: this.options.connect,
      infer: this.options.infer,
      now: this.now,
      running: (controller: AbortController | undefined) => (this.turn = controller),
      record: (event: Parameters<SessionRecording['record']>[0]) => this.recording.record(event),
    };
  }

  /** A user turn and its answer; the files attached so far go with it (and are detached). */
  async send(text: string, files: TurnFiles = this.attachments.take()): Promise<void> {
    const question = attachedText(files.texts, text);
    this.store.append([{kind: 'user', text: question, ...(hasFiles(files) ? {files: entryFiles(files)} : {})}]);
    const storage = this.options.storage;
    this.recording.record(userEventFor(text, files, storage?.save ? storage.dataDir : undefined, (line) => this.notice(line, 'warning')));
    this.lastWithFiles = hasFiles(files) ? {text, files, question} : undefined;
    await this.answer(question, files);
  }

  /** /retry: asks a failed turn's question again (a new turn: the session file reads as it happened), or else regenerates the last answer. */
  async retry(): Promise<void> {
    const failed = this.failedQuestion;
    if (failed !== undefined) {
      this.notice('asking the failed question again');
      const last = this.lastWithFiles;
      return last?.question === failed ? this.send(last.text, last.files) : this.send(failed);
    }
    const question = this.conversation.dropLastExchange();
    if (question === undefined) throw new UsageError('/retry: there is no question to answer again');
    this.recording.record({type: 'retry'});
    this.notice('retrying the last question');
    await this.answer(question, this.lastWithFiles?.question === question ? this.lastWithFiles.files : NO_FILES);
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
      const command = commandOf(input) ?? shellLineOf(input);
      if (command !== undefined && this.options.runCommand) await this.options.runCommand(this, command);
      else await this.send(await attachMentions(this, escapedMessage(input)));
    } catch (error) {
      this.notice(error instanceof GemmaError ? error.message : `unexpected error: ${String(error)}`, 'error');
    }
  }

  /** Answers `question` after the conversation so far; only an answer with text makes both context. */
  private async answer(question: string, files: TurnFiles = NO_FILES): Promise<void> {
    // Until the answer comes (whatever stops it, a throw included), this is the question /retry asks.
    this.failedQuestion = question;
    await runTurn(
      {
        ...this.requestHost(withMedia(this.settings(), files)),
        meter: this.meter,
        emit: (kind, text) => this.deltas.emit(kind, text),
        answered: () => (this.failedQuestion = undefined),
        compact: () => this.compactConversation(undefined, true),
      },
      question,
    );
  }
}
