import {describe, expect, it} from 'vitest';
import {composePrompt} from '../../src/cli/compose-prompt.js';

const notes = {name: 'notes.md', text: 'a note\n'};
const app = {name: 'src/app.ts', text: 'let x = 1;\n'};

describe('composePrompt with -f sources', () => {
  it('without sources, stays as before: the instruction, then piped stdin', () => {
    expect(composePrompt(['review', 'this'], 'diff text\n')).toBe('review this\n\ndiff text');
    expect(composePrompt(['-'], 'the question\n')).toBe('the question');
  });

  it('puts the sources first, in the order given, and the instruction last', () => {
    expect(composePrompt(['what', 'changed?'], undefined, [app, notes])).toBe('src/app.ts\n```\nlet x = 1;\n```\n\nnotes.md\n```\na note\n```\n\nwhat changed?');
  });

  it('makes piped stdin one more block named stdin, after the sources and before the instruction', () => {
    expect(composePrompt(['explain'], 'piped\n', [notes])).toBe('notes.md\n```\na note\n```\n\nstdin\n```\npiped\n```\n\nexplain');
  });

  it('leaves out empty piped stdin (a cron job\'s /dev/null)', () => {
    expect(composePrompt(['explain'], '', [notes])).toBe('notes.md\n```\na note\n```\n\nexplain');
  });

  it('takes "-" as the instruction read from stdin, after the sources', () => {
    expect(composePrompt(['-'], 'the question\n', [notes])).toBe('notes.md\n```\na note\n```\n\nthe question');
  });

  it('sends the sources alone when there is no instruction', () => {
    expect(composePrompt([], undefined, [notes])).toBe('notes.md\n```\na note\n```');
  });
});
