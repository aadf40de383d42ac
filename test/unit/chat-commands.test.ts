import {mkdirSync, mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {echo, fakeSession} from '../support/fake-chat-session.js';

const lastNotice = (chat: ReturnType<typeof fakeSession>) => chat.notices().at(-1);

describe('/set, /model and /system with no value show the value and where it came from', () => {
  it('names each source in words', async () => {
    const chat = fakeSession(echo, {temperature: 0.5}, {env: {GEMMA_TOP_K: '7'}, stored: {maxTokens: 300}});
    const said = async (line: string) => (await chat.run(line), lastNotice(chat)?.text);
    expect(await said('/set temperature')).toBe('temperature = 0.5 (from --temperature)');
    expect(await said('/set top-k')).toBe('topK = 7 (from GEMMA_TOP_K)');
    expect(await said('/set maxTokens')).toBe('maxTokens = 300 (from the config file)');
    expect(await said('/model')).toBe('model = google:gemma@4-31b (the default)');
    expect(await said('/system')).toBe("systemPrompt is not set: the service's default applies (/set systemPrompt <value> sets it)");
    await chat.run('/system be brief');
    expect(await said('/system')).toBe('systemPrompt = be brief (set with /set in this session)');
    expect(chat.notices().every((notice) => notice.level === 'info')).toBe(true);
    // Showing is not setting: nothing was recorded as a change but the one /system.
    await chat.run('hi');
    expect(chat.tasks[0]?.settings).toEqual({temperature: 0.5, topK: 7, maxTokens: 300, systemPrompt: 'be brief'});
  });
});

describe('a text setting takes the rest of the line; quotes are read the same in every command', () => {
  it('/set systemPrompt be brief please sends the whole phrase, as /system does', async () => {
    const chat = fakeSession(echo);
    await chat.run('/set systemPrompt be brief please');
    expect(lastNotice(chat)).toMatchObject({level: 'info', text: 'systemPrompt = be brief please'});
    await chat.run('one');
    await chat.run('/system   "answer in French"  ');
    await chat.run('two');
    await chat.run("/set systemPrompt don't ramble");
    await chat.run('three');
    await chat.run("/set systemPrompt 'keep  two spaces'");
    await chat.run('four');
    expect(chat.tasks.map((task) => task.settings?.systemPrompt)).toEqual(['be brief please', 'answer in French', "don't ramble", 'keep  two spaces']);
  });

  it('a list setting splits like a shell; an unclosed quote is refused and changes nothing', async () => {
    const chat = fakeSession(echo);
    await chat.run('/set stop "end here" ###');
    await chat.run('/set stop "end here');
    expect(lastNotice(chat)).toMatchObject({level: 'error', text: 'unclosed double quote in: "end here; close it, or escape it with \\'});
    await chat.run('hi');
    expect(chat.tasks[0]?.settings).toEqual({stopSequences: ['end here', '###']});
  });
});

describe('a message that starts with /', () => {
  it('//etc/hosts … is sent as /etc/hosts …, and the unknown-command error says how', async () => {
    const chat = fakeSession(echo);
    await chat.run('/etc/hosts what is this file?');
    expect(lastNotice(chat)).toMatchObject({level: 'error', text: 'unknown command /etc/hosts (/help lists them); to send it as a message, start it with //'});
    expect(chat.tasks).toEqual([]);
    await chat.run('//etc/hosts what is this file?');
    expect(chat.tasks[0]?.messages).toEqual([{role: 'user', content: '/etc/hosts what is this file?'}]);
    expect(chat.entries().find((entry) => entry.kind === 'user')).toMatchObject({text: '/etc/hosts what is this file?'});
  });
});

describe('/save', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('expands ~ to the home folder, and takes a quoted name with spaces', async () => {
    const home = mkdtempSync(join(tmpdir(), 'gemma-home-'));
    vi.stubEnv('HOME', home);
    const chat = fakeSession(echo);
    await chat.run('hello');
    await chat.run('/save ~/conv.md');
    expect(lastNotice(chat)).toMatchObject({level: 'info', text: `saved to ${join(home, 'conv.md')}`});
    expect(readFileSync(join(home, 'conv.md'), 'utf8')).toBe('## You\n\nhello\n\n## Gemma\n\necho: hello\n');
    await chat.run('/save "~/my talk.json"');
    expect(JSON.parse(readFileSync(join(home, 'my talk.json'), 'utf8')).messages).toHaveLength(2);
  });

  it('names why a file cannot be written in words, not an errno code', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gemma-save-'));
    mkdirSync(join(dir, 'folder.md'));
    const chat = fakeSession(echo);
    await chat.run('hello');
    await chat.run(`/save ${join(dir, 'missing', 'talk.md')}`);
    expect(lastNotice(chat)).toMatchObject({level: 'error', text: `/save: cannot write ${join(dir, 'missing', 'talk.md')}: no such file or folder`});
    await chat.run(`/save ${join(dir, 'folder.md')}`);
    expect(lastNotice(chat)).toMatchObject({level: 'error', text: `/save: cannot write ${join(dir, 'folder.md')}: it is a folder`});
    expect(chat.notices().map((notice) => notice.text).join('\n')).not.toMatch(/\bE[A-Z]{3,}\b/);
  });
});
