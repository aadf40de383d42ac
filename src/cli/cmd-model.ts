import {infer} from '../api/infer.js';
import type {ChatMessage, InferenceEvent} from '../api/types.js';
import {overWindow, shapeOf} from '../context/estimate-request.js';
import {ExitCode, GemmaError, UsageError} from '../errors.js';
import {lazyImports} from '../lazy-imports.js';
import {printAnswer} from '../output/answer-printer.js';
import type {AnswerBlocks} from '../output/block-printer.js';
import {canDriveTerminal, terminalSize} from '../output/drivable-terminal.js';
import {colorFor, type TextSink} from '../output/terminal.js';
import {buildTask} from '../request/build-task.js';
import type {ResolvedSettings} from '../settings/resolved-settings.js';
import {modelIdFor} from '../settings/model-id.js';
import {cleanCommand} from '../shell/clean-command.js';
import {terminalSafe} from '../text/terminal-safe.js';
import {supportsHyperlinks} from '../ui/markdown/terminal-hyperlinks.js';
import {connectionFor} from './connection-for.js';
import {withInterrupts} from './interrupt-signal.js';

type Env = Record<string, string | undefined>;

/** A sink that keeps what is written: the answer is cleaned before anyone sees it. */
class CollectedText implements TextSink {
  text = '';
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
  once(): this {
    return this;
  }
}

/**
 * The text held back until the answer is done: the command is shown only once cleaned, so the
 * waiting line stays up until then instead of going at the first token.
 */
async function* textAtTheEnd(events: AsyncIterable<InferenceEvent>): AsyncGenerator<InferenceEvent> {
  const held: InferenceEvent[] = [];
  for await (const event of events) {
    if (event.type === 'text') held.push(event);
    else if (event.type === 'done') yield* [...held, event];
    else yield event;
  }
}

/**
 * One request of `gemma cmd`, printed as `ask` prints (the wait on stderr, retries, usage and
 * cost when asked, warnings), to `stdout`; Ctrl-C while it runs ends gemma with 130.
 */
async function ask(settings: ResolvedSettings, messages: ChatMessage[], apiKey: string, env: Env, stdout: TextSink, shown: 'live' | 'at the end', openBlocks?: () => Promise<AnswerBlocks>): Promise<void> {
  const task = await buildTask(settings, messages);
  const tooLong = overWindow(shapeOf(task), settings.number('contextWindow') ?? Infinity);
  if (tooLong) throw new UsageError(tooLong);
  const color = colorFor(process.stderr, env);
  await withInterrupts(async (signal) => {
    const conn = connectionFor(settings, apiKey, {
      signal,
      warn: (line) => process.stderr.write(`${color.yellow(line)}\n`),
      ...(settings.boolean('verbose') ? {trace: (line: string) => process.stderr.write(`${color.dim(terminalSafe(`gemma: ${line}`))}\n`)} : {}),
    });
    const events = infer(task, conn);
    await printAnswer(shown === 'live' ? events : textAtTheEnd(events), {
      stdout,
      stderr: process.stderr,
      color,
      json: false,
      showThinking: settings.boolean('showThinking'),
      model: modelIdFor(settings.string('model') ?? ''),
      numberResults: 1,
      taskUUID: task.taskUUID,
      liveStderr: canDriveTerminal(process.stderr, env),
      stderrColumns: () => terminalSize(process.stderr, env).columns,
      textLayout: () => lazyImports.markdownAnswer(),
      waiting: settings.string('deliveryMethod') === 'async' ? 'queued' : 'thinking',
      ...(openBlocks ? {openBlocks} : {}),
    });
  });
}

/** The conversation's next command, cleaned to one line; an answer without one fails (exit 1). */
export async function askForCommand(settings: ResolvedSettings, messages: ChatMessage[], apiKey: string, env: Env): Promise<string> {
  const answer = new CollectedText();
  await ask(settings, messages, apiKey, env, answer, 'at the end');
  const command = cleanCommand(answer.text);
  if (command === '') throw new GemmaError(`the answer held no command${quoted(answer.text)}`, ExitCode.failure, {hint: 'try again, or say more about the task'});
  return command;
}

/**
 * What the model said instead, on the error line (a refusal says why); one line, cut to 160
 * characters, fence lines left out; nothing for an empty answer. formatError makes it safe for the terminal.
 */
function quoted(text: string): string {
  const line = text.replace(/^\s*(?:`{3,}|~{3,}).*$/gm, '').replace(/\s+/g, ' ').trim();
  if (line === '') return '';
  return `: "${line.length > 160 ? `${line.slice(0, 159)}…` : line}"`;
}

/** `d`: the explanation streamed to the terminal, rendered as `ask` renders markdown. */
export async function describeCommand(settings: ResolvedSettings, prompt: string, apiKey: string, env: Env): Promise<void> {
  const mode = settings.string('render');
  const renders = mode === 'always' || (mode === 'auto' && canDriveTerminal(process.stdout, env));
  await ask(settings, [{role: 'user', content: prompt}], apiKey, env, process.stdout, 'live', renders ? () => openMarkdown(env) : undefined);
}

async function openMarkdown(env: Env): Promise<AnswerBlocks> {
  const {openMarkdownAnswer} = await lazyImports.markdownAnswer();
  const size = () => terminalSize(process.stdout, env);
  const columns = (): number => size().columns;
  return openMarkdownAnswer(process.stdout, {
    columns,
    color: colorFor(process.stdout, env).enabled,
    hyperlinks: supportsHyperlinks(process.stdout, env),
    terminal: {columns, rows: () => size().rows},
  });
}
