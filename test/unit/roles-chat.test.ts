import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import type {TextInferenceTask} from '../../src/api/types.js';
import {chatCompletions, runChatCommand} from '../../src/chat/chat-commands.js';
import {ChatSession} from '../../src/chat/chat-session.js';
import type {NoticeEntry} from '../../src/chat/chat-types.js';
import {loadRole} from '../../src/roles/load-role.js';
import {echo} from '../support/fake-chat-session.js';

/** A chat as `gemma chat -r <flagRole>` builds it, over a config folder holding `rev.md`. */
async function roleChat(options: {flagRole?: string; flags?: Record<string, number>} = {}) {
  const configDir = mkdtempSync(join(tmpdir(), 'gemma-role-chat-'));
  mkdirSync(join(configDir, 'roles'));
  writeFileSync(join(configDir, 'roles', 'rev.md'), '---\ndescription: reviewer\ntemperature: 0.4\ntopK: 5\n---\nReview what you are given.\n');
  const env = {GEMMA_CONFIG_DIR: configDir};
  const tasks: TextInferenceTask[] = [];
  const role = options.flagRole ? await loadRole(options.flagRole, {env, origin: 'flag', piped: false}) : undefined;
  const session = new ChatSession({
    layers: {env, stored: {}, ...(role ? {role} : {})},
    flags: new Map(Object.entries(options.flags ?? {})),
    infer: (task, conn) => {
      tasks.push(structuredClone(task));
      return echo(task, conn.signal!);
    },
    connect: (_settings, signal) => ({baseUrl: 'http://127.0.0.1:1/v1', apiKey: 'k', timeoutMs: 1000, signal}),
    runCommand: runChatCommand,
    completions: chatCompletions,
    loadRole: (name) => loadRole(name, {env, origin: 'chat', piped: false}),
  });
  const run = async (input: string) => {
    session.submit(input);
    await session.idle();
  };
  const notices = () => session.getSnapshot().entries.filter((entry): entry is NoticeEntry => entry.kind === 'notice');
  return {session, tasks, run, notices, rolePath: join(configDir, 'roles', 'rev.md')};
}

describe('/role', () => {
  it('with no name shows the role in force and where it came from', async () => {
    const chat = await roleChat({flagRole: 'code'});
    await chat.run('/role');
    expect(chat.notices().at(-1)).toMatchObject({level: 'info', text: 'role code: built in, chosen with --role; it sets temperature, systemPrompt'});
    const none = await roleChat();
    await none.run('/role');
    expect(none.notices().at(-1)?.text).toBe('no role: /role NAME picks one (gemma roles list shows them)');
  });

  it('NAME switches the role for the next requests and keeps the conversation, saying so', async () => {
    const chat = await roleChat({flagRole: 'code', flags: {topK: 9}});
    await chat.run('first');
    await chat.run('/role rev');
    expect(chat.notices().at(-1)?.text).toBe(`role rev (${chat.rolePath}, chosen with /role): it sets temperature, topK, systemPrompt (topK: your /set or flag still wins); the conversation so far is kept (2 messages, sent with the next request)`);
    await chat.run('second');
    expect(chat.tasks[0]?.settings).toMatchObject({temperature: 0.2, topK: 9});
    expect(chat.tasks[1]?.settings).toEqual({systemPrompt: 'Review what you are given.', temperature: 0.4, topK: 9});
    expect(chat.tasks[1]?.messages).toEqual([
      {role: 'user', content: 'first'},
      {role: 'assistant', content: 'echo: first'},
      {role: 'user', content: 'second'},
    ]);
    // The header names the role instead of quoting its system prompt; its other settings show as usual.
    expect(chat.session.getSnapshot().header).toBe('gemma · google:gemma@4-31b · role rev · temperature 0.4 · topK 9');
    await chat.run('/settings');
    expect(chat.notices().at(-1)?.text).toMatch(/^temperature +0\.4 +role rev$/m);
  });

  it('an unknown name is an error notice that changes nothing', async () => {
    const chat = await roleChat({flagRole: 'code'});
    await chat.run('/role cod');
    expect(chat.notices().at(-1)).toMatchObject({level: 'error', text: expect.stringMatching(/^unknown role "cod": did you mean code\? \(roles live in .*; gemma roles list\)$/)});
    await chat.run('hi');
    expect(chat.tasks[0]?.settings).toMatchObject({temperature: 0.2});
  });

  it('is listed by /help and completed by Tab with the built-in roles', async () => {
    const chat = await roleChat();
    await chat.run('/help');
    expect(chat.notices().at(-1)?.text).toMatch(/^\/role \[name\] +switch to a role, keeping the conversation \(no name: show the current one\)$/m);
    expect(chatCompletions()).toEqual(expect.arrayContaining(['/role', '/role code', '/role commit', '/role explain', '/role shell']));
  });
});
