import {spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, rmSync, writeFileSync} from 'node:fs';
import {dirname} from 'node:path';
import {createInterface} from 'node:readline/promises';
import {ExitCode, GemmaError, UsageError} from '../errors.js';
import {readRole, roleWhere} from '../roles/load-role.js';
import {ROLE_KEY} from '../roles/role-key.js';
import {BUILTIN_ROLES} from '../roles/builtin-roles.js';
import {allRoleNames, checkRoleName, findRoleText, requireRoleText, roleFile, rolesDir, type RoleText} from '../roles/role-files.js';
import {terminalSafe} from '../text/terminal-safe.js';
import type {CliContext} from './cli-context.js';

/** What `gemma roles new NAME` starts from when no built-in role has that name. */
const TEMPLATE = `---
description: what this role is for, in a few words
# Any setting by its config name (gemma config list), checked as \`gemma config set\` checks it:
# temperature: 0.7
# maxTokens: 800
---
You are ... Describe here how the model should answer: this text is the system prompt.
`;

/** `name  origin  description`, one role a line; a broken file says what is wrong instead. */
export async function listRoles(context: CliContext): Promise<void> {
  const rows: (readonly [string, string, string])[] = [];
  for (const name of allRoleNames(context.env)) {
    const found = findRoleText(name, context.env);
    if (!found) continue;
    const origin = found.path === undefined ? 'built-in' : found.builtin ? 'yours, over the built-in' : 'yours';
    let description: string;
    try {
      description = (await readRole(found)).description ?? '';
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      description = `broken: ${error.message}`;
    }
    // A file's text: inert on the terminal, and on the row (a YAML description may hold a newline).
    rows.push([name, origin, terminalSafe(description).replace(/\s*\n\s*/g, ' ')]);
  }
  const nameWidth = Math.max(...rows.map(([name]) => name.length));
  const originWidth = Math.max(...rows.map(([, origin]) => origin.length));
  for (const [name, origin, description] of rows) process.stdout.write(`${name.padEnd(nameWidth)}  ${origin.padEnd(originWidth)}  ${description}`.trimEnd() + '\n');
}

export function showRole(name: string, context: CliContext): void {
  const found = requireRoleText(name, context.env);
  process.stderr.write(`# ${name}: ${roleWhere(found)}\n`);
  // On a terminal its controls are shown, not obeyed; into a file or a pipe it goes byte for byte (`> mine.md`).
  const text = process.stdout.isTTY ? terminalSafe(found.text) : found.text;
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function rolePath(name: string | undefined, context: CliContext): void {
  process.stdout.write(`${name === undefined ? rolesDir(context.env) : roleFile(name, context.env)}\n`);
}

export function removeRole(name: string, context: CliContext): void {
  const found = requireRoleText(name, context.env);
  if (found.path === undefined) throw new UsageError(`role ${name} is built in: there is no file to remove (gemma roles edit ${name} makes your own copy)`);
  rmSync(found.path);
  process.stderr.write(`removed ${found.path}${found.builtin ? `; the built-in ${name} applies again` : ''}\n`);
}

/** A new role from the template (a built-in one's text when the name is built in), then the editor. */
export async function newRole(name: string, context: CliContext): Promise<void> {
  const path = roleFile(checkRoleName(name), context.env);
  if (existsSync(path)) throw new UsageError(`role ${name} already exists (${path}); allowed: gemma roles edit ${name}`);
  writeRoleFile(path, BUILTIN_ROLES[name] ?? TEMPLATE);
  await editUntilValid(name, path, context);
}

/** Edits the user's file; a built-in role is copied to the user's file first, which then wins. */
export async function editRole(name: string, context: CliContext): Promise<void> {
  const found = requireRoleText(name, context.env);
  const path = found.path ?? roleFile(name, context.env);
  if (found.path === undefined) {
    writeRoleFile(path, found.text);
    process.stderr.write(`editing your own copy of the built-in ${name}: ${path}\n`);
  }
  await editUntilValid(name, path, context);
}

function writeRoleFile(path: string, text: string): void {
  mkdirSync(dirname(path), {recursive: true, mode: 0o700});
  writeFileSync(path, text, {flag: 'wx', mode: 0o600});
}

/**
 * Runs the editor, then reads the role back as `--role` would. A mistake is named with its file
 * and line; the file stays as written. On a terminal the user is offered to edit again; else
 * (a script, a pipe) it is reported and the exit code is 2.
 */
async function editUntilValid(name: string, path: string, context: CliContext): Promise<void> {
  for (;;) {
    runEditor(path, context.env);
    const found = findRoleText(name, context.env) as RoleText;
    try {
      await readRole(found);
      process.stderr.write(`saved role ${name}: ${path}\n`);
      return;
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      const kept = `${error.message}; the file is kept as written (gemma roles edit ${name})`;
      if (!process.stdin.isTTY || !process.stderr.isTTY || !(await askAgain(error.message))) throw new UsageError(kept);
    }
  }
}

async function askAgain(problem: string): Promise<boolean> {
  const prompt = createInterface({input: process.stdin, output: process.stderr});
  try {
    const answer = await prompt.question(`gemma: ${problem}\nedit again? [Y/n] `);
    return !/^\s*n/i.test(answer);
  } finally {
    prompt.close();
  }
}

/** $VISUAL, $EDITOR, then vi, on the file; the command may carry arguments (`code --wait`). */
function runEditor(path: string, env: Record<string, string | undefined>): void {
  const command = (env.VISUAL || env.EDITOR || 'vi').trim();
  const [program = 'vi', ...args] = command.split(/\s+/);
  const result = spawnSync(program, [...args, path], {stdio: 'inherit'});
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code ?? 'error';
    throw new UsageError(`cannot run the editor "${program}" (${code}); allowed: a command in VISUAL or EDITOR`);
  }
  if (result.status !== 0) {
    throw new GemmaError(`the editor "${program}" ${result.signal ? `was stopped by ${result.signal}` : `exited with status ${result.status ?? '?'}`}; ${path} is kept as it was written`, ExitCode.usage);
  }
}

/** `config set role NAME`: the role must exist and read cleanly, as `--role NAME` would need. */
export async function setDefaultRole(name: string, context: CliContext): Promise<void> {
  await readRole(requireRoleText(checkRoleName(name), context.env));
  const store = context.store();
  await store.set(ROLE_KEY, name);
  process.stderr.write(`${ROLE_KEY} = ${name} (saved in ${store.path}); --role NAME overrides it for one run\n`);
}
