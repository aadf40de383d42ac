import {existsSync, readdirSync, writeFileSync, mkdirSync} from 'node:fs';
import {join} from 'node:path';
import {beforeEach, describe, expect, it} from 'vitest';
import {expectOneLine, simEnv, type Home} from '../faults/helpers.js';
import {runCli, tempHome} from '../support/run-cli.js';
import {useSimulator} from '../support/use-simulator.js';

const sim = useSimulator();
let home: Home;
beforeEach(() => {
  home = tempHome();
});

const gemma = (args: string[], stdin?: string, extra: Record<string, string> = {}) => runCli(args, {env: simEnv(sim, home, extra), ...(stdin === undefined ? {} : {stdin})});
const sessionsDir = () => join(home.dataDir, 'sessions');
const sessionFiles = () => (existsSync(sessionsDir()) ? readdirSync(sessionsDir()).filter((file) => file.endsWith('.jsonl')) : []);
/** Each request's messages as `u:text` / `a:text`. */
const sent = () => sim.tasks().map((task) => (task.messages as Array<{role: string; content: string}>).map((m) => `${m.role[0]}:${m.content}`));

describe('ask --session NAME', () => {
  it('creates the named session, then continues it: the second request holds the first exchange', async () => {
    sim.script({answer: 'A1.'}, {answer: 'A2.'});
    const first = await gemma(['ask', '--session', 'notes', 'q1']);
    expect([first.stdout, first.stderr, first.code]).toEqual(['A1.\n', '', 0]);
    const second = await gemma(['ask', '--session', 'notes', 'q2']);
    expect([second.stdout, second.stderr, second.code]).toEqual(['A2.\n', '', 0]);
    expect(sent()).toEqual([['u:q1'], ['u:q1', 'a:A1.', 'u:q2']]);
    expect(sessionFiles()).toHaveLength(1);
    const shown = await gemma(['sessions', 'show', 'notes']);
    expect(shown.stdout).toBe('# notes\n\n## You\n\nq1\n\n## Gemma\n\nA1.\n\n## You\n\nq2\n\n## Gemma\n\nA2.\n');
    expect((await gemma(['sessions', 'list'])).stdout).toMatch(/^notes +\S+ \S+ +2 turns +q1\n$/);
  });

  it('finds a session by its id too, without creating one of that name', async () => {
    sim.script({answer: 'A1.'}, {answer: 'B1.'}, {answer: 'A2.'});
    await gemma(['ask', '--session', 'first', 'q1']);
    const [file] = sessionFiles();
    await gemma(['ask', '--session', 'other', 'p1']);
    const again = await gemma(['ask', '--session', file!.slice(0, -'.jsonl'.length), 'q2']);
    expect(again.code).toBe(0);
    expect(sent()[2]).toEqual(['u:q1', 'a:A1.', 'u:q2']);
    expect(sessionFiles()).toHaveLength(2);
  });

  it('a name chat could not use, and -c with --session: exit 2, one line, nothing sent or stored', async () => {
    const bad = await gemma(['ask', '--session', 'bad name', 'q']);
    expectOneLine(bad.stderr, 'gemma: --session: "bad name" is not a usable name; allowed: letters, digits, ".", "_" and "-", up to 64, starting with a letter or digit');
    expect(bad.code).toBe(2);
    const both = await gemma(['ask', '-c', '--session', 'notes', 'q']);
    expectOneLine(both.stderr, 'gemma: -c and --session both given; allowed: one of them (-c continues the latest session, --session the named one)');
    expect(both.code).toBe(2);
    expect(sim.tasks()).toHaveLength(0);
    expect(sessionFiles()).toEqual([]);
  });
});

describe('saveAsk', () => {
  it('off (the default): a plain ask stores nothing', async () => {
    sim.script({answer: 'A.'});
    expect((await gemma(['ask', 'q'])).code).toBe(0);
    expect(sessionFiles()).toEqual([]);
  });

  it('on in the config: a plain ask is a one-turn session that sessions search finds and chat -c continues', async () => {
    mkdirSync(home.configDir, {recursive: true});
    writeFileSync(join(home.configDir, 'config.json'), JSON.stringify({saveAsk: true}));
    sim.script({answer: 'The capital is Paris.'}, {answer: 'About two million.'});
    const asked = await gemma(['ask', 'capital of France?']);
    expect([asked.stdout, asked.stderr, asked.code]).toEqual(['The capital is Paris.\n', '', 0]);
    expect(sessionFiles()).toHaveLength(1);
    const found = await gemma(['sessions', 'search', 'Paris']);
    expect(found.stdout).toMatch(/^\S+ +\S+ \S+ +1 turn +capital of France\?\n +gemma: The capital is Paris\.\n$/);
    const chat = await gemma(['chat', '-c'], 'how many people live there?\n');
    expect(chat.stdout).toBe('About two million.\n');
    expect(sent()[1]).toEqual(['u:capital of France?', 'a:The capital is Paris.', 'u:how many people live there?']);
    expect(sessionFiles()).toHaveLength(1);
  });

  it('on: ask -c and --session record once, in their session; --no-save-ask turns it off for one ask', async () => {
    sim.script({answer: 'A1.'}, {answer: 'A2.'}, {answer: 'A3.'}, {answer: 'A4.'});
    const on = {GEMMA_SAVE_ASK: 'true'};
    await gemma(['ask', 'q1'], undefined, on);
    await gemma(['ask', '-c', 'q2'], undefined, on);
    await gemma(['ask', '--session', 'named', 'q3'], undefined, on);
    expect(sessionFiles()).toHaveLength(2);
    await gemma(['ask', '--no-save-ask', 'q4'], undefined, on);
    expect(sessionFiles()).toHaveLength(2);
    const list = (await gemma(['sessions', 'list'])).stdout;
    expect(list).toMatch(/^named +\S+ \S+ +1 turn +q3\n\S+ +\S+ \S+ +2 turns +q1\n$/);
  });
});
