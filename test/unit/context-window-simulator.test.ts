import {describe, expect, it} from 'vitest';
import {firstError, post, textTask} from '../support/simulator-client.js';
import {useSimulator} from '../support/use-simulator.js';

const sim = useSimulator({contextWindow: 10});

describe("the simulator's context window", () => {
  it('refuses a task whose prompt tokens are over it with 400 contextLengthExceeded; its taskUUID stays free', async () => {
    const task = textTask({messages: [{role: 'user', content: 'one two three four five six'}], settings: {systemPrompt: 'a b c d e'}, includeUsage: true});
    const refused = await post(sim, [task]);
    expect(refused.status).toBe(400);
    expect(firstError(refused)).toEqual({
      code: 'contextLengthExceeded', message: "The input is 11 tokens, more than the model's context window of 10 tokens.",
      parameter: 'messages', taskType: 'textInference', taskUUID: task.taskUUID,
    });
    // At the window exactly it answers, under the same taskUUID, and reports that many prompt tokens.
    const fits = await post(sim, [{...task, settings: {systemPrompt: 'a b c d'}}]);
    expect(fits.status).toBe(200);
    expect(fits.json.data[0].usage.promptTokens).toBe(10);
  });
});

describe('a script with match', () => {
  it("waits for the request whose last message holds its text; the others take the queue's order", async () => {
    sim.script({match: 'Summarize', answer: 'the summary'}, {answer: 'first'}, {answer: 'second'});
    const ask = async (content: string): Promise<string> => (await post(sim, [textTask({messages: [{role: 'user', content}]})])).json.data[0].text;
    expect(await ask('hi')).toBe('first');
    expect(await ask('Summarize this')).toBe('the summary');
    expect(await ask('hi')).toBe('second');
    expect(await ask('Summarize again')).toMatch(/^You said: Summarize again\./);
  });
});
