import {Box, Text, useStdout} from 'ink';
import {useCallback, useEffect, useMemo, useState} from 'react';
import type {ChatController} from '../chat/chat-controller.js';
import type {InputHistory} from '../chat/input-history.js';
import type {CompletionSources} from './input/completion-candidates.js';
import {PromptInput} from './input/prompt-input.js';
import {useQueuedMessages} from './input/use-queued-messages.js';
import {LiveRegion} from './live-region.js';
import {Transcript} from './transcript.js';
import type {TranscriptFeed} from './transcript-feed.js';
import {MaterialNotes} from './transcript-collapse.js';
import {clearScreenText} from './transcript-prelude.js';
import {useMeasuredHeight} from './use-measured-height.js';
import {useTerminalSize} from './use-terminal-size.js';
import {useThrottledSnapshot} from './use-throttled-snapshot.js';
import {useTranscriptView} from './use-transcript-view.js';

export interface ChatAppProps {
  controller: ChatController;
  history: InputHistory;
  color: boolean;
  openEditor(current: string): Promise<string | undefined>;
  onExit(): void;
  /** The feed, when the caller already printed its first `printed` items itself (see transcript-prelude). */
  feed?: TranscriptFeed;
  printed?: number;
  /** Where stdin and large pastes are noted, so the transcript can collapse them (the feed's, when it is given). */
  materials?: MaterialNotes;
  /** Session names and folders for Tab completion. */
  completionSources?: CompletionSources;
}

/**
 * `gemma chat`: finished turns go to the scrollback once (ink's <Static>), and only the answer
 * being streamed and the prompt are redrawn, so the terminal's own scrollback, search and copy
 * keep working and a long conversation costs nothing per token.
 */
export function ChatApp({controller, history, color, openEditor, onExit, feed, printed = 0, materials, completionSources}: ChatAppProps) {
  const snapshot = useThrottledSnapshot(controller);
  const [notes] = useState(() => materials ?? new MaterialNotes());
  const view = useTranscriptView(snapshot, feed, notes);
  // A copy only when an item is added (the items array changes only then), never per token.
  const items = useMemo(() => (printed > 0 ? view.items.slice(printed) : view.items), [view.items, printed]);
  const {columns, rows} = useTerminalSize();
  // Typed-ahead lines or a completion list make the prompt taller; the live answer gives way.
  const [promptRef, promptRows] = useMeasuredHeight();

  useEffect(() => {
    if (snapshot.exitRequested) onExit();
  }, [snapshot.exitRequested, onExit]);

  const submit = useCallback((text: string) => controller.submit(text), [controller]);
  const cancel = useCallback(() => {
    controller.cancel();
  }, [controller]);
  const completions = useCallback(() => controller.completions(), [controller]);
  const notePaste = useCallback((text: string) => notes.note({source: 'paste', text}), [notes]);
  const {queued, queue, returned} = useQueuedMessages(snapshot, submit);
  // Ctrl-L: ink's own write erases the live part, writes this, and draws the live part again below.
  const {write} = useStdout();
  const header = snapshot.header;
  const redraw = useCallback(() => write(clearScreenText(header, {width: columns, rows, color})), [write, header, columns, rows, color]);

  return (
    <Box flexDirection="column">
      <Transcript items={items} width={columns} color={color} />
      {view.live ? (
        <LiveRegion
          live={view.live}
          showThinking={snapshot.showThinking}
          raw={snapshot.rawAnswers}
          columns={columns}
          rows={rows - promptRows}
          color={color}
        />
      ) : null}
      <Box ref={promptRef} marginTop={1} flexDirection="column">
        {queued.map((text, index) => (
          <Text key={index} dimColor={color} wrap="truncate-end">
            {`queued: ${firstLine(text)}`}
          </Text>
        ))}
        <PromptInput
          busy={snapshot.live !== null}
          onSubmit={submit}
          onCancelGeneration={cancel}
          onExit={onExit}
          completions={completions}
          completionSources={completionSources}
          history={history}
          openEditor={openEditor}
          onQueue={queue}
          onLargePaste={notePaste}
          onClearScreen={redraw}
          returned={returned}
          color={color}
        />
      </Box>
    </Box>
  );
}

/** A queued message as its one line under the answer: the first line, and how many follow. */
function firstLine(text: string): string {
  const lines = text.split('\n');
  return lines.length === 1 ? text : `${lines[0]} (+${(lines.length - 1).toLocaleString('en-US')} lines)`;
}
