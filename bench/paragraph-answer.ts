import {fillerText} from '../test/support/simulator-answer.js';

/** Words per paragraph in the baseline answer. */
const PARAGRAPH_WORDS = 40;

/**
 * The paragraph bench's answer as tokens: the simulator's filler words (with `café` and
 * `naïve`, so string-width cannot take its ASCII shortcut), as one paragraph or as paragraphs
 * of PARAGRAPH_WORDS words. Joined, they are the answer's text.
 */
export function answerTokens(count: number, paragraphs: boolean): string[] {
  const words = fillerText(count).split(' ');
  return words.map((word, i) => (i === words.length - 1 ? word : paragraphs && i % PARAGRAPH_WORDS === PARAGRAPH_WORDS - 1 ? `${word}\n\n` : `${word} `));
}
