import {infer} from '../api/infer.js';
import {dataDir} from '../config/config-paths.js';
import {resolveSettings, type RoleLayer} from '../config/resolve-settings.js';
import {chosenRole} from '../roles/load-role.js';
import {overWindow, shapeOf} from '../context/estimate-request.js';
import {UsageError} from '../errors.js';
import {openLatestSession, openNamedSession, openNewSession, type OpenedSession} from '../sessions/open-session.js';
import {recordAnswer, reportingFailures} from '../sessions/record-answer.js';
import type {SettingValue} from '../settings/setting-types.js';
import {lazyImports} from '../lazy-imports.js';
import {printAnswer} from '../output/answer-printer.js';
import type {ExtractMode} from '../output/extract-code.js';
import type {AnswerBlocks} from '../output/block-printer.js';
import {canDriveTerminal, terminalSize} from '../output/drivable-terminal.js';
import {colorFor} from '../output/terminal.js';
import type {ResolvedSettings} from '../settings/resolved-settings.js';
import {buildTask} from '../request/build-task.js';
import {terminalSafe} from '../text/terminal-safe.js';
import {modelIdFor} from '../settings/model-id.js';
import {supportsHyperlinks} from '../ui/markdown/terminal-hyperlinks.js';
import type {CliContext} from './cli-context.js';
import {composeFirstTurn, fileSources} from './compose-prompt.js';
import {connectionFor} from './connection-for.js';
import {withInterrupts} from './interrupt-signal.js';
import {stdinIsTerminal} from './read-stdin.js';
import {requireApiKey} from './require-api-key.js';
import {readExtract} from './extract-flags.js';
import {readSettingFlags} from './setting-flags.js';

/** `gemma ask`: one question, the answer streamed to stdout. */
export async function runAsk(args: string[], opts: Record<string, unknown>, context: CliContext): Promise<void> {
  const flags = await readSettingFlags(opts);
  const extract = readExtract(opts);
  const named = typeof opts.session === 'string' ? opts.session : undefined;
  if (named !== undefined && opts.continue === true) throw new UsageError('-c and --session both given; allowed: one of them (-c continues the latest session, --session the named one)');
  const store = context.store();
  const role = await chosenRole(opts.role, store.all(), {env: context.env, piped: !process.stdout.isTTY});
  const readsStdin = !stdinIsTerminal() || (args.length === 1 && args[0] === '-');
  const prompt = await composeFirstTurn(args, {files: fileSources(opts), readsStdin, flags, env: context.env});
  // Locked before it is read, so what is sent is what the session holds when the answer is added.
  const follow = opts.continue === true ? openLatestSession(dataDir(context.env)) : named === undefined ? undefined : openNamedSession(dataDir(context.env), named);
  try {
    await askOnce(prompt, {flags, role, follow, store, extract}, context);
  } finally {
    follow?.writer.close();
  }
}

interface AskInputs {
  flags: ReadonlyMap<string, SettingValue>;
  role: RoleLayer | undefined;
  /** `-c` or `--session`: the session asked in, locked and read. */
  follow: OpenedSession | undefined;
  store: ReturnType<CliContext['store']>;
  extract: ExtractMode | undefined;
}

async function askOnce(prompt: string, inputs: AskInputs, context: CliContext): Promise<void> {
  const {flags, role, follow, store} = inputs;
  const settings = resolveSettings({flags, ...(role ? {role} : {}), session: follow && sessionSettings(follow, flags), env: context.env, stored: store.all(), storedPath: store.path});
  // saveAsk: a plain ask becomes a one-turn session of its own (`-c` and --session record already).
  const saved = follow ?? (settings.boolean('saveAsk') ? openNewSession(dataDir(context.env)) : undefined);
  try {
    await askWith(prompt, settings, saved, inputs.extract, context);
  } finally {
    if (saved !== follow) saved?.writer.close();
  }
}

/** The question sent and its answer printed; `recorded`: the session it is added to. */
async function askWith(prompt: string, settings: ResolvedSettings, recorded: OpenedSession | undefined, extract: ExtractMode | undefined, context: CliContext): Promise<void> {
  const task = await buildTask(settings, [...(recorded?.session.messages ?? []), {role: 'user', content: prompt}]);
  const tooLong = overWindow(shapeOf(task), settings.number('contextWindow') ?? Infinity);
  if (tooLong) throw new UsageError(tooLong);
  const apiKey = requireApiKey(context);
  const color = colorFor(process.stderr, context.env);
  const writer = recorded && reportingFailures(recorded.writer, (error) => process.stderr.write(`${color.yellow(`gemma: ${messageOf(error)}`)}\n`));
  const verbose = settings.boolean('verbose');
  await withInterrupts(async (signal) => {
    const json = settings.boolean('json');
    const conn = connectionFor(settings, apiKey, {
      signal,
      collectText: json || writer !== undefined,
      warn: (line) => process.stderr.write(`${color.yellow(line)}\n`),
      // A trace line quotes the server's errors: shown inert, like every line on stderr.
      ...(verbose ? {trace: (line: string) => process.stderr.write(`${color.dim(terminalSafe(`gemma: ${line}`))}\n`)} : {}),
    });
    writer?.append({type: 'user', text: prompt});
    const events = writer ? recordAnswer(infer(task, conn), task, writer, signal, apiKey) : infer(task, conn);
    await printAnswer(events, {
      stdout: process.stdout,
      stderr: process.stderr,
      color,
      json,
      showThinking: settings.boolean('showThinking'),
      model: modelIdFor(settings.string('model') ?? ''),
      numberResults: task.numberResults ?? 1,
      taskUUID: task.taskUUID,
      liveStderr: canDriveTerminal(process.stderr, context.env),
      stderrColumns: () => terminalSize(process.stderr, context.env).columns,
      textLayout: () => lazyImports.markdownAnswer(),
      waiting: settings.string('deliveryMethod') === 'async' ? 'queued' : 'thinking',
      // Code taken out of an answer is for pipes and files: printed as written, never rendered.
      ...(extract ? {extract} : rendersMarkdown(settings, context.env) ? {openBlocks: () => openMarkdownAnswer(context.env)} : {}),
    });
  });
}

/** `render`: auto renders on a terminal gemma can drive, always renders to anything; never with --json. */
function rendersMarkdown(settings: ResolvedSettings, env: Record<string, string | undefined>): boolean {
  if (settings.boolean('json')) return false;
  const mode = settings.string('render');
  return mode === 'always' || (mode === 'auto' && canDriveTerminal(process.stdout, env));
}

/**
 * The answer rendered block by block. Loaded at the first token, while the request was already
 * out: an answer that is not rendered never loads the renderer. Off a terminal (render always)
 * each block is printed once, at $COLUMNS or 80 columns, without colour.
 */
async function openMarkdownAnswer(env: Record<string, string | undefined>): Promise<AnswerBlocks> {
  const {openMarkdownAnswer: open} = await lazyImports.markdownAnswer();
  const size = () => terminalSize(process.stdout, env);
  const columns = (): number => size().columns;
  return open(process.stdout, {
    columns,
    color: colorFor(process.stdout, env).enabled,
    hyperlinks: supportsHyperlinks(process.stdout, env),
    ...(canDriveTerminal(process.stdout, env) ? {terminal: {columns, rows: () => size().rows}} : {}),
  });
}

/** `ask -c` uses the session's /set values; flags given now win. */
function sessionSettings(follow: OpenedSession, flags: ReadonlyMap<string, SettingValue>): Map<string, SettingValue> {
  return new Map([...follow.session.settings].filter(([name]) => !flags.has(name)));
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
