/** A destructive command's shape and, in words, what it would destroy. */
export interface DangerPattern {
  pattern: RegExp;
  why: string;
}

/**
 * Where a command word starts: the line's start, after `;`, `&&`, `||`, `|`, `(`, `{`, `$(`, or a
 * wrapper such as sudo or xargs, with its options (sudo's `-u root`, `-g staff` take a value).
 */
const AT = String.raw`(?:^|[;&|({\n]\s*|\$\(\s*)(?:(?:sudo|doas|exec|nohup|command|xargs|time)(?:\s+(?:-[ugCDhprtTU]\s+[^\s;&|-]\S*|-\S+))*\s+)*`;
/** Arguments up to the end of this simple command. */
const ARGS = String.raw`[^;&|\n]*`;
/**
 * A broad path: the root, a home, the current (also `$PWD`, `$(pwd)`) or parent folder, everything (`*`, `.*`), or a
 * top-level system folder; then `/`, `/*` or `/.*` (all it holds), and quotes anywhere around
 * (`"$HOME"/*`, `"$HOME/"`, `'/'` are the same paths to rm).
 */
const BROAD = String.raw`(?:["']?(?:/(?:\.?\*)?|~|\$HOME|\$\{HOME\}|\$PWD|\$\{PWD\}|\$\(pwd\)|\.\.?|\.?\*|/(?:bin|boot|dev|etc|home|lib|lib64|opt|root|sbin|srv|usr|var|Users|System|Library|Applications))["']?(?:/["']?(?:\.?\*)?["']?)?)`;
/** The end of a word: a space, the end of the command, or a shell operator. */
const END = String.raw`(?=\s|$|[;&|)])`;
/** A short-option cluster holding `r` or `R`, or --recursive. */
const RECURSIVE = String.raw`\s(?:-[a-zA-Z]*[rR][a-zA-Z]*|--recursive)${END}`;
/** Disk devices, whole or a partition: /dev/sda, /dev/nvme0n1, /dev/disk2, /dev/mmcblk0. */
const DISK = String.raw`/dev/(?:[shv]d[a-z]|xvd[a-z]|nvme\d|mmcblk\d|r?disk\d|md\d|mapper/|loop\d|dm-\d)`;

const re = (source: string): RegExp => new RegExp(source);

/**
 * The one table of commands that can destroy data: `gemma cmd` shows the why in red beside such a
 * command, and `e` then asks for `yes`. A pattern errs on the side of warning: a false alarm costs
 * three letters, a miss can cost a disk. test/unit/shell-danger-patterns.test.ts holds matches and
 * near misses for each row.
 */
export const DANGER_PATTERNS: readonly DangerPattern[] = [
  {pattern: re(`${AT}rm(?=${ARGS}${RECURSIVE})${ARGS}\\s${BROAD}${END}`), why: 'deletes a broad path recursively (/, ~, ., * or a system folder)'},
  {pattern: re(`${AT}rm\\s${ARGS}--no-preserve-root`), why: 'deletes from the root of the file system (--no-preserve-root)'},
  {pattern: re(`${AT}find\\s+${BROAD}\\s${ARGS}(?:-delete|-exec(?:dir)?\\s+(?:rm|shred|unlink)\\s)`), why: 'deletes files found under a broad path (find -delete)'},
  {pattern: re(`${AT}(?:mkfs(?:\\.\\w+)?|mke2fs|mkswap)${END}`), why: 'formats a file system (mkfs), erasing what the device holds'},
  {pattern: re(`${AT}(?:wipefs|shred|blkdiscard)\\s${ARGS}${DISK}`), why: 'erases a disk device'},
  {pattern: re(`${AT}dd\\s${ARGS}\\bof=/dev/(?!null${END}|zero${END}|stdout${END}|stderr${END}|tty${END})`), why: 'dd writes straight to a device, over what it holds'},
  {pattern: re(`>\\s*${DISK}`), why: 'writes to a raw disk device, over its file systems'},
  {pattern: re(`${AT}tee\\s${ARGS}${DISK}`), why: 'writes to a raw disk device, over its file systems'},
  {pattern: re(`${AT}(?:cp|truncate)\\s${ARGS}\\s${DISK}\\S*\\s*(?:$|[;&|)])`), why: 'writes to a raw disk device, over its file systems'},
  {pattern: re(`${AT}(?:chmod|chown|chgrp)(?=${ARGS}${RECURSIVE})${ARGS}\\s["']?(?:/|/\\*|/(?:bin|boot|etc|home|lib|usr|var|Users|System)/?|~/?|\\$HOME/?|\\$\\{HOME\\}/?)["']?${END}`), why: 'changes permissions or owners of everything under /, a system folder or the home folder recursively'},
  // (?<!\w): tried at the start of a word only, else a long word costs time squared.
  {pattern: /(?<!\w)(\w+|:)\s*\(\)\s*\{[^}]*\1\s*\|\s*\1\s*&/, why: 'a fork bomb: starts processes until the system stops responding'},
  {pattern: re(`${AT}git(?:\\s+-\\S+)*\\s+push${ARGS}(?:\\s--force${END}|\\s-[a-zA-Z]*f[a-zA-Z]*${END}|\\s\\+\\S)`), why: 'force-pushes: replaces the remote branch, dropping commits others may have'},
];

/** Why `command` could destroy data, a reason per pattern it matches; empty when none does. */
export function dangerReasons(command: string): string[] {
  return [...new Set(DANGER_PATTERNS.filter(({pattern}) => pattern.test(command)).map(({why}) => why))];
}
