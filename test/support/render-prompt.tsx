import {render} from 'ink-testing-library';
import {vi} from 'vitest';
import {openInputHistory} from '../../src/chat/input-history.js';
import {PromptInput, type PromptInputProps} from '../../src/ui/input/prompt-input.js';

export const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

/** The prompt alone in ink-testing-library, with spies for its callbacks and a typist that waits a frame per chunk. */
export function renderPrompt(overrides: Partial<PromptInputProps> = {}) {
  const props: PromptInputProps = {
    busy: false,
    onSubmit: vi.fn(),
    onCancelGeneration: vi.fn(),
    onExit: vi.fn(),
    completions: () => ['/help', '/set', '/set temperature', '/save'],
    history: openInputHistory(undefined),
    openEditor: vi.fn(async () => undefined),
    ...overrides,
  };
  const app = render(<PromptInput {...props} />);
  const type = async (...chunks: string[]) => {
    for (const chunk of chunks) {
      app.stdin.write(chunk);
      await tick();
    }
  };
  return {props, app, type};
}
