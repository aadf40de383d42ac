import {stripVTControlCharacters} from 'node:util';
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {MarkdownText, TerminalHyperlinks} from '../../src/ui/markdown-text.js';

const TABLE = [
  '| Name | Description |',
  '|------|-------------|',
  '| alpha | The first letter of the Greek alphabet, used widely in science |',
].join('\n');

describe('MarkdownText in ink at a fixed width', () => {
  it('draws a wide table inside 40 columns, the rule on one row', () => {
    const {lastFrame} = render(<MarkdownText markdown={TABLE} width={40} color={false} />);
    expect((lastFrame() ?? '').split('\n').map((row) => row.trimEnd())).toEqual([
      'Name   Description',
      `─────  ${'─'.repeat(33)}`,
      'alpha  The first letter of the Greek',
      '       alphabet, used widely in science',
    ]);
  });

  it('makes links OSC 8 hyperlinks only where the chat says the terminal shows them', () => {
    const link = '[docs](https://x.dev/d)';
    const withLinks = render(
      <TerminalHyperlinks.Provider value={true}>
        <MarkdownText markdown={link} width={40} color={true} />
      </TerminalHyperlinks.Provider>,
    ).lastFrame() ?? '';
    expect(withLinks).toContain('\u001b]8;;https://x.dev/d\u001b\\');
    expect(stripVTControlCharacters(withLinks)).toBe('docs (https://x.dev/d)');
    const without = render(<MarkdownText markdown={link} width={40} color={true} />).lastFrame() ?? '';
    expect(without).not.toContain('\u001b]8;');
  });
});
