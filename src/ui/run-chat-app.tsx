import {render} from 'ink';
import type {ChatController} from '../chat/chat-controller.js';
import type {InputHistory} from '../chat/input-history.js';
import {ChatApp} from './app.js';
import {disableBracketedPaste, enableBracketedPaste} from './input/bracketed-paste.js';
import {openInEditor} from './open-in-editor.js';

export interface ChatAppOptions {
  controller: ChatController;
  history: InputHistory;
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  color: boolean;
  /** The editor command for /edit (the caller's $VISUAL or $EDITOR); vi when undefined. */
  editor: string | undefined;
}

/** Runs the chat UI until the user leaves. Ink never takes the alternate screen: the chat stays in scrollback. */
export async function runChatApp(options: ChatAppOptions): Promise<void> {
  const {controller, history, stdin, stdout, color} = options;
  const command = options.editor || 'vi';
  const openEditor = (current: string): Promise<string | undefined> => openInEditor(current, {command, stdin});

  enableBracketedPaste(stdout);
  try {
    // Leaving mid-answer stops the request rather than letting it stream into nothing.
    const onExit = (): void => {
      controller.cancel();
      instance.unmount();
    };
    const instance = render(
      <ChatApp controller={controller} history={history} color={color} openEditor={openEditor} onExit={onExit} />,
      {stdin, stdout, exitOnCtrlC: false, patchConsole: false},
    );
    await instance.waitUntilExit();
  } finally {
    disableBracketedPaste(stdout);
  }
}
