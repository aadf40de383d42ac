import {Box, Text} from 'ink';
import type {InputHistory} from '../../chat/input-history.js';
import {textWidth} from '../../text/text-width.js';
import {useTerminalSize} from '../use-terminal-size.js';
import {EditorText} from './editor-text.js';
import {isEmptyEditor} from './line-editor.js';
import {searchView} from './history-search.js';
import type {ReturnedDraft} from './use-queued-messages.js';
import {menuLayout, type MenuLayout} from './completion-columns.js';
import type {CompletionSources} from './completion-candidates.js';
import {usePromptKeys, type CompletionMenu, type PromptNotice} from './use-prompt-keys.js';

export interface PromptInputProps {
  /** A generation is in flight: Enter does not submit (typing ahead is allowed), Ctrl-C/Esc cancel it. */
  busy: boolean;
  /** Enter with text that is not blank; the text is exact and may contain newlines. Also added to `history`. */
  onSubmit(text: string): void;
  /** Ctrl-C or Esc while busy. */
  onCancelGeneration(): void;
  /** Ctrl-D on an empty prompt, or a second Ctrl-C on an empty prompt. */
  onExit(): void;
  /** Candidates for Tab, e.g. ['/help', '/set', '/set temperature']. */
  completions: () => readonly string[];
  /** Session names and folders for Tab after `/resume ` and `/save `; the local folders and no sessions by default. */
  completionSources?: CompletionSources;
  history: InputHistory;
  /** Opens $VISUAL/$EDITOR (the app pauses ink); resolves to the edited text, or undefined if unchanged or failed. */
  openEditor(current: string): Promise<string | undefined>;
  /** Shown before the first line; later lines are indented by its width. Default '› '. */
  prompt?: string;
  /** Rows the prompt may take; a longer input shows the rows around the cursor. Default: half the terminal's. */
  maxRows?: number;
  /**
   * Enter while busy: the message is handed here (to send after the answer) and the prompt
   * cleared. Without it, Enter while busy does nothing and the text stays, typed ahead.
   */
  onQueue?(text: string): void;
  /** Ctrl-L: clear the screen; the prompt keeps what it holds. */
  onClearScreen?(): void;
  /** A bracketed paste large enough for the transcript to collapse (it is inserted as always). */
  onLargePaste?(text: string): void;
  /** Queued messages that were not sent, to put back in the prompt (each id once). */
  returned?: ReturnedDraft | undefined;
  /** Dim hints in colour; without it they are plain text. Default true. */
  color?: boolean;
}

/** What the empty prompt says, so a new user knows how to start (and, while an answer streams, what Enter does). */
const PLACEHOLDER = '/help for commands · Ctrl-D to exit';
const BUSY_PLACEHOLDER = 'Enter queues a message · Esc cancels';

function noticeText(notice: Exclude<PromptNotice, CompletionMenu>): string {
  switch (notice.kind) {
    case 'exit':
      return 'press Ctrl-C again to exit';
    case 'returned':
      return `queued message not sent (the answer ${notice.why === 'cancelled' ? 'was cancelled' : 'failed'}); it is back in the prompt`;
  }
}

/** The completion list under the prompt, the option in the prompt shown inverse. */
function Menu({layout, dim}: {layout: MenuLayout; dim: boolean}) {
  return (
    <Box flexDirection="column">
      {layout.rows.map((row, index) => (
        <Text key={index}>
          {row.cells.map((cell, at) => (
            <Text key={at}>
              <Text inverse={cell.selected}>{cell.label}</Text>
              {cell.pad}
            </Text>
          ))}
        </Text>
      ))}
      {layout.hidden > 0 && <Text dimColor={dim}>{`… ${layout.hidden.toLocaleString('en-US')} more (Tab cycles)`}</Text>}
    </Box>
  );
}

/** The chat's input line: multi-line editing with readline keys, history, completion and paste. */
export function PromptInput(props: PromptInputProps) {
  const {editor, notice, search} = usePromptKeys(props);
  const {columns, rows} = useTerminalSize();
  // While searching, the label is part of the text drawn (see searchView): no prompt beside it.
  const prompt = search ? '' : (props.prompt ?? '› ');
  // One cell kept free at the end of a row for the cursor, so a full row never wraps in ink.
  const width = columns - textWidth(prompt) - 1;
  // Half the screen: the conversation (or the answer streaming) keeps the other half, the layout
  // does not jump when an answer starts, and a key redraws half a screen of text, not a whole one
  // (ink re-renders every drawn cell per frame). gemini-cli's input keeps a fixed 10 rows.
  const dim = props.color ?? true;
  const menu = notice?.kind === 'completions' ? menuLayout(notice.labels, notice.selected, columns - 1, Math.max(2, Math.min(10, Math.floor(rows / 3)))) : undefined;
  const noticeRows = menu ? menu.rows.length + (menu.hidden > 0 ? 1 : 0) : notice ? 1 : 0;
  const height = (props.maxRows ?? Math.floor(rows / 2)) - noticeRows;
  const placeholder = isEmptyEditor(editor) && !search ? (props.busy && props.onQueue ? BUSY_PLACEHOLDER : props.busy ? undefined : PLACEHOLDER) : undefined;
  return (
    <Box flexDirection="column">
      <Box>
        {prompt !== '' && (
          <Box flexShrink={0}>
            <Text dimColor={props.busy && dim}>{prompt}</Text>
          </Box>
        )}
        {placeholder === undefined ? (
          <EditorText state={search ? searchView(search, editor) : editor} width={width} height={height} />
        ) : (
          // The cursor stays where typing starts, before the hint.
          <Text wrap="truncate-end">
            <Text inverse> </Text>
            <Text dimColor={dim}>{placeholder}</Text>
          </Text>
        )}
      </Box>
      {menu ? <Menu layout={menu} dim={dim} /> : notice && notice.kind !== 'completions' && <Text dimColor={dim}>{noticeText(notice)}</Text>}
    </Box>
  );
}
