import {rmSync} from 'node:fs';
import {Option, type Command} from 'commander';
import {dataDir} from '../config/config-paths.js';
import {UsageError} from '../errors.js';
import {readBlob} from '../sessions/blob-store.js';
import {readSession, skippedWarning} from '../sessions/read-session.js';
import type {BlobReader} from '../sessions/user-content.js';
import {findNamedSession, listSessions, requireSession, type StoredSession} from '../sessions/session-index.js';
import {sessionLine} from '../sessions/session-line.js';
import {lockSession} from '../sessions/session-lock.js';
import {SESSION_NAME} from '../sessions/session-paths.js';
import {SessionWriter} from '../sessions/session-writer.js';
import {eventsMarkdown} from '../sessions/transcript-markdown.js';
import type {CliContext} from './cli-context.js';
import {searchSessions} from '../sessions/search-sessions.js';
import {terminalSafe} from '../text/terminal-safe.js';

/** A warning for each session that had lines skipped (torn, or of the wrong shape); returns them. */
function warned<T extends StoredSession | StoredSession[]>(found: T): T {
  for (const session of Array.isArray(found) ? found : [found]) {
    if (session.skipped > 0) process.stderr.write(`gemma: warning: ${skippedWarning(session.path, session.skippedLines)}\n`);
  }
  return found;
}

export function addSessionsCommand(program: Command, context: CliContext): void {
  const dir = (): string => dataDir(context.env);
  const blobs = (): BlobReader => (sha256) => readBlob(dir(), sha256);
  const sessions = program.command('sessions').description('stored chat conversations: list, show, export, search, rm, rename');

  sessions.command('list').description('every conversation, the one last talked in first: name or id, when, answered turns, first prompt').action(() => {
    const all = warned(listSessions(dir()));
    if (all.length === 0) process.stderr.write('no sessions yet: `gemma chat` saves every conversation\n');
    for (const session of all) process.stdout.write(`${sessionLine(session)}\n`);
  });

  // `show` is for reading, on a terminal or through a pager alike: terminal controls in the
  // stored text are shown, never obeyed. `export` is the way to the exact bytes.
  sessions.command('show').description('print a conversation as markdown').argument('<name|id>').action((key: string) => {
    const session = warned(requireSession(dir(), key));
    process.stdout.write(terminalSafe(eventsMarkdown(readSession(session.path).events, session.name ?? session.id, blobs())));
  });

  sessions
    .command('export')
    .description('print a conversation to stdout as markdown or JSON')
    .argument('<name|id>')
    // Choices for the completion tree (--format <TAB>); the check is gemma's own sentence.
    .addOption(new Option('--format <format>', 'what to print: markdown or JSON').choices(['md', 'json']).default('md').argParser((value: string) => value))
    .action((key: string, opts: {format: string}) => {
      if (opts.format !== 'md' && opts.format !== 'json') throw new UsageError(`--format: "${opts.format}" is not allowed; allowed: "md" or "json"`);
      const session = warned(requireSession(dir(), key));
      const {events} = readSession(session.path);
      if (opts.format === 'md') {
        process.stdout.write(eventsMarkdown(events, session.name ?? session.id, blobs()));
        return;
      }
      const {id, name, createdAt, lastActivity, lastMessageAt, messages} = session;
      process.stdout.write(`${JSON.stringify({id, name: name ?? null, createdAt, lastActivity, lastMessageAt, messages, events}, null, 2)}\n`);
    });

  sessions.command('search').description('conversations containing the text, each with a line of context').argument('<text...>').action((words: string[]) => {
    const hits = searchSessions(warned(listSessions(dir())), words.join(' '));
    if (hits.length === 0) process.stderr.write('no session contains that text\n');
    for (const hit of hits) process.stdout.write(`${sessionLine(hit.session)}\n    ${hit.context}\n`);
  });

  sessions.command('rm').description('delete a conversation for good').argument('<name|id>').action((key: string) => {
    const session = requireSession(dir(), key);
    const release = lockSession(`${session.path}.lock`, session.name ?? session.id);
    rmSync(session.path, {force: true});
    release();
    process.stderr.write(`removed ${session.name ?? session.id} (${session.path})\n`);
  });

  sessions.command('rename').description('give a conversation a name').argument('<name|id>').argument('<new-name>').action((key: string, name: string) => {
    if (!SESSION_NAME.test(name)) throw new UsageError(`"${name}" is not a usable name; allowed: letters, digits, ".", "_" and "-", up to 64, starting with a letter or digit`);
    const session = warned(requireSession(dir(), key));
    const taken = findNamedSession(dir(), name);
    if (taken && taken.id !== session.id) throw new UsageError(`the name "${name}" is already used by session ${taken.id}`);
    const writer = new SessionWriter(dir(), session.id, session.name);
    try {
      writer.append({type: 'rename', name});
    } finally {
      writer.close();
    }
    process.stderr.write(`${session.id} is now named ${name}\n`);
  });
}
