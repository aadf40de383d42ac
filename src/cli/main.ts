import {API_KEY_ENV} from '../config/api-key.js';
import {ExitCode} from '../errors.js';
import {createCliContext} from './cli-context.js';
import {writeSync} from 'node:fs';
import {stdoutFailure, writeStdoutFully} from '../output/stdout-failure.js';
import {mistypedEnvWarnings} from '../settings/find-setting.js';
import {formatError} from './report-error.js';
import {VERSION} from './version.js';

/** The only top-level error handler and the only place that calls process.exit. */
async function main(): Promise<void> {
  // `gemma ask ... | head -1` closes stdout early: that is not an error worth a trace. Any other
  // failed write (a full disk) cut the output, so it fails the run, whatever the command. Node
  // emits this before the writer's next step runs, so nothing more is printed after the cut.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(ExitCode.ok);
    const {line, exitCode} = formatError(stdoutFailure(error), [], false);
    process.stderr.write(`${line}\n`);
    process.exit(exitCode);
  });
  writeStdoutFully(process.stdout, (fd, buffer, offset) => writeSync(fd, buffer, offset));
  const args = process.argv.slice(2);
  // Scripts call `gemma --version` in loops: answer it before loading the command definitions.
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  // A completion script asks for role and session names on a TAB: answered without commander.
  if (args[0] === '__complete') {
    await completeFast(args.slice(1));
    return;
  }
  const context = createCliContext(process.env);
  for (const warning of mistypedEnvWarnings(process.env)) process.stderr.write(`gemma: ${warning}\n`);
  const {buildProgram, CommanderError, fromCommanderError} = await import('./program.js');
  try {
    const program = buildProgram(context);
    // `gemma` alone asks what gemma does: the help is the answer, on stdout, exit 0.
    if (args.length === 0) {
      program.outputHelp();
      return;
    }
    await program.parseAsync(process.argv);
  } catch (caught) {
    let error = caught;
    if (caught instanceof CommanderError) {
      error = fromCommanderError(caught);
      if (!error) process.exit(ExitCode.ok);
    }
    const secrets = [process.env[API_KEY_ENV] ?? '', ...context.secrets];
    const {line, exitCode} = formatError(error, secrets, Boolean(process.env.GEMMA_DEBUG));
    process.stderr.write(`${line}\n`);
    // Into a pipe stdout is written asynchronously: what is still queued (a long answer cut by an
    // error) would be dropped by an exit now.
    await drained(process.stdout);
    process.exit(exitCode);
  }
}

/** `gemma __complete roles|sessions`: the names, one a line; bad usage as any command's. */
async function completeFast(args: string[]): Promise<void> {
  const {completeWords} = await import('../completion/complete-words.js');
  try {
    process.stdout.write(completeWords(args, process.env).map((word) => `${word}\n`).join(''));
  } catch (error) {
    const {line, exitCode} = formatError(error, [], Boolean(process.env.GEMMA_DEBUG));
    process.stderr.write(`${line}\n`);
    process.exitCode = exitCode;
  }
}

function drained(stream: NodeJS.WriteStream): Promise<void> {
  if (stream.writableLength === 0) return Promise.resolve();
  return new Promise((resolve) => {
    stream.once('drain', resolve);
    stream.once('error', resolve);
  });
}

void main();
