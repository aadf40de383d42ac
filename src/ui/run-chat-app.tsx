import {constants} from 'node:os';
import {render} from 'ink';
import type {ChatController} from '../chat/chat-controller.js';
import type {InputHistory} from '../chat/input-history.js';
import {ChatApp} from './app.js';
import {disableBracketedPaste, enableBracketedPaste} from './input/bracketed-paste.js';
import {TerminalHyperlinks} from './markdown-text.js';
import {openInEditor} from './open-in-editor.js';
import {createTranscriptFeed} from './transcript-feed.js';
import {MaterialNotes} from './transcript-collapse.js';
import {LOCAL_SOURCES} from './input/completion-candidates.js';
import {preludeOf} from './transcript-prelude.js';

export interface ChatAppOptions {
  controller: ChatController;
  history: InputHistory;
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  color: boolean;
  /** Links in answers are OSC 8 hyperlinks too (the CLI asks supportsHyperlinks). */
  hyperlinks?: boolean;
  /** The editor command for /edit (the caller's $VISUAL or $EDITOR); vi when undefined. */
  editor: string | undefined;
  /** Piped stdin that went into the first message: the transcript shows it as one line. */
  stdinMaterial?: string | undefined;
  /** The stored sessions' names, for Tab after `/resume `. */
  sessionNames?: () => readonly string[];
}

/**
 * Runs the chat UI until the user leaves, or a signal from outside ends it: then it returns that
 * signal (the caller turns it into its exit code; this bundle's error classes are not the CLI's).
 * Ink never takes the alternate screen: the chat stays in scrollback.
 */
export async function runChatApp(options: ChatAppOptions): Promise<NodeJS.Signals | undefined> {
  const {controller, history, stdin, stdout, color} = options;
  const command = options.editor || 'vi';
  const openEditor = (current: string): Promise<string | undefined> => openInEditor(current, {command, stdin});

  enableBracketedPaste(stdout);
  // Keys typed while the prelude prints wait, unechoed, for the prompt to read them: in cooked
  // mode the terminal would echo them over the transcript and turn Ctrl-C into SIGINT.
  const raw = stdin.isTTY === true;
  if (raw) stdin.setRawMode(true);
  try {
    // Leaving mid-answer stops the request rather than letting it stream into nothing.
    const onExit = (): void => {
      controller.cancel();
      instance.unmount();
    };
    // The header and a resumed session's turns go out as text before ink starts (no layout, no cells).
    const materials = new MaterialNotes();
    if (options.stdinMaterial) materials.note({source: 'stdin', text: options.stdinMaterial});
    const feed = createTranscriptFeed(Date.now, materials);
    const sessionNames = options.sessionNames;
    const completionSources = sessionNames ? {...LOCAL_SOURCES, sessionNames: () => namesOrNone(sessionNames)} : LOCAL_SOURCES;
    const prelude = preludeOf(feed.update(controller.getSnapshot()).items, {width: stdout.columns || 80, color});
    stdout.write(prelude.text);
    const instance = render(
      <TerminalHyperlinks.Provider value={options.hyperlinks === true}>
        <ChatApp controller={controller} history={history} color={color} openEditor={openEditor} onExit={onExit} feed={feed} printed={prelude.items} materials={materials} completionSources={completionSources} />
      </TerminalHyperlinks.Provider>,
      {stdin, stdout, exitOnCtrlC: false, patchConsole: false},
    );
    const stopped = stopOnSignals(controller, () => instance.unmount());
    try {
      await instance.waitUntilExit();
    } finally {
      stopped.off();
    }
    return stopped.signal;
  } finally {
    if (raw) stdin.setRawMode(false);
    disableBracketedPaste(stdout);
  }
}

/** A session folder that cannot be read offers nothing to complete, rather than ending the chat. */
function namesOrNone(names: () => readonly string[]): readonly string[] {
  try {
    return names();
  } catch {
    return [];
  }
}

/** The signals that end the chat from outside: `kill`, `docker stop`, a closed terminal window. */
const ENDING_SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGINT'];

/**
 * Ends the chat on a signal as the Ctrl-C key and /exit end it: the answer in flight saved as
 * interrupted (the caller then releases the session's lock), instead of dying with the lock left
 * behind and the partial answer lost. A second signal exits at once (128 + its number), in case
 * stopping hangs.
 */
function stopOnSignals(controller: ChatController, leave: () => void): {signal: NodeJS.Signals | undefined; off(): void} {
  const state: {signal: NodeJS.Signals | undefined; off(): void} = {signal: undefined, off: () => undefined};
  const onSignal = (signal: NodeJS.Signals): void => {
    if (state.signal) process.exit(128 + constants.signals[signal]);
    state.signal = signal;
    controller.cancel();
    whenAnswered(controller, leave);
  };
  for (const signal of ENDING_SIGNALS) process.on(signal, onSignal);
  state.off = () => {
    for (const signal of ENDING_SIGNALS) process.off(signal, onSignal);
  };
  return state;
}

/** Calls `then` once no answer is in flight: a cancelled one is recorded before `live` is cleared. */
function whenAnswered(controller: ChatController, then: () => void): void {
  if (controller.getSnapshot().live === null) return then();
  const unsubscribe = controller.subscribe(() => {
    if (controller.getSnapshot().live !== null) return;
    unsubscribe();
    then();
  });
}
