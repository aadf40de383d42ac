import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/run-cli.js';
import {useSimulator} from '../support/use-simulator.js';

const sim = useSimulator();

/** Runs gemma with one cache folder kept across runs. */
function inCache(cacheDir: string) {
  return (args: string[], env: Record<string, string | undefined> = {}) =>
    runCli(args, {env: {GEMMA_CACHE_DIR: cacheDir, RUNWARE_BASE_URL: sim.url, RUNWARE_API_KEY: sim.apiKey, ...env}});
}

const freshDir = (): string => join(mkdtempSync(join(tmpdir(), 'gemma-cache-test-')), 'cache');
const cacheFiles = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).sort() : []);

describe('code cache (bin/gemma.js runs the bundle from a V8 code cache)', () => {
  it('writes a cache after the first successful ask and answers the same from it', async () => {
    const dir = freshDir();
    const gemma = inCache(dir);
    const first = await gemma(['ask', 'hi', '--no-stream']);
    expect(first.code).toBe(0);
    const files = cacheFiles(dir);
    expect(files).toEqual([expect.stringMatching(/^code-[0-9a-f]{16}-v\d+\.\d+\.\d+-\w+-ask\.bin$/)]);
    const file = join(dir, files[0]!);
    const written = statSync(file);
    expect(written.size).toBeGreaterThan(10_000);
    expect(written.mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);

    const second = await gemma(['ask', 'hi', '--no-stream']);
    expect(second).toEqual(first);
    // Accepted by V8, so not written again.
    expect(statSync(file).mtimeMs).toBe(written.mtimeMs);
    expect(sim.requests).toHaveLength(2);
  });

  it('reuses the chat cache: the heap setting chat makes does not spoil it', async () => {
    const dir = freshDir();
    const chat = () => runCli(['chat', '--no-save'], {stdin: 'hi\n', env: {GEMMA_CACHE_DIR: dir, RUNWARE_BASE_URL: sim.url, RUNWARE_API_KEY: sim.apiKey}});
    expect((await chat()).code).toBe(0);
    const [name] = cacheFiles(dir);
    expect(name).toMatch(/-chat\.bin$/);
    const written = statSync(join(dir, name!)).mtimeMs;
    expect((await chat()).code).toBe(0);
    expect(statSync(join(dir, name!)).mtimeMs).toBe(written);
  });

  it('replaces a corrupt cache and still answers', async () => {
    const dir = freshDir();
    const gemma = inCache(dir);
    await gemma(['ask', 'hi', '--no-stream']);
    const [name] = cacheFiles(dir);
    writeFileSync(join(dir, name!), 'not a code cache');
    const run = await gemma(['ask', 'hi', '--no-stream']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^You said: hi/);
    expect(readFileSync(join(dir, name!)).length).toBeGreaterThan(10_000);
  });

  it('keeps no cache from a run that failed', async () => {
    const dir = freshDir();
    const run = await inCache(dir)(['ask', 'hi', '--temperature', '9']);
    expect(run.code).toBe(2);
    expect(cacheFiles(dir)).toEqual([]);
  });

  it('answers as usual, and says nothing, when the cache folder cannot be made', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gemma-cache-test-')), 'a-file');
    writeFileSync(file, '');
    const gemma = inCache(join(file, 'cache'));
    for (let i = 0; i < 2; i++) {
      const run = await gemma(['ask', 'hi', '--no-stream']);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(/^You said: hi/);
    }
  });

  it('keeps one cache per command and drops those of other builds', async () => {
    const dir = freshDir();
    mkdirSync(dir, {recursive: true});
    writeFileSync(join(dir, 'code-0000000000000000-v20.0.0-x64-ask.bin'), 'from an older gemma');
    writeFileSync(join(dir, 'unrelated.txt'), 'not ours');
    const gemma = inCache(dir);
    expect((await gemma(['ask', 'hi', '--no-stream'])).code).toBe(0);
    expect((await gemma(['config', 'path'])).code).toBe(0);
    expect((await gemma(['--help'])).code).toBe(0);
    const files = cacheFiles(dir);
    expect(files.filter((name) => name.startsWith('code-')).map((name) => name.replace(/^code-[0-9a-f]{16}-v[\d.]+-\w+-/, ''))).toEqual(['ask.bin', 'config.bin', 'other.bin']);
    expect(files).toContain('unrelated.txt');
  });

  it('goes under $HOME/.cache/gemma when GEMMA_CACHE_DIR is not set', async () => {
    const home = mkdtempSync(join(tmpdir(), 'gemma-cache-home-'));
    const run = await runCli(['--help'], {env: {HOME: home, XDG_CACHE_HOME: undefined, GEMMA_CACHE_DIR: undefined}});
    expect(run.code).toBe(0);
    expect(cacheFiles(join(home, '.cache', 'gemma'))).toEqual([expect.stringMatching(/-other\.bin$/)]);
  });
});
