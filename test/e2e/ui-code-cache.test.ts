import {createHash} from 'node:crypto';
import {existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {GEMMA_BIN, homeEnv, tempHome} from '../support/run-cli.js';
import {startSimulator, type Simulator} from '../support/simulator.js';
import {hasTmux, TmuxSession} from '../support/tmux.js';

let sim: Simulator;
let tmux: TmuxSession | undefined;
beforeAll(async () => {
  sim = await startSimulator({port: 0, tokenDelayMs: 0});
});
afterAll(async () => {
  await sim.close();
});
afterEach(() => tmux?.kill());

/** The layout src/launch/run-with-code-cache.ts writes: "GMC1", the payload's length (uint32 LE), its sha256, the payload. */
function isValidCache(file: Buffer): boolean {
  if (file.subarray(0, 4).toString('latin1') !== 'GMC1') return false;
  const payload = file.subarray(40);
  return file.readUInt32LE(4) === payload.length && createHash('sha256').update(payload).digest().equals(file.subarray(8, 40));
}

const home = tempHome();
const env: Record<string, string> = {...homeEnv(home), TERM: 'xterm-256color'};
const cacheDir = env.GEMMA_CACHE_DIR!;
const uiCache = (): string | undefined => (existsSync(cacheDir) ? readdirSync(cacheDir).find((name) => name.endsWith('-ui.bin')) : undefined);

/** One chat in a real terminal: the UI draws, answers a turn, and Ctrl-D leaves with exit 0. */
async function chatOnce(question: string): Promise<string> {
  sim.reset();
  sim.script({answer: `Answer to ${question}.`, reasoning: ''});
  tmux = TmuxSession.start(`${process.execPath} ${GEMMA_BIN} chat --no-save`, {env: {...env, RUNWARE_BASE_URL: sim.url, RUNWARE_API_KEY: sim.apiKey}});
  await tmux.waitFor('gemma · google:gemma@4-31b');
  tmux.type(question);
  tmux.keys('Enter');
  await tmux.waitFor('session: 1 turn');
  tmux.keys('C-d');
  const screen = await tmux.waitFor('[exit 0]');
  tmux.kill();
  expect(sim.tasks()[0]?.messages).toEqual([{role: 'user', content: question}]);
  expect(screen).toContain(`Answer to ${question}.`);
  return screen;
}

describe.skipIf(!hasTmux())('the terminal UI runs from a code cache of its own', () => {
  it('writes it after the first chat, draws from it after, and replaces it when damaged or made from other code', async () => {
    // Caches of another build go when this build writes its own.
    mkdirSync(cacheDir, {recursive: true});
    writeFileSync(join(cacheDir, 'code-0000000000000000-v20.0.0-x64-ui.bin'), 'from an older gemma');

    await chatOnce('first');
    const name = uiCache();
    expect(name).toMatch(/^code-[0-9a-f]{16}-v\d+\.\d+\.\d+-\w+-ui\.bin$/);
    const file = join(cacheDir, name!);
    const written = readFileSync(file);
    expect(isValidCache(written)).toBe(true);
    // The UI's compiled code, not a copy of the CLI's (about 200 kB for a chat).
    expect(written.length).toBeGreaterThan(400_000);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(cacheDir).filter((entry) => entry.endsWith('-ui.bin'))).toEqual([name]);
    // Both bundles share the build id, so writing one cache keeps the other.
    expect(readdirSync(cacheDir).filter((entry) => entry.endsWith('-chat.bin'))).toHaveLength(1);

    // Accepted by V8: the second chat draws from it and does not write it again.
    const mtime = statSync(file).mtimeMs;
    await chatOnce('second');
    expect(statSync(file).mtimeMs).toBe(mtime);

    // A changed byte fails the digest: the UI compiles from source and the cache is written anew.
    const damaged = Buffer.from(written);
    const middle = damaged.length >> 1;
    damaged[middle] = damaged[middle]! ^ 0xff;
    writeFileSync(file, damaged);
    await chatOnce('third');
    const rewritten = readFileSync(file);
    expect(isValidCache(rewritten)).toBe(true);
    expect(rewritten.equals(damaged)).toBe(false);

    // A whole cache made from other code (the CLI's, under the UI's name): V8 rejects it, and it is replaced.
    const cli = readdirSync(cacheDir).find((entry) => entry.endsWith('-chat.bin'))!;
    const foreign = readFileSync(join(cacheDir, cli));
    writeFileSync(file, foreign);
    await chatOnce('fourth');
    const replaced = readFileSync(file);
    expect(isValidCache(replaced)).toBe(true);
    expect(replaced.equals(foreign)).toBe(false);
    expect(replaced.length).toBeGreaterThan(400_000);
  }, 60_000);
});
