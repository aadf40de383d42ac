import * as fs from 'node:fs';
import {closeSync, existsSync, fstatSync, mkdirSync, openSync, readSync, writeSync} from 'node:fs';
import {GemmaError} from '../errors.js';
import {SESSION_FORMAT_VERSION, type SessionEvent} from './session-events.js';
import {lockSession} from './session-lock.js';
import {sessionFile, sessionsDir} from './session-paths.js';

type NewEvent = SessionEvent extends infer E ? (E extends SessionEvent ? Omit<E, 'at'> : never) : never;

/** The calls `append` makes on the open file; a test hands in failing ones (a full disk, EIO). */
export type AppendFs = Pick<typeof fs, 'writeSync' | 'fsyncSync' | 'ftruncateSync' | 'fstatSync'>;

const REASONS: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EIO: 'input/output error',
  EROFS: 'read-only file system',
  EFBIG: 'file too large',
  EBADF: 'the file is no longer open',
};

/**
 * Appends events to one session file, each as one line, written with one call and flushed to
 * disk before returning, so a crash loses at most the answer that was streaming. The file (0600)
 * is created on the first event, so a chat that says nothing leaves nothing behind.
 */
export class SessionWriter {
  private fd: number | undefined;
  private release: (() => void) | undefined;
  /** A failed append whose partial line could not be cut off: the next one starts on a new line. */
  private torn = false;

  constructor(
    private readonly dataDir: string,
    readonly id: string,
    private readonly name?: string,
    private readonly io: AppendFs = fs,
  ) {}

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
      const code = (error as NodeJS.ErrnoException).code;
      const reason = (code && REASONS[code]) ?? code ?? (error instanceof Error ? error.message : 'unknown error');
      throw new GemmaError(`could not save to session ${this.id}: ${reason}`, 1, {cause: error});
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
    this.release = lockSession(`${this.path}.lock`, this.name ?? this.id);
    const created = !existsSync(this.path);
    this.fd = openSync(this.path, 'a+', 0o600);
    if (created) {
      this.append({type: 'session', version: SESSION_FORMAT_VERSION, id: this.id, ...(this.name ? {name: this.name} : {})});
    } else if (!endsWithNewline(this.fd)) {
      // The last line was torn by a crash: start ours on a line of its own.
      writeSync(this.fd, '\n');
    }
    return this.fd;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    this.release?.();
    this.release = undefined;
  }
}

function endsWithNewline(fd: number): boolean {
  const size = fstatSync(fd).size;
  if (size === 0) return true;
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  return last[0] === 0x0a;
}
