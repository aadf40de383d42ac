import {closeSync, existsSync, fstatSync, fsyncSync, mkdirSync, openSync, readSync, writeSync} from 'node:fs';
import {GemmaError} from '../errors.js';
import {SESSION_FORMAT_VERSION, type SessionEvent} from './session-events.js';
import {lockSession} from './session-lock.js';
import {sessionFile, sessionsDir} from './session-paths.js';

type NewEvent = SessionEvent extends infer E ? (E extends SessionEvent ? Omit<E, 'at'> : never) : never;

/**
 * Appends events to one session file, each as one line, written with one call and flushed to
 * disk before returning, so a crash loses at most the answer that was streaming. The file (0600)
 * is created on the first event, so a chat that says nothing leaves nothing behind.
 */
export class SessionWriter {
  private fd: number | undefined;
  private release: (() => void) | undefined;

  constructor(
    private readonly dataDir: string,
    readonly id: string,
    private readonly name?: string,
  ) {}

  /** Whether anything was written (the file exists because of this chat or an earlier one). */
  get opened(): boolean {
    return this.fd !== undefined;
  }

  get path(): string {
    return sessionFile(this.dataDir, this.id);
  }

  append(event: NewEvent): void {
    const fd = this.fd ?? this.open();
    const line = `${JSON.stringify({...event, at: new Date().toISOString()})}\n`;
    try {
      writeSync(fd, line);
      fsyncSync(fd);
    } catch (error) {
      throw new GemmaError(`cannot write session ${this.id} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, 1, {cause: error});
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
