import * as fs from 'node:fs';
import {closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readSync, writeSync} from 'node:fs';
import {join} from 'node:path';
import {tryLock} from '../config/lock-file.js';
import {ExitCode, GemmaError} from '../errors.js';
import {fileErrorReason} from '../format/file-error.js';
import {SESSION_FORMAT_VERSION, type SessionEvent} from './session-events.js';
import {lockSession} from './session-lock.js';
import {findNamedSession} from './session-index.js';
import {newSessionId, sessionFile, sessionsDir} from './session-paths.js';

type NewEvent = SessionEvent extends infer E ? (E extends SessionEvent ? Omit<E, 'at'> : never) : never;

/** The calls `append` makes on the open file; a test hands in failing ones (a full disk, EIO). */
export type AppendFs = Pick<typeof fs, 'writeSync' | 'fsyncSync' | 'ftruncateSync' | 'fstatSync'>;


/**
 * Appends events to one session file, each as one line, written with one call and flushed to
 * disk before returning, so a crash loses at most the answer that was streaming. The file (0600)
 * is created on the first event, so a chat that says nothing leaves nothing behind. A new
 * session with a name claims that name at once (a lock held until close): a second gemma starting
 * a session of the same name is refused before it sends anything.
 */
export class SessionWriter {
  private fd: number | undefined;
  private fileLock: (() => void) | undefined;
  private nameLock: (() => void) | undefined;
  private currentId: string;
  /** A failed append whose partial line could not be cut off: the next one starts on a new line. */
  private torn = false;

  constructor(
    private readonly dataDir: string,
    id: string,
    private readonly name?: string,
    private readonly io: AppendFs = fs,
  ) {
    this.currentId = id;
    if (name && !existsOrLink(this.path)) this.claimName(name);
  }

  /** The session's id; a new session whose id turned out taken gets a fresh one when it opens. */
  get id(): string {
    return this.currentId;
  }

  /** Whether anything was written (the file exists because of this chat or an earlier one). */
  get opened(): boolean {
    return this.fd !== undefined;
  }

  get path(): string {
    return sessionFile(this.dataDir, this.id);
  }

  /**
   * A failure (a full disk, EIO, a short write) throws `could not save to session <id>: <reason>`
   * and leaves the file as it was before the call: what part of the line got written is cut off
   * again, so the next event is not glued to it (when even that fails, the next line starts on a
   * fresh line instead).
   */
  append(event: NewEvent): void {
    const fd = this.fd ?? this.open();
    const line = Buffer.from(`${this.torn ? '\n' : ''}${JSON.stringify({...event, at: new Date().toISOString()})}\n`);
    let goodLength: number | undefined;
    try {
      goodLength = this.io.fstatSync(fd).size;
      for (let at = 0; at < line.length; ) {
        const written = this.io.writeSync(fd, line, at, line.length - at);
        if (written <= 0) throw Object.assign(new Error('short write'), {code: 'short write'});
        at += written;
      }
      this.io.fsyncSync(fd);
      this.torn = false;
    } catch (error) {
      this.cutBackTo(fd, goodLength);
      throw new GemmaError(`could not save to session ${this.id}: ${fileErrorReason(error)}`, ExitCode.failure, {cause: error});
    }
  }

  private cutBackTo(fd: number, goodLength: number | undefined): void {
    try {
      if (goodLength === undefined) throw new Error('length unknown');
      this.io.ftruncateSync(fd, goodLength);
    } catch {
      this.torn = true;
    }
  }

  /** Takes the lock now (before the first event), so a second writer fails at once. */
  open(): number {
    if (this.fd !== undefined) return this.fd;
    mkdirSync(sessionsDir(this.dataDir), {recursive: true, mode: 0o700});
    try {
      this.fd = this.openFile();
    } catch (error) {
      this.fileLock?.();
      this.fileLock = undefined;
      throw error;
    }
    return this.fd;
  }

  private openFile(): number {
    for (let attempt = 0; attempt < ID_ATTEMPTS; attempt++) {
      if (existsOrLink(this.path)) {
        this.fileLock = lockSession(`${this.path}.lock`, this.name ?? this.id);
        const fd = openFileAt(this.path, APPEND);
        // The last line was torn by a crash: start ours on a line of its own.
        if (!endsWithNewline(fd)) writeSync(fd, '\n');
        return fd;
      }
      // A new session: its name is ours (claimed, and checked again now: the lock cannot tell two
      // writers of one process apart), so two chats started at once with the same name make one
      // session, not two; then the file is created exclusively, under a fresh id if it is taken.
      if (this.name) this.claimName(this.name);
      const lock = tryLock(`${this.path}.lock`);
      if (!lock.taken) {
        this.currentId = newSessionId();
        continue;
      }
      let fd: number;
      try {
        fd = openFileAt(this.path, CREATE);
      } catch (error) {
        lock.release();
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        this.currentId = newSessionId();
        continue;
      }
      this.fileLock = lock.release;
      this.fd = fd;
      this.append({type: 'session', version: SESSION_FORMAT_VERSION, id: this.id, ...(this.name ? {name: this.name} : {})});
      return fd;
    }
    throw new GemmaError('cannot create a session file: every id tried was taken', ExitCode.failure);
  }

  /** Holds the name until close; refuses a name another session has. */
  private claimName(name: string): void {
    if (!this.nameLock) {
      mkdirSync(sessionsDir(this.dataDir), {recursive: true, mode: 0o700});
      this.nameLock = lockSession(join(sessionsDir(this.dataDir), `name-${name}.lock`), name);
    }
    const owner = findNamedSession(this.dataDir, name);
    if (owner) {
      this.releaseLocks();
      throw new GemmaError(`a session named ${name} already exists (${owner.id})`, ExitCode.failure, {hint: `continue it with \`gemma chat --session ${name}\``});
    }
  }

  private releaseLocks(): void {
    this.fileLock?.();
    this.nameLock?.();
    this.fileLock = undefined;
    this.nameLock = undefined;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    this.releaseLocks();
  }
}

const ID_ATTEMPTS = 5;
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const APPEND = constants.O_RDWR | constants.O_APPEND | NOFOLLOW;
const CREATE = constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | constants.O_EXCL | NOFOLLOW;

function existsOrLink(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Opens a session file, never through a symbolic link (a link could point at any file of the user's). */
function openFileAt(path: string, flags: number): number {
  try {
    return openSync(path, flags, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP' || lstatSync(path, {throwIfNoEntry: false})?.isSymbolicLink()) {
      throw new GemmaError(`session file ${path} is a symbolic link; refusing to write through it`, ExitCode.failure, {cause: error});
    }
    throw error;
  }
}

function endsWithNewline(fd: number): boolean {
  const size = fstatSync(fd).size;
  if (size === 0) return true;
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  return last[0] === 0x0a;
}
