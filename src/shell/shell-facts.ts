import {readFileSync} from 'node:fs';
import {basename} from 'node:path';

type Env = Record<string, string | undefined>;

/** What the `shell` role is told about where the command will run. */
export interface ShellFacts {
  /** The shell's program name (`bash`, `zsh`, `fish`); `sh` when $SHELL is unset. */
  shell: string;
  /** `Linux (Ubuntu 24.04.1 LTS)`, `macOS`, or the platform's name. */
  os: string;
  /** The current directory's name only: its full path may say more about the user than needed. */
  directory: string;
}

/** The shell `e` runs the command with: $SHELL, else /bin/sh. */
export function userShell(env: Env): string {
  return env.SHELL && env.SHELL.trim() !== '' ? env.SHELL : '/bin/sh';
}

/** `PRETTY_NAME` of an os-release file, else NAME and VERSION; undefined when it says neither. */
export function osReleaseName(text: string): string | undefined {
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match?.[1] && match[2] !== undefined) fields.set(match[1], match[2].replace(/^(["'])(.*)\1$/, '$2'));
  }
  const pretty = fields.get('PRETTY_NAME');
  if (pretty) return pretty;
  const name = [fields.get('NAME'), fields.get('VERSION')].filter(Boolean).join(' ');
  return name === '' ? undefined : name;
}

function readOsRelease(): string | undefined {
  for (const path of ['/etc/os-release', '/usr/lib/os-release']) {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      // the next one, or none (macOS has neither)
    }
  }
  return undefined;
}

export function shellFacts(env: Env, {platform = process.platform, cwd = process.cwd(), osRelease = readOsRelease}: {platform?: NodeJS.Platform; cwd?: string; osRelease?: () => string | undefined} = {}): ShellFacts {
  const distribution = platform === 'linux' ? osReleaseName(osRelease() ?? '') : undefined;
  const os = platform === 'darwin' ? 'macOS' : platform === 'linux' ? `Linux${distribution ? ` (${distribution})` : ''}` : platform;
  return {shell: basename(userShell(env)), os, directory: basename(cwd) || cwd};
}

/** The facts as the lines added to the system prompt. */
export function factsPrompt(facts: ShellFacts): string {
  return [`The user's shell: ${facts.shell}.`, `The operating system: ${facts.os}.`, `The current directory is named: ${facts.directory}.`].join('\n');
}
