import {stripVTControlCharacters} from 'node:util';
import {describe, expect, it} from 'vitest';
import {renderMarkdown} from '../../src/ui/markdown/render-markdown.js';

const plain = (markdown: string): string => renderMarkdown(markdown, {width: 80, color: false});
const colored = (markdown: string): string => renderMarkdown(markdown, {width: 80, color: true});

describe('renderMarkdown lists', () => {
  it('renders bullets as • and indents nested lists by two spaces', () => {
    const markdown = '- one\n- two\n  - nested **bold**\n    - deeper\n- three';
    expect(plain(markdown)).toBe('• one\n• two\n  • nested bold\n    • deeper\n• three');
    expect(stripVTControlCharacters(colored(markdown))).toBe(plain(markdown));
  });

  it('accepts * and + bullets too', () => {
    expect(plain('* a\n* b')).toBe('• a\n• b');
    expect(plain('+ a')).toBe('• a');
  });

  it('keeps the numbers of ordered lists, including the start, aligned on the dot', () => {
    expect(plain('1. first\n2. second')).toBe('1. first\n2. second');
    expect(plain('3. resumed\n4. next')).toBe('3. resumed\n4. next');
    expect(plain('9. nine\n10. ten\n11. eleven')).toBe(' 9. nine\n10. ten\n11. eleven');
  });

  it('hangs continuation and nested lists under the item text', () => {
    expect(plain('1. step\n   - detail\n2. next')).toBe('1. step\n   • detail\n2. next');
    expect(plain('- lazy\ncontinuation')).toBe('• lazy continuation');
  });

  it('shows task list boxes', () => {
    expect(plain('- [ ] todo\n- [x] done')).toBe('• [ ] todo\n• [x] done');
    expect(plain('- [x] loose\n\n- [ ] items')).toBe('• [x] loose\n\n• [ ] items');
  });

  it('keeps a blank line between the items of a loose list', () => {
    expect(plain('- a\n\n- b\n\n  second paragraph')).toBe('• a\n\n• b\n\n  second paragraph');
  });

  it('never indents the lines of a code block inside an item, so copying gives the code', () => {
    const markdown = '1. Install:\n\n   ```bash\n   npm install\n   npm test\n   ```';
    expect(plain(markdown)).toBe('1. Install:\n\n   ```bash\nnpm install\nnpm test\n   ```');
    expect(stripVTControlCharacters(colored(markdown))).toBe('1. Install:\n\n   bash\nnpm install\nnpm test');
  });

  it('renders a lone item of a list split by streaming', () => {
    expect(plain('2. second item')).toBe('2. second item');
    expect(plain('- ')).toBe('•');
  });
});
