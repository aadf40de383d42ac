import {openSync} from 'node:fs';
import {join} from 'node:path';
import {ReadStream} from 'node:tty';
import {infer} from '../api/infer.js';
import {runChatCommand, chatCompletions} from '../chat/chat-commands.js';
import {ChatSession} from '../chat/chat-session.js';
import {attachLoaded} from '../chat/file-commands.js';
import {roleCompletions} from '../chat/role-commands.js';
import {dataDir} from '../config/config-paths.js';
import {resolveSettings, type SettingLayers} from '../config/resolve-settings.js';
import {buildTask} from '../request/build-task.js';
import {chosenRole, loadRole} from '../roles/load-role.js';
import {ExitCode, GemmaError, UsageError} from '../errors.js';
import {lazyImports} from '../lazy-imports.js';
import {checkSessionName, latestSession} from '../sessions/open-session.js';
import {findSession, listSessions, type StoredSession} from '../sessions/session-index.js';
import {newSessionId} from '../sessions/session-paths.js';
import {SessionWriter} from '../sessions/session-writer.js';
import {canDriveTerminal} from '../output/drivable-terminal.js';
import {printPlainChat, type PlainChatOptions} from '../output/plain-chat.js';
import {CHAT_DEFAULTS} from '../settings/chat-defaults.js';
import {modelIdFor} from '../settings/model-id.js';
import {colorFor} from '../output/terminal.js';
import {supportsHyperlinks} from '../ui/markdown/terminal-hyperlinks.js';
import type {SourceText} from '../context/load-sources.js';
import type {CliContext} from './cli-context.js';
import {composeFirstTurnParts, composePrompt, fileSources, loadFileSources, loadFirstAttachments} from './compose-prompt.js';
import {readStdinText} from './read-stdin.js';
import {connectionFor} from './connection-for.js';
import {interruptionFor, withInterrupts} from './interrupt-signal.js';
import {stdinLines} from './stdin-lines.js';
import {requireApiKey} from './require-api-key.js';
import {readExtract} from './extract-flags.js';
import {readSettingFlags} from './setting-flags.js';
import {tuneHeapForLongSession} from './tune-heap.js';

/** The terminal UI shows text; JSON in it would be for nobody. */
const JSON_NEEDS_A_PIPE = '--json is for scripts: send stdout to a pipe or a file (gemma chat --json < questions.txt > answers.jsonl); the terminal UI shows text';

const EXTRACT_NEEDS_A_PIPE = '--extract and --extract-last are for scripts: send stdout to a pipe or a file (gemma chat -x < tasks.txt > code.txt); the terminal UI shows whole answers';

/**
 * The terminal to read keys from: stdin, or /dev/tty when stdin is a pipe; undefined when there is
 * none, or one the UI cannot draw on (TERM=dumb): then the chat is line by line, as on a pipe.
 */
function openTerminalInput(env: Record<string, string | undefined>): ReadStream | undefined {
  if (!canDriveTerminal(process.stdout, env)) return undefined;
  if (process.stdin.isTTY) return process.stdin as ReadStream;
  try {
    return new ReadStream(openSync('/dev/tty', 'r'));
  } catch {
    return undefined;
  }
}

/** `gemma chat`: the terminal UI, or plain line-by-line answers without a terminal. */
export async function runChat(args: string[], opts: Record<string, unknown>, context: CliContext): Promise<void> {
  const flags = await readSettingFlags(opts);
  const extract = readExtract(opts);
  const store = context.store();
  const role = await chosenRole(opts.role, store.all(), {env: context.env, piped: !process.stdout.isTTY});
  const layers: SettingLayers = {env: context.env, stored: store.all(), storedPath: store.path, defaults: CHAT_DEFAULTS, ...(role ? {role} : {})};
  const piped = !process.stdin.isTTY;
  const files = fileSources(opts);
  // No prompt and nothing piped: -f's texts wait for the first message typed, as /file's do.
  const waiting = files.length > 0 && args.length === 0 && !piped && !files.includes('-') ? await loadFirstAttachments(files, {flags, env: context.env}) : undefined;
  // Before the check: an image among the sources joins the flags' images.
  const firstParts = files.length > 0 && !waiting ? await composeFirstTurnParts(args, {files, readsStdin: piped, flags, env: context.env}) : undefined;
  // The chat attaches -f's texts to the first message, as /file would: one line each on screen, stored once.
  const firstWithFiles = firstParts?.message;
  // Everything a request needs is checked now (ranges, media files, -n with stream), so a bad
  // flag is exit 2 before the first turn, not an error repeated on every line.
  const settings = resolveSettings({...layers, flags});
  await buildTask(settings, [{role: 'user', content: 'check'}]);
  const terminal = openTerminalInput(context.env);
  const json = settings.boolean('json');
  if (terminal && (json || extract)) {
    if (terminal !== process.stdin) terminal.destroy();
    throw new UsageError(json ? JSON_NEEDS_A_PIPE : EXTRACT_NEEDS_A_PIPE);
  }
  const lineByLine = !terminal && piped && args.length === 0 && firstWithFiles === undefined;
  // Kept apart so the terminal transcript can show it as one line (`[stdin: N lines, M kB]`).
  const stdinText = firstWithFiles === undefined && !lineByLine && piped ? await readStdinText() : undefined;
  const first = firstWithFiles ?? (lineByLine ? undefined : args.length > 0 || piped ? composePrompt(args, stdinText) : undefined);
  const apiKey = requireApiKey(context);
  const storage = {dataDir: dataDir(context.env), save: opts.save !== false};
  const stored = findStoredSession(opts, storage.dataDir);
  const chat = new ChatSession({
    storage,
    layers,
    flags,
    infer,
    runCommand: runChatCommand,
    completions: () => [...new Set([...chatCompletions(), ...roleCompletions(context.env)])],
    loadRole: (name) => loadRole(name, {env: context.env, origin: 'chat', piped: !process.stdout.isTTY}),
    files: {cwd: process.cwd(), load: (sources) => loadFileSources(sources, context.env)},
    connect: (settings, signal) =>
      connectionFor(settings, apiKey, {
        signal,
        warn: (line) => chat.notice(line.replace(/^gemma: warning: /, ''), 'warning'),
        ...(settings.boolean('verbose') ? {trace: (line: string) => chat.notice(`gemma: ${line}`)} : {}),
      }),
  });
  if (stored) chat.resume(stored);
  else if (storage.save) chat.attachRecorder(new SessionWriter(storage.dataDir, newSessionId(), typeof opts.session === 'string' ? opts.session : undefined));
  try {
    const model = (): string => modelIdFor(chat.settings().string('model') ?? '');
    // Attached once the chat shows its notices: the plain mode prints those that come after it starts.
    const attachWaiting = (): void => waiting?.forEach((loaded) => attachLoaded(chat, loaded));
    await runChatMode(chat, {terminal, first, withFiles: firstWithFiles !== undefined, fileTexts: firstParts?.texts ?? [], attachWaiting, stdinText, context, save: storage.save, json: json ? {model} : undefined, extract});
  } finally {
    chat.cancel();
    chat.closeRecorder();
  }
}

/** `--continue` or `--session <name>`: the stored conversation to resume, if any. */
function findStoredSession(opts: Record<string, unknown>, dir: string): StoredSession | undefined {
  if (typeof opts.session === 'string') {
    checkSessionName(opts.session);
    return findSession(dir, opts.session);
  }
  if (opts.continue !== true) return undefined;
  return latestSession(dir);
}

interface ChatMode {
  terminal: ReadStream | undefined;
  first: string | undefined;
  stdinText: string | undefined;
  /** The first message holds -f sources: it starts with a name, perhaps `/etc/hosts`, and is no /command. */
  withFiles: boolean;
  /** Their texts, attached to it. */
  fileTexts: readonly SourceText[];
  /** `chat -f` with no prompt: attaches the sources to the first message typed. */
  attachWaiting: () => void;
  context: CliContext;
  save: boolean;
  /** `--json` (only without a terminal): each answer one line of JSON. */
  json: PlainChatOptions['json'];
  /** `-x` / `--extract-last` (only without a terminal). */
  extract: PlainChatOptions['extract'];
}

async function runChatMode(chat: ChatSession, {terminal, first, withFiles, fileTexts, attachWaiting, stdinText, context, save, json, extract}: ChatMode): Promise<void> {
  if (terminal) {
    const {openInputHistory} = await lazyImports.inputHistory();
    const {runChatApp} = await lazyImports.chatApp();
    // After the UI has loaded: Node's own modules loaded once a V8 flag has changed cannot use
    // their built-in code cache.
    tuneHeapForLongSession();
    attachWaiting();
    if (first !== undefined) (withFiles ? chat.submitMessage(first, fileTexts) : chat.submit(first));
    let stoppedBy: NodeJS.Signals | undefined;
    try {
      stoppedBy = await runChatApp({
        controller: chat,
        history: openInputHistory(save ? join(dataDir(context.env), 'input-history.jsonl') : undefined),
        stdin: terminal,
        stdout: process.stdout,
        color: colorFor(process.stdout, context.env).enabled,
        hyperlinks: supportsHyperlinks(process.stdout, context.env),
        editor: context.env.VISUAL || context.env.EDITOR,
        stdinMaterial: stdinText,
        sessionNames: () => listSessions(dataDir(context.env)).map((session) => session.name ?? session.id),
      });
    } finally {
      if (terminal !== process.stdin) terminal.destroy();
    }
    // The caller's finally releases the session file's lock; the exit code is the signal's.
    if (stoppedBy) throw interruptionFor(stoppedBy);
    const savedAs = chat.savedAs();
    if (savedAs) process.stderr.write(`conversation saved as ${savedAs}; \`gemma chat -c\` continues it\n`);
    return;
  }
  tuneHeapForLongSession();
  const failed = await withInterrupts(async (signal) => {
    signal.addEventListener('abort', () => chat.cancel());
    const stop = printPlainChat(chat, process.stdout, process.stderr, {...(json ? {json} : {}), ...(extract ? {extract} : {})});
    attachWaiting();
    if (first !== undefined) (withFiles ? chat.submitMessage(first, fileTexts) : chat.submit(first));
    else await answerLines(chat, signal);
    await chat.idle();
    if (signal.aborted) throw signal.reason;
    return stop();
  });
  if (failed) throw new GemmaError('some lines failed (see above)', ExitCode.failure);
}

/**
 * Sends stdin's lines one turn at a time: the next line is read only once the turn before it is
 * done, so `yes | gemma chat` holds one line, not all of them. A signal stops the reading at once,
 * even while stdin stays open (`timeout`, `docker stop`); `/exit` ends it, and nothing after is sent.
 */
async function answerLines(chat: ChatSession, signal: AbortSignal): Promise<void> {
  const lines = stdinLines(process.stdin);
  const aborted = new Promise<'aborted'>((resolve) => {
    if (signal.aborted) resolve('aborted');
    signal.addEventListener('abort', () => resolve('aborted'), {once: true});
  });
  try {
    while (!signal.aborted && !chat.getSnapshot().exitRequested) {
      const next = await Promise.race([lines.next(), aborted]);
      if (next === 'aborted' || next.done) break;
      const line = next.value;
      if (!line.ok) chat.notice(`stdin line ${line.number} ${line.problem}; not sent`, 'error');
      else if (line.text.trim()) {
        chat.submit(line.text);
        await chat.idle();
      }
    }
  } finally {
    // Stops reading stdin (its handle would keep the process alive) without waiting on a pending read.
    process.stdin.destroy();
    lines.return(undefined).catch(() => undefined);
  }
}
