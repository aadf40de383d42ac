import {Box} from 'ink';
import {useCallback, useEffect} from 'react';
import type {ChatController} from '../chat/chat-controller.js';
import type {InputHistory} from '../chat/input-history.js';
import {PromptInput} from './input/prompt-input.js';
import {LiveRegion} from './live-region.js';
import {Transcript} from './transcript.js';
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
}

/**
 * `gemma chat`: finished turns go to the scrollback once (ink's <Static>), and only the answer
 * being streamed and the prompt are redrawn, so the terminal's own scrollback, search and copy
 * keep working and a long conversation costs nothing per token.
 */
export function ChatApp({controller, history, color, openEditor, onExit}: ChatAppProps) {
  const snapshot = useThrottledSnapshot(controller);
  const view = useTranscriptView(snapshot);
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

  return (
    <Box flexDirection="column">
      <Transcript items={view.items} width={columns} color={color} />
      {view.live ? (
        <LiveRegion
          live={view.live}
          showThinking={snapshot.showThinking}
          columns={columns}
          rows={rows - promptRows}
          color={color}
        />
      ) : null}
      <Box ref={promptRef} marginTop={1}>
        <PromptInput
          busy={snapshot.live !== null}
          onSubmit={submit}
          onCancelGeneration={cancel}
          onExit={onExit}
          completions={completions}
          history={history}
          openEditor={openEditor}
        />
      </Box>
    </Box>
  );
}
