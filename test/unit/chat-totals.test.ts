import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {ApiError} from '../../src/errors.js';
import {listSessions, loadSession} from '../../src/sessions/session-index.js';
import {sessionLine} from '../../src/sessions/session-line.js';
import {SessionWriter} from '../../src/sessions/session-writer.js';
import {formatAnswerFooter} from '../../src/ui/format-answer-footer.js';
import {echo, fakeSession, type Script} from '../support/fake-chat-session.js';

/** Echoes, with thinking tokens; a question starting "fail" gets an API error (paid, not a turn). */
const thinkingEcho: Script = async function* (task, signal) {
  if (String(task.messages.at(-1)?.content).startsWith('fail')) throw new ApiError('Nope. (invalidParameter)', {status: 400, code: 'invalidParameter'});
  for await (const event of echo(task, signal)) {
    if (event.type !== 'done') yield event;
    else yield {type: 'done', results: event.results.map((result) => ({...result, usage: {promptTokens: 3, completionTokens: 2, thinkingTokens: 4, totalTokens: 9}}))};
  }
};

describe('the footer counts turns as `sessions list` does', () => {
  it('a resumed session\'s footer goes on from its stored turns, tokens and cost', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gemma-totals-'));
    const first = fakeSession(thinkingEcho, {}, {dataDir});
    first.session.attachRecorder(new SessionWriter(dataDir, 'talk'));
    for (const line of ['one', 'fail now', 'two']) await first.run(line);
    first.session.closeRecorder();
    const listed = () => sessionLine(listSessions(dataDir)[0]!);
    expect(listed()).toMatch(/ 2 turns /);
    expect(first.session.getSnapshot().totals).toMatchObject({turns: 2, totalTokens: 18, thinkingTokens: 8});

    const again = fakeSession(thinkingEcho, {}, {dataDir});
    await again.run('/resume talk');
    expect(again.session.getSnapshot().totals).toMatchObject({turns: 2, totalTokens: 18, thinkingTokens: 8, cost: 0.002});
    await again.run('three');
    again.session.closeRecorder();
    expect(listed()).toMatch(/ 3 turns /);
    const last = again.answers().at(-1)!;
    expect(formatAnswerFooter(last, again.session.getSnapshot().totals)).toMatch(
      /^3 in · 2 out · 4 thinking · \$0\.0010 · .* │ session: 3 turns · 27 tokens \(12 thinking\) · \$0\.0030$/,
    );
    expect(loadSession(dataDir, 'talk').answers).toBe(3);
  });
});
