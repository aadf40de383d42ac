import {describe, expect, it} from 'vitest';
import {MAX_STDIN_BYTES} from '../../src/cli/read-stdin.js';
import {stdinLines, type StdinLine} from '../../src/cli/stdin-lines.js';

async function linesOf(...chunks: Array<Buffer | string>): Promise<StdinLine[]> {
  async function* source() {
    yield* chunks;
  }
  const lines: StdinLine[] = [];
  for await (const line of stdinLines(source())) lines.push(line);
  return lines;
}

const text = (value: string): StdinLine => ({ok: true, text: value});

describe('stdinLines', () => {
  it('splits on LF, drops a CR before it, and keeps a last line without LF', async () => {
    expect(await linesOf('a\r\nb\n\nc')).toEqual([text('a'), text('b'), text(''), text('c')]);
    expect(await linesOf('a\n')).toEqual([text('a')]);
    expect(await linesOf()).toEqual([]);
  });

  it('joins a line, and a multi-byte character, cut across chunks', async () => {
    const cafe = Buffer.from('café au lait\n');
    const cut = cafe.indexOf(0xa9); // the second byte of é
    expect(await linesOf(cafe.subarray(0, cut), cafe.subarray(cut, 8), cafe.subarray(8))).toEqual([text('café au lait')]);
  });

  it('refuses a binary or non-UTF-8 line by number and goes on with the next', async () => {
    const withNul = Buffer.from([0x61, 0x00, 0x62, 0x0a]);
    const lines = await linesOf('first\n', withNul, Buffer.from('caf\xe9\nlast\n', 'latin1'));
    expect(lines).toEqual([
      text('first'),
      {ok: false, number: 2, problem: 'looks binary; allowed: text (send images with --image <path>)'},
      {ok: false, number: 3, problem: 'is not UTF-8 text; allowed: text (send images with --image <path>)'},
      text('last'),
    ]);
  });

  it('refuses a line over the stdin limit without keeping it, and reads on', async () => {
    const half = Buffer.alloc(MAX_STDIN_BYTES / 2 + 1, 'a');
    const lines = await linesOf('ok\n', half, half, 'tail\nnext\n');
    expect(lines).toEqual([text('ok'), {ok: false, number: 2, problem: expect.stringContaining('longer than 8 MiB')}, text('next')]);
  });
});
