import {describe, expect, it} from 'vitest';
import {splitThoughts, stripThoughts, ThoughtSplitter, type ThoughtPiece} from '../../src/api/wire/thought-channel.js';

/** Feeds `chunks` to one splitter and joins what came out, kind by kind. */
function feed(chunks: string[]): {text: string; reasoning: string; pieces: ThoughtPiece[]} {
  const splitter = new ThoughtSplitter();
  const pieces = [...chunks.flatMap((chunk) => splitter.push(chunk)), ...splitter.end()];
  const out = {text: '', reasoning: '', pieces};
  for (const piece of pieces) out[piece.kind === 'text' ? 'text' : 'reasoning'] += piece.text;
  return out;
}

/** Every way of cutting `text` into three pieces (two cut points, empty pieces included). */
function* threeWaySplits(text: string): Generator<string[]> {
  for (let i = 0; i <= text.length; i++) {
    for (let j = i; j <= text.length; j++) yield [text.slice(0, i), text.slice(i, j), text.slice(j)];
  }
}

const CASES: {name: string; input: string; text: string; reasoning: string}[] = [
  {name: 'a thought block before the answer', input: '<|channel>thought\nLet me think.<channel|>The answer.', text: 'The answer.', reasoning: 'Let me think.'},
  {name: 'the empty block the model card mentions', input: '<|channel>thought\n<channel|>Hi there.', text: 'Hi there.', reasoning: ''},
  {name: 'whitespace around the block', input: '\n <|channel>thought\nHmm, ok.\n<channel|>\n\nAnswer: 4.', text: 'Answer: 4.', reasoning: 'Hmm, ok.\n'},
  {name: 'two blocks in a row', input: '<|channel>thought\nA<channel|><|channel>thought\nB<channel|>C', text: 'C', reasoning: 'AB'},
  {name: 'a block with no name line', input: '<|channel>just thinking, no name<channel|>Done.', text: 'Done.', reasoning: 'just thinking, no name'},
  {name: 'a name closed at once', input: '<|channel>thought<channel|>Yes.', text: 'Yes.', reasoning: ''},
  {name: 'an unterminated block: reasoning to the end', input: '<|channel>thought\nI was cut off <chan', text: '', reasoning: 'I was cut off <chan'},
  {name: 'an answer that mentions the marker later', input: 'Gemma opens a thought with <|channel> and ends with <channel|>.', text: 'Gemma opens a thought with <|channel> and ends with <channel|>.', reasoning: ''},
  {name: 'a marker after the thoughts, in the answer', input: '<|channel>thought\nx<channel|>Write <|channel>thought\n to open one.', text: 'Write <|channel>thought\n to open one.', reasoning: 'x'},
  {name: 'no block at all, leading whitespace kept', input: '  Hello <| world', text: '  Hello <| world', reasoning: ''},
  {name: 'a lone beginning of the opener', input: '<|chan', text: '<|chan', reasoning: ''},
  {name: 'a closer inside the thought is the end; the rest is answer', input: '<|channel>thought\na<channel|b<channel|>c<channel|>', text: 'c<channel|>', reasoning: 'a<channel|b'},
  {name: 'multi-byte text', input: '<|channel>thought\ncafé 😀<channel|>naïve — 日本', text: 'naïve — 日本', reasoning: 'café 😀'},
];

describe('ThoughtSplitter', () => {
  for (const {name, input, text, reasoning} of CASES) {
    it(`${name}: the same split at every pair of cut points`, () => {
      expect(splitThoughts(input)).toEqual({text, reasoning});
      for (const chunks of threeWaySplits(input)) {
        const out = feed(chunks);
        expect({text: out.text, reasoning: out.reasoning}, JSON.stringify(chunks)).toEqual({text, reasoning});
        expect(out.pieces.every((piece) => piece.text !== '')).toBe(true);
      }
    });
  }

  it('one character at a time', () => {
    const input = CASES[2]!.input;
    expect(feed([...input])).toMatchObject({text: 'Answer: 4.', reasoning: 'Hmm, ok.\n'});
  });

  it('streams: answer text passes through at once, and thought is not held to its end', () => {
    const splitter = new ThoughtSplitter();
    expect(splitter.push('<|channel>thought\nfirst ')).toEqual([{kind: 'reasoning', text: 'first '}]);
    expect(splitter.push('second <chan')).toEqual([{kind: 'reasoning', text: 'second '}]);
    expect(splitter.push('nel|>Ans')).toEqual([{kind: 'text', text: 'Ans'}]);
    expect(splitter.push('wer <|channel>')).toEqual([{kind: 'text', text: 'wer <|channel>'}]);
    expect(splitter.end()).toEqual([]);
  });

  it('stripThoughts leaves only the answer', () => {
    expect(stripThoughts('<|channel>thought\nsecret plan<channel|>Public answer.')).toBe('Public answer.');
    expect(stripThoughts('Plain answer.')).toBe('Plain answer.');
  });
});
