import {infer} from '../api/infer.js';
import {dataDir} from '../config/config-paths.js';
import {resolveSettings} from '../config/resolve-settings.js';
import {UsageError} from '../errors.js';
import {recordAnswer} from '../sessions/record-answer.js';
import {listSessions} from '../sessions/session-index.js';
import {SessionWriter} from '../sessions/session-writer.js';
import type {SettingValue} from '../settings/setting-types.js';
import {printAnswer} from '../output/answer-printer.js';
import {colorFor} from '../output/terminal.js';
import {buildTask} from '../settings/build-task.js';
import {modelIdFor} from '../settings/model-id.js';
import type {CliContext} from './cli-context.js';
import {composePrompt} from './compose-prompt.js';
import {connectionFor} from './connection-for.js';
import {withInterrupts} from './interrupt-signal.js';
import {readStdinText, stdinIsTerminal} from './read-stdin.js';
import {requireApiKey} from './require-api-key.js';
import {readSettingFlags} from './setting-flags.js';

/** `gemma ask`: one question, the answer streamed to stdout. */
export async function runAsk(args: string[], opts: Record<string, unknown>, context: CliContext): Promise<void> {
  const flags = await readSettingFlags(opts);
  const readsStdin = !stdinIsTerminal() || (args.length === 1 && args[0] === '-');
  const prompt = composePrompt(args, readsStdin ? await readStdinText() : undefined);
  const store = context.store();
  const follow = opts.continue === true ? continueLatest(context, flags) : undefined;
  const settings = resolveSettings({flags, session: follow?.settings, env: context.env, stored: store.all(), storedPath: store.path});
  const task = await buildTask(settings, [...(follow?.messages ?? []), {role: 'user', content: prompt}]);
  const apiKey = requireApiKey(context);
  const writer = follow?.open();
  const color = colorFor(process.stderr, context.env);
  const verbose = settings.get('verbose')?.value === true;
  await withInterrupts(async (signal) => {
    const json = settings.get('json')?.value === true;
    const conn = connectionFor(settings, apiKey, {
      signal,
      collectText: json || writer !== undefined,
      warn: (line) => process.stderr.write(`${color.yellow(line)}\n`),
      ...(verbose ? {trace: (line: string) => process.stderr.write(`${color.dim(`gemma: ${line}`)}\n`)} : {}),
    });
    writer?.append({type: 'user', text: prompt});
    const events = writer ? recordAnswer(infer(task, conn), task, writer) : infer(task, conn);
    await printAnswer(events, {
      stdout: process.stdout,
      stderr: process.stderr,
      color,
      json,
      showThinking: settings.get('showThinking')?.value === true,
      model: modelIdFor(String(settings.get('model')?.value)),
      numberResults: task.numberResults ?? 1,
    });
  }).finally(() => writer?.close());
}

/** `ask -c`: the latest session's conversation and its /set values (flags given now win). */
function continueLatest(context: CliContext, flags: ReadonlyMap<string, SettingValue>) {
  const dir = dataDir(context.env);
  const latest = listSessions(dir)[0];
  if (!latest) throw new UsageError('there is no chat session to continue yet; start one with `gemma chat`');
  const settings = new Map([...latest.settings].filter(([name]) => !flags.has(name)));
  const open = (): SessionWriter => {
    const writer = new SessionWriter(dir, latest.id, latest.name);
    writer.open();
    return writer;
  };
  return {messages: latest.messages, settings, open};
}
