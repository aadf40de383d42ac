import {closeSync, openSync, readFileSync, rmSync, statSync, writeSync} from 'node:fs';

/** Who holds a lock: a pid, and that process's start time when the platform tells it. */
export interface LockHolder {
  pid: number;
  started: string | undefined;
}

/** A lock file younger than this with no holder written yet is being created: not stale. */
const UNWRITTEN_GRACE_MS = 10_000;

/**
 * When a process started, in clock ticks since boot (field 22 of /proc/<pid>/stat on Linux);
 * undefined elsewhere. A pid can be reused after its process died: the pair pid + start time is
 * what names one process.
 */
export function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19];
  } catch {
    return undefined;
  }
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether `holder` is a live process other than this one, and the same process that took the lock. */
function holderAlive(holder: LockHolder): boolean {
  if (holder.pid === process.pid || !running(holder.pid)) return false;
  if (holder.started === undefined) return true;
  const now = processStart(holder.pid);
  return now === undefined || now === holder.started;
}

function parseHolder(text: string): LockHolder | undefined {
  const [pid, started] = text.trim().split(/\s+/);
  const parsed = Number.parseInt(pid ?? '', 10);
  if (!Number.isInteger(parsed) || parsed <= 0) return undefined;
  return {pid: parsed, started: started || undefined};
}

export type LockAttempt = {taken: true; release: () => void} | {taken: false; holder: LockHolder | undefined};

/**
 * One attempt at an exclusive lock file (O_EXCL, never through a symbolic link). A lock whose
 * holder died, or whose pid now names another process, is taken over; one being written right
 * now (empty, fresh) counts as held. The lock is released on exit too.
 */
export function tryLock(lockPath: string): LockAttempt {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      // 'wx' is O_CREAT | O_EXCL: it never follows a symbolic link, not even a dangling one.
      const fd = openSync(lockPath, 'wx', 0o600);
      try {
        writeSync(fd, `${process.pid} ${processStart(process.pid) ?? ''}\n`);
      } finally {
        closeSync(fd);
      }
      const release = (): void => {
        process.off('exit', release);
        rmSync(lockPath, {force: true});
      };
      process.on('exit', release);
      return {taken: true, release};
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let text: string;
    try {
      text = readFileSync(lockPath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    const holder = parseHolder(text);
    if (holder ? holderAlive(holder) : unwrittenRecently(lockPath)) return {taken: false, holder};
    // Remove only the stale lock we judged, not one another process took over since.
    if (readOr(lockPath) === text) rmSync(lockPath, {force: true});
  }
  return {taken: false, holder: undefined};
}

function unwrittenRecently(lockPath: string): boolean {
  try {
    return Date.now() - statSync(lockPath).mtimeMs < UNWRITTEN_GRACE_MS;
  } catch {
    return false;
  }
}

function readOr(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
