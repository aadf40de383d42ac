import {mkdirSync, mkdtempSync, readFileSync, truncateSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {useSimulator} from '../support/use-simulator.js';
import {expectOneLine, runCli, simEnv, tempHome, type CliRun, type Home} from './helpers.js';

const sim = useSimulator();

type Command = 'ask' | 'chat';
const run = (command: Command, args: string[], stdin: string | Buffer = '', home?: Home): Promise<CliRun> =>
  runCli([command, ...args], {stdin, env: simEnv(sim, home)});

/** Refused before anything is sent: nothing on stdout, one line on stderr, exit 2, no request. */
function expectRefused(result: CliRun, ...parts: Array<string | RegExp>): void {
  expect(result.stdout).toBe('');
  expect(sim.requests).toHaveLength(0);
  expectOneLine(result.stderr, /^gemma: /);
  for (const part of parts) {
    if (typeof part === 'string') expect(result.stderr).toContain(part);
    else expect(result.stderr).toMatch(part);
  }
  expect(result.code).toBe(2);
}

const scratch = mkdtempSync(join(tmpdir(), 'gemma-faults-input-'));
const bigImage = join(scratch, 'huge.png');
writeFileSync(bigImage, '');
truncateSync(bigImage, 20 * 1024 * 1024 + 1); // sparse: 20 MiB + 1 byte, nothing written

// Flags refused before anything is sent, for ask and chat alike: values out of range, files that
// cannot be used, unknown flags. The one list of them (test/e2e/ask.test.ts points here);
// test/e2e/ask-system-file.test.ts has the --system-file contents.
const REFUSED_FLAGS: Array<[string[], string]> = [
  [['--temperature', '3'], '--temperature: "3" is out of range; allowed: a number from 0 to 2 in steps of 0.01'],
  [['--top-p', '1.5'], '--top-p: "1.5" is out of range; allowed:'],
  [['--min-p', '-1'], '--min-p: "-1" is out of range; allowed:'],
  [['--top-k', '0'], '--top-k: "0" is out of range; allowed: a whole number from 1 to 100'],
  [['--top-k', '101'], '--top-k: "101" is out of range; allowed:'],
  [['--max-tokens', '0'], '--max-tokens: "0" is out of range; allowed:'],
  [['--stop', ''], '--stop: "" is empty; allowed:'],
  [['--frequency-penalty', '2.5'], '--frequency-penalty: "2.5" is out of range; allowed:'],
  [['--presence-penalty', '-3'], '--presence-penalty: "-3" is out of range; allowed:'],
  [['--repetition-penalty', 'x'], '--repetition-penalty: "x" is not a number; allowed:'],
  [['--thinking-level', 'medium'], '--thinking-level: "medium" is not allowed; allowed:'],
  [['--seed', '9223372036854775808'], '--seed: "9223372036854775808" is out of range; allowed:'],
  [['--seed', '-1'], '--seed: "-1" is not a whole number; allowed:'],
  [['-n', '5'], '--number-results: "5" is out of range; allowed:'],
  [['-n', '3', '--delivery', 'stream'], '--number-results 3 cannot be streamed'],
  [['--delivery', 'batch'], '--delivery: "batch" is not allowed; allowed:'],
  [['--timeout', '0'], '--timeout: "0" is out of range; allowed:'],
  [['-s', 'x', '--system-file', 'y'], '--system and --system-file both given'],
  [['--base-url', 'ftp://x'], '--base-url: "ftp://x" is not an http(s) URL; allowed: an http:// or https:// URL'],
  [['--base-url', 'not a url'], '--base-url: "not a url" is not a URL; allowed: an http:// or https:// URL'],
  [['--webhook-url', 'nope'], '--webhook-url: "nope" is not a URL; allowed: an http:// or https:// URL'],
  [['--webhook-url', 'ftp://x/hook'], '--webhook-url: "ftp://x/hook" is not an http(s) URL; allowed: an http:// or https:// URL'],
  // Files named by flags.
  [['--image', '/nonexistent/a.png'], '--image: "/nonexistent/a.png": no such file; allowed:'],
  [['--image', scratch], `--image: "${scratch}" is not a file; allowed:`],
  [['--image', bigImage], `--image: "${bigImage}" is 20971521 bytes; allowed: at most 20971520 bytes (20 MiB)`],
  [['--video', '/nonexistent/v.mp4'], '--video: "/nonexistent/v.mp4": no such file; allowed:'],
  [['--system-file', '/nonexistent/p.txt'], '--system-file: "/nonexistent/p.txt": no such file'],
  [['--system-file', scratch], `--system-file: "${scratch}" is not a file; allowed:`],
  // Unknown flags.
  [['--bogus'], "unknown option '--bogus'"],
  [['--temprature', '1'], "unknown option '--temprature'"],
];

describe.each(['ask', 'chat'] as const)('gemma %s refuses bad input before sending anything', (command) => {
  it.each(REFUSED_FLAGS.map(([args, message]) => [args.join(' ').replaceAll(scratch, '<tmp>'), args, message] as const))(
    '%s: one line saying what is wrong and what is allowed, exit 2', async (_label, args, message) => {
    const result = command === 'ask' ? await run('ask', ['hi', ...args]) : await run('chat', [...args], 'hi\n');
    expectRefused(result, message);
  },
  );

  it('binary stdin: points to --image, exit 2', async () => {
    const result = await run(command, ['describe'], Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0xff, 0xfe]));
    expectRefused(result, 'stdin is not UTF-8 text', '--image');
  });

  it('non-UTF-8 (Latin-1) stdin: says so, exit 2', async () => {
    const result = await run(command, ['summarize'], Buffer.from('caf\xe9 cr\xe8me br\xfbl\xe9e\n', 'latin1'));
    expectRefused(result, 'stdin is not UTF-8 text', 'allowed: text');
  });

  it('stdin over 8 MiB: names the limit, exit 2', async () => {
    const result = await run(command, ['summarize'], Buffer.alloc(8 * 1024 * 1024 + 1, 'a'));
    expectRefused(result, 'stdin is larger than 8 MiB', 'allowed: at most 8 MiB');
  });

  it('a file over 8 MiB or a binary file as stdin (< file): refused the same way, exit 2', async () => {
    const big = join(scratch, 'big.txt');
    writeFileSync(big, '');
    truncateSync(big, 8 * 1024 * 1024 + 1);
    expectRefused(await runCli([command, 'summarize'], {stdinFile: big, env: simEnv(sim)}), 'stdin is larger than 8 MiB', 'allowed: at most 8 MiB');
    const binary = join(scratch, 'image.bin');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0xff, 0xfe]));
    expectRefused(await runCli([command, 'summarize'], {stdinFile: binary, env: simEnv(sim)}), 'stdin is not UTF-8 text', '--image');
  });

  it('an empty prompt: exit 2', async () => {
    expectRefused(await run(command, ['']), 'the prompt is empty');
    expectRefused(await run(command, ['  ']), 'the prompt is empty');
  });
});

describe('gemma refuses unknown commands and empty stdin prompts', () => {
  it.each([
    [['aks', 'hi'], "unknown command 'aks'"],
    [['sessions', 'frob'], "unknown command 'frob'"],
    [['config', 'frob'], "unknown command 'frob'"],
    [['auth', 'frob'], "unknown command 'frob'"],
  ])('%j: one line, exit 2', async (args, message) => {
    const result = await runCli(args, {env: simEnv(sim)});
    expectRefused(result, message, '--help');
  });

  it('ask with only whitespace on stdin: exit 2', async () => {
    expectRefused(await run('ask', [], '  \n\t\n'), 'the prompt is empty');
    expectRefused(await run('ask', ['-'], ''), 'the prompt is empty');
  });
});

describe.each(['ask', 'chat'] as const)('gemma %s with a broken config file', (command) => {
  /**
   * One turn with `text` as the config file: refused with exit 3 before anything is sent, one
   * line on stderr naming the file, and the file left byte for byte. Returns stderr and the path.
   */
  const refusedWithConfig = async (text: string): Promise<{stderr: string; path: string}> => {
    const home = tempHome();
    mkdirSync(home.configDir, {recursive: true, mode: 0o700});
    const path = join(home.configDir, 'config.json');
    writeFileSync(path, text, {mode: 0o600});
    const result = await run(command, command === 'ask' ? ['hi'] : [], command === 'chat' ? 'hi\n' : '', home);
    expect(result.stdout).toBe('');
    expectOneLine(result.stderr, /^gemma: /);
    expect(result.stderr).toContain(path);
    expect(result.code).toBe(3);
    expect(readFileSync(path, 'utf8')).toBe(text);
    expect(sim.requests).toHaveLength(0);
    return {stderr: result.stderr, path};
  };

  it('not JSON: exit 3, names the file and how to start afresh, leaves it byte for byte', async () => {
    const {stderr, path} = await refusedWithConfig('{"temperature": 0.5,\n  "topK": 4');
    expect(stderr).toContain(`config file ${path} is not valid JSON`);
    expect(stderr).toMatch(/move it away|delete it|remove it|reset/);
  });

  it('an out-of-range value: exit 3, names the file and the fix, leaves it byte for byte', async () => {
    const {stderr} = await refusedWithConfig('{"temperature": 5}\n');
    expect(stderr).toContain('gemma config unset temperature');
  });
});
