import * as fs from 'node:fs';
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {Estimate} from '../../src/batch/estimate.js';
import {dropLines, openOutputFile, readCheckpoint, repairTornLine} from '../../src/batch/output-file.js';
import {formatResultLine} from '../../src/batch/output-line.js';
import {idDigest, idKey} from '../../src/batch/shard.js';
import {UsageError} from '../../src/errors.js';

const outFile = (content: string): string => {
  const path = join(mkdtempSync(join(tmpdir(), 'gemma-batch-out-')), 'out.jsonl');
  writeFileSync(path, content);
  return path;
};
const key = (id: string): string => idKey(idDigest(id));
const ok = (id: string): string => formatResultLine({id, ok: true, answer: {text: `answer ${id}`}});
const failed = (id: string): string => formatResultLine({id, ok: false, error: {message: 'boom', code: 'server', exitCode: 1}});

describe('result lines', () => {
  it("are ask --json's object with the id first, or the id and the error", () => {
    expect(formatResultLine({id: 'a', ok: true, answer: {taskUUID: 'u', text: 'hi\u009b', cost: 0.1}})).toBe('{"id":"a","taskUUID":"u","text":"hi\\u009b","cost":0.1}\n');
    expect(failed('b')).toBe('{"id":"b","error":{"message":"boom","code":"server","exitCode":1}}\n');
    expect(formatResultLine({id: 'c', ok: false, error: {message: 'bad key sk-live-1234 given', code: 'x', exitCode: 1}}, 'sk-live-1234')).toBe('{"id":"c","error":{"message":"bad key *** given","code":"x","exitCode":1}}\n');
  });
});

describe('the output file as the checkpoint', () => {
  it('tells the ids done from those that failed', async () => {
    const checkpoint = await readCheckpoint(outFile(ok('a') + failed('b') + '\n' + ok('c')));
    expect(checkpoint).toEqual({done: new Set([key('a'), key('c')]), failed: new Set([key('b')]), tornBytes: 0});
  });

  it('detects a torn last line, does not count it, and cuts it off with a note', async () => {
    const whole = ok('a') + ok('b');
    const path = outFile(`${whole}{"id":"c","text":"half an ans`);
    const checkpoint = await readCheckpoint(path);
    expect(checkpoint.done).toEqual(new Set([key('a'), key('b')]));
    expect(checkpoint.tornBytes).toBe('{"id":"c","text":"half an ans'.length);
    const notes: string[] = [];
    repairTornLine(path, checkpoint, (line) => notes.push(line));
    expect(readFileSync(path, 'utf8')).toBe(whole);
    expect(notes).toEqual([`gemma: note: ${path} ended in a torn line (29 bytes, a run stopped mid-write); it was removed and its item runs again`]);
  });

  it('takes a file that is one torn line, and an empty one', async () => {
    expect(await readCheckpoint(outFile('{"id":"a"'))).toEqual({done: new Set(), failed: new Set(), tornBytes: 9});
    expect(await readCheckpoint(outFile(''))).toEqual({done: new Set(), failed: new Set(), tornBytes: 0});
  });

  it('refuses a file that is not gemma batch output, naming its lines', async () => {
    const path = outFile(`${ok('a')}hello\n{"no": "id"}\n`);
    const error = await readCheckpoint(path).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe([
      `${path}: 2 problems; not appended to (--overwrite starts it again):`,
      '  line 2: not a result line gemma batch wrote (a JSON object with an "id")',
      '  line 3: not a result line gemma batch wrote (a JSON object with an "id")',
    ].join('\n'));
  });

  it('drops the lines of the ids about to run again (--retry-failed), keeping the rest', async () => {
    const path = outFile(ok('a') + failed('b') + ok('c') + failed('d'));
    await dropLines(path, new Set([key('b')]));
    expect(readFileSync(path, 'utf8')).toBe(ok('a') + ok('c') + failed('d'));
  });

  it('appends whole lines, flushed, and cuts a failed write back off', () => {
    const path = outFile(ok('a'));
    const sink = openOutputFile(path, 'append');
    sink.write({id: 'b', ok: true, answer: {text: 'x'}});
    sink.close();
    expect(readFileSync(path, 'utf8')).toBe(ok('a') + '{"id":"b","text":"x"}\n');
    let syncs = 0;
    const halfWrite: typeof fs.writeSync = ((fd: number, buffer: Buffer, offset: number) => {
      if (offset > 0) throw Object.assign(new Error('no space'), {code: 'ENOSPC'});
      return fs.writeSync(fd, buffer, 0, 5);
    }) as typeof fs.writeSync;
    const failing = openOutputFile(path, 'append', {io: {...fs, writeSync: halfWrite, fsyncSync: () => void (syncs += 1)}});
    expect(() => failing.write({id: 'c', ok: true, answer: {text: 'y'}})).toThrow(`could not write to ${path}: no space left on device`);
    failing.close();
    expect(readFileSync(path, 'utf8')).toBe(ok('a') + '{"id":"b","text":"x"}\n');
    expect(syncs).toBe(0);
  });

  it('starts the file again with --overwrite', () => {
    const path = outFile(ok('a'));
    const sink = openOutputFile(path, 'truncate');
    sink.write({id: 'z', ok: true, answer: {}});
    sink.close();
    expect(readFileSync(path, 'utf8')).toBe('{"id":"z"}\n');
  });
});

describe('--estimate', () => {
  it('prices the input and the range of output from the published prices', () => {
    const estimate = new Estimate();
    for (let i = 0; i < 1000; i++) estimate.add({prompt: 'x'.repeat(400), images: 0, videos: 0, maxTokens: 1000, results: 1});
    // Each: 100 tokens of text + 5 for the message = 105; 1,000 of them.
    expect(estimate.inputTokens).toBe(105_000);
    expect(estimate.report({total: 1500, skipped: 300, outOfShard: 200})).toEqual([
      'items: 1,000 (of 1,500; 300 already in the output, 200 in other shards)',
      'input tokens: ~105,000 (estimated from the text, as ask\'s context check does)',
      'output tokens: 0 to 1,000,000 (max-tokens per answer)',
      // 105,000 × $0.12/1M = $0.0126; + 1,000,000 × $0.37/1M = $0.3826.
      'cost: $0.0126 to $0.3826 (input $0.12 / 1M tokens, output $0.37 / 1M)',
    ]);
  });

  it('says how many items it counted at the assumed output, and multiplies by the results asked for', () => {
    const estimate = new Estimate();
    estimate.add({prompt: 'hi', images: 1, videos: 0, results: 2});
    expect(estimate.inputTokens).toBe(5 + 1 + 1120);
    expect(estimate.outputTokensMax).toBe(2 * 4096);
    expect(estimate.report({total: 1, skipped: 0, outOfShard: 0})[2]).toBe('output tokens: 0 to 8,192 (max-tokens per answer; 1 item without it counted at 4,096)');
  });
});
