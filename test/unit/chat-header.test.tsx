import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {headerRows} from '../../src/ui/header-rows.js';
import {StaticItemView} from '../../src/ui/static-item-view.js';
import {echo, fakeSession} from '../support/fake-chat-session.js';

const header = (...args: Parameters<typeof fakeSession>) => fakeSession(...args).session.getSnapshot().header;

describe('the chat header', () => {
  it('shows the model and only the settings whose value is not the default', () => {
    // thinkingLevel high and repetitionPenalty 1 are the defaults, written out in the config file.
    expect(header(echo, {}, {stored: {thinkingLevel: 'high', repetitionPenalty: 1, temperature: 0.7}})).toBe('gemma · google:gemma@4-31b · temperature 0.7');
    // The chat's own defaults (usage and cost asked for) are not news either, nor a flag that repeats one.
    expect(header(echo, {includeUsage: true, deliveryMethod: 'stream', numberResults: 1})).toBe('gemma · google:gemma@4-31b');
    expect(header(echo, {numberResults: 2})).toBe('gemma · google:gemma@4-31b · numberResults 2');
  });

  it('fits 40 columns: a long value is cut to the row with …, rows break between parts, never inside one', () => {
    const text = header(echo, {temperature: 0.7, systemPrompt: 'You are a terse assistant.\nAnswer in one short line, always.', maxTokens: 2000});
    const rows = headerRows(text, 40);
    expect(rows).toEqual([
      'gemma · google:gemma@4-31b',
      'systemPrompt You are a terse assistant.…',
      'temperature 0.7 · maxTokens 2000',
    ]);
    const shown = render(<StaticItemView item={{kind: 'header', key: 'h', text}} width={40} color={false} />).lastFrame() ?? '';
    expect(shown.split('\n')).toEqual(rows);
    // A wider terminal shows more of it (up to 60 columns of a value), and a model id wider than
    // a row is cut, not wrapped mid-word.
    expect(headerRows(text, 120)[0]).toBe('gemma · google:gemma@4-31b · systemPrompt You are a terse assistant. Answer in one short line, always. · temperature 0.7');
    expect(headerRows(header(echo, {model: 'google:gemma@4-31b-with-a-very-long-model-identifier-x'}), 40)).toEqual(['gemma', 'google:gemma@4-31b-with-a-very-long-mod…']);
  });
});
