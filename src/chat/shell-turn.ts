import {SOURCE_LIMITS, formatSize} from '../context/source-limits.js';
import {attachmentSummary, type Attachment, type PendingAttachments} from './attachments.js';
import type {ShellEntry} from './chat-types.js';
import {hideKey, runShellCommand} from './run-shell-command.js';
import {outputAsShown, runAttachmentText} from './shell-output.js';
import type {SnapshotStore} from './snapshot-store.js';

/** What a command run from the chat reads and changes (ChatSession hands it in). */
export interface ShellHost {
  store: SnapshotStore;
  attachments: PendingAttachments;
  cwd: string;
  now: () => number;
  /** The controller that cancel() aborts while the command runs (Ctrl-C, Esc, SIGINT). */
  running(controller: AbortController | undefined): void;
}

/** The live region shows this much of the end of the output while the command runs. */
const LIVE_TAIL_CHARS = 4096;
/** At most one snapshot per this many ms for output: `yes` must not re-render per pipe read. */
const LIVE_EVERY_MS = 100;

/**
 * `!command` (attach false: the output is shown, never sent) or `/run command` (attach true: the
 * output goes with the next message as /file's do). While it runs the snapshot's live answer is a
 * 'running' phase with the end of the output; it ends as one shell entry. Not recorded: what the
 * model never saw is not part of the conversation (a /run's output is, through its message).
 */
export async function runShellTurn(host: ShellHost, command: string, attach: boolean): Promise<void> {
  const controller = new AbortController();
  const startedAt = host.now();
  let tail = '';
  let shownAt = startedAt;
  // Output that came within LIVE_EVERY_MS of the last snapshot is shown when that time is up: the
  // last piece before a pause (`echo compiling; sleep 60`) would otherwise wait for the next one.
  let pending: NodeJS.Timeout | undefined;
  const show = (): void => {
    clearTimeout(pending);
    pending = undefined;
    shownAt = host.now();
    host.store.update({live: {phase: 'running', startedAt, text: '', reasoning: '', shell: {command, tail: hideKey(tail, process.env)}}});
  };
  host.running(controller);
  show();
  let run;
  try {
    run = await runShellCommand(command, {
      cwd: host.cwd,
      env: process.env,
      limit: SOURCE_LIMITS.maxTextBytes,
      signal: controller.signal,
      onOutput: (chunk) => {
        tail = (tail + chunk.toString('utf8')).slice(-LIVE_TAIL_CHARS);
        const wait = LIVE_EVERY_MS - (host.now() - shownAt);
        if (wait <= 0) show();
        else pending ??= setTimeout(show, wait);
      },
    });
  } finally {
    clearTimeout(pending);
    host.running(undefined);
    host.store.update({live: null});
  }
  const ended = {exitCode: run.exitCode, signal: run.signal, cancelled: run.cancelled};
  if (!attach || run.cancelled) {
    host.store.append([{kind: 'shell', command, output: attach ? '' : outputAsShown(run.output), ...ended}]);
    if (attach) host.store.append([{kind: 'notice', level: 'info', text: '/run was stopped: nothing was attached'}]);
    return;
  }
  const text = runAttachmentText(command, run);
  const attachment: Attachment = {source: text.name, loaded: {texts: [text], images: [], videos: []}};
  host.attachments.add(attachment);
  const cut = run.cut ? `; cut to the first and last ${formatSize(SOURCE_LIMITS.maxTextBytes / 2)} of ${formatSize(run.bytes)}` : '';
  const entry: Omit<ShellEntry, 'id'> = {kind: 'shell', command, output: '', ...ended, attached: attachmentSummary(attachment).slice(text.name.length + 2) + cut};
  host.store.append([entry]);
}
