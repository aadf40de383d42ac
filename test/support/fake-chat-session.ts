import type {ConnectionOptions, InferenceEvent, TextInferenceTask} from '../../src/api/types.js';
import {chatCompletions, runChatCommand} from '../../src/chat/chat-commands.js';
import {ChatSession} from '../../src/chat/chat-session.js';
import type {AssistantEntry, NoticeEntry} from '../../src/chat/chat-types.js';
import type {SettingLayers} from '../../src/config/resolve-settings.js';
import type {SettingValue} from '../../src/settings/setting-types.js';

export type Script = (task: TextInferenceTask, signal: AbortSignal) => AsyncGenerator<InferenceEvent>;

export interface FakeSessionOptions {
  /** Environment variables and config-file values, as the CLI would pass them. */
  env?: Record<string, string>;
  stored?: Record<string, unknown>;
  /** Where /sessions and /resume look, saving each chat there. */
  dataDir?: string;
}

/** A chat as `gemma chat` builds it (usage and cost asked for), with a scripted fake at the infer seam. */
export function fakeSession(script: Script, flags: Record<string, SettingValue> = {}, options: FakeSessionOptions = {}) {
  const tasks: TextInferenceTask[] = [];
  const layers: Omit<SettingLayers, 'session' | 'flags'> = {env: options.env ?? {}, stored: options.stored ?? {}, defaults: {includeUsage: true, includeCost: true}};
  const session = new ChatSession({
    layers,
    flags: new Map(Object.entries(flags)),
    infer: (task: TextInferenceTask, conn: ConnectionOptions) => {
      tasks.push(structuredClone(task));
      return script(task, conn.signal!);
    },
    connect: (_settings, signal) => ({baseUrl: 'http://127.0.0.1:1/v1', apiKey: 'k', timeoutMs: 1000, signal}),
    runCommand: runChatCommand,
    completions: chatCompletions,
    ...(options.dataDir ? {storage: {dataDir: options.dataDir, save: true}} : {}),
  });
  const run = async (input: string) => {
    session.submit(input);
    await session.idle();
  };
  const entries = () => session.getSnapshot().entries;
  const answers = () => entries().filter((e): e is AssistantEntry => e.kind === 'assistant');
  const notices = () => entries().filter((e): e is NoticeEntry => e.kind === 'notice');
  return {session, tasks, run, entries, answers, notices};
}

/** Answers `echo: <question>` word by word, with usage and cost. */
export const echo: Script = async function* (task) {
  const text = `echo: ${task.messages.at(-1)?.content}`;
  for (const word of text.split(/(?<= )/)) yield {type: 'text', text: word, index: 0};
  yield {type: 'done', results: [{taskUUID: task.taskUUID, index: 0, text, reasoning: '', finishReason: 'stop', usage: {promptTokens: 3, completionTokens: 2, totalTokens: 5}, cost: 0.001}]};
};
