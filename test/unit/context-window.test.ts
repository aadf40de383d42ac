import {describe, expect, it} from 'vitest';
import {ContextMeter} from '../../src/chat/context-meter.js';
import {estimateRequest, formatTokens, formatWindow, overWindow, type RequestShape} from '../../src/context/estimate-request.js';
import {estimateMediaTokens, estimateTokens} from '../../src/context/estimate-tokens.js';
import {contextLevel, contextPart} from '../../src/ui/format-answer-footer.js';

describe('estimateTokens', () => {
  it('counts ASCII at 4 characters a token, rounded up', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abcd')).toBe(1);
    expect(estimateTokens('abcde')).toBe(2);
    expect(estimateTokens('x'.repeat(4000))).toBe(1000);
  });

  it('weighs non-ASCII higher: 2-byte characters at 2 a token, CJK and emoji at 1 each', () => {
    expect(estimateTokens('é'.repeat(10))).toBe(5);
    expect(estimateTokens('日本語のテキスト')).toBe(8);
    expect(estimateTokens('🙂🙂')).toBe(2);
    // Mixed: 4 ASCII (1) + 2 accented (1) + 1 CJK (1).
    expect(estimateTokens('cafeéé字')).toBe(3);
  });

  it('counts an image at the largest visual budget and a video as 60 frames at the smallest', () => {
    expect(estimateMediaTokens({images: 2, videos: 0})).toBe(2240);
    expect(estimateMediaTokens({images: 0, videos: 1})).toBe(4200);
  });
});

const shape = (messages: RequestShape['messages'], extra: Partial<RequestShape> = {}): RequestShape => ({messages, images: 0, videos: 0, ...extra});

describe('the estimate of a request', () => {
  it('adds the system prompt, 5 tokens of turn markers per message, and media', () => {
    expect(estimateRequest(shape([{role: 'user', content: 'abcd'}]))).toBe(6);
    expect(estimateRequest(shape([{role: 'user', content: 'abcd'}], {systemPrompt: 'x'.repeat(40), images: 1}))).toBe(6 + 15 + 1120);
  });

  it('refuses over the window, naming the estimate, the limit and the way out', () => {
    expect(overWindow(shape([{role: 'user', content: 'x'.repeat(4000)}]), 2000)).toBeUndefined();
    expect(overWindow(shape([{role: 'user', content: 'x'.repeat(40000)}]), 2000)).toBe(
      'the prompt is about 10k tokens (estimated), more than the context window of 2K (2000 tokens); allowed: fewer or smaller files (-f), or a larger --context-window if the model takes it');
  });

  it('writes sizes as the model page and the marker do', () => {
    expect(formatWindow(131072)).toBe('131K');
    expect(formatWindow(262144)).toBe('262K');
    expect([formatTokens(850), formatTokens(1234), formatTokens(31_400)]).toEqual(['850', '1.2k', '31k']);
  });
});

describe('ContextMeter', () => {
  const q1 = {role: 'user', content: 'x'.repeat(400)} as const;
  const a1 = {role: 'assistant', content: 'y'.repeat(40)} as const;
  const q2 = {role: 'user', content: 'z'.repeat(4)} as const;

  it('estimates everything until the service reported a count', () => {
    expect(new ContextMeter().estimate(shape([q1]))).toBe(105);
  });

  it('takes the reported promptTokens for what was sent, and estimates only what was added since', () => {
    const meter = new ContextMeter();
    meter.reported(shape([q1]), 90);
    expect(meter.estimate(shape([q1, a1, q2]))).toBe(90 + 15 + 6);
  });

  it('estimates again from scratch when the conversation changed otherwise (undo, compaction, another system prompt or media)', () => {
    const meter = new ContextMeter();
    meter.reported(shape([q1]), 90);
    expect(meter.estimate(shape([q2]))).toBe(6);
    expect(meter.estimate(shape([q1, a1, q2], {systemPrompt: 'abcd'}))).toBe(6 + 105 + 15 + 6);
    expect(meter.estimate(shape([q1, a1, q2], {images: 1}))).toBe(105 + 15 + 6 + 1120);
  });
});

describe("the footer's ctx part", () => {
  it('is a share of the window, yellow from 80%, red from 95%', () => {
    expect(contextPart({tokens: 55_050, window: 131_072})).toBe('ctx 42% of 131K');
    expect(contextLevel({tokens: 79, window: 100})).toBeUndefined();
    expect(contextLevel({tokens: 80, window: 100})).toBe('yellow');
    expect(contextLevel({tokens: 94, window: 100})).toBe('yellow');
    expect(contextLevel({tokens: 95, window: 100})).toBe('red');
  });
});
