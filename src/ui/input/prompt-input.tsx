import {Box, Text} from 'ink';
import type {InputHistory} from '../../chat/input-history.js';
import {textWidth} from '../../text/text-width.js';
import {useTerminalSize} from '../use-terminal-size.js';
import {EditorText} from './editor-text.js';
import {usePromptKeys, type PromptNotice} from './use-prompt-keys.js';

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
  history: InputHistory;
  /** Opens $VISUAL/$EDITOR (the app pauses ink); resolves to the edited text, or undefined if unchanged or failed. */
  openEditor(current: string): Promise<string | undefined>;
  /** Shown before the first line; later lines are indented by its width. Default '› '. */
  prompt?: string;
  /** Rows the prompt may take; a longer input shows the rows around the cursor. Default: half the terminal's. */
  maxRows?: number;
}

function noticeText(notice: PromptNotice): string {
  return notice.kind === 'exit' ? 'press Ctrl-C again to exit' : notice.items.join('  ');
}

/** The chat's input line: multi-line editing with readline keys, history, completion and paste. */
export function PromptInput(props: PromptInputProps) {
  const {editor, notice} = usePromptKeys(props);
  const {columns, rows} = useTerminalSize();
  const prompt = props.prompt ?? '› ';
  // One cell kept free at the end of a row for the cursor, so a full row never wraps in ink.
  const width = columns - textWidth(prompt) - 1;
  // Half the screen: the conversation (or the answer streaming) keeps the other half, the layout
  // does not jump when an answer starts, and a key redraws half a screen of text, not a whole one
  // (ink re-renders every drawn cell per frame). gemini-cli's input keeps a fixed 10 rows.
  const height = (props.maxRows ?? Math.floor(rows / 2)) - (notice ? 1 : 0);
  return (
    <Box flexDirection="column">
      <Box>
        <Box flexShrink={0}>
          <Text dimColor={props.busy}>{prompt}</Text>
        </Box>
        <EditorText state={editor} width={width} height={height} />
      </Box>
      {notice && <Text dimColor>{noticeText(notice)}</Text>}
    </Box>
  );
}
