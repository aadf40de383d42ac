import {mkdirSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {expectOneLine} from '../faults/helpers.js';
import {runCli, tempHome} from '../support/run-cli.js';

// A file error says why in words, whatever file it is (issue 14: "not an errno").
const gemma = (configDir: string, args: string[]) =>
  runCli(args, {env: {GEMMA_CONFIG_DIR: configDir, GEMMA_DATA_DIR: tempHome().dataDir, RUNWARE_API_KEY: undefined}});

describe('config file errors in words', () => {
  it('a config file that is a folder: read in words, exit 3', async () => {
    const home = tempHome();
    mkdirSync(join(home.configDir, 'config.json'), {recursive: true});
    const run = await gemma(home.configDir, ['config', 'list']);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expectOneLine(run.stderr, `gemma: config file ${join(home.configDir, 'config.json')} cannot be read (it is a folder); fix it by hand, or move it away to start from defaults`);
  });

  it('a file where the config folder should be: config set says so, exit 3, not an unexpected error', async () => {
    const configDir = join(tempHome().configDir, 'gemma');
    mkdirSync(dirname(configDir), {recursive: true});
    writeFileSync(configDir, 'not a folder');
    const run = await gemma(configDir, ['config', 'set', 'temperature', '1']);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expectOneLine(run.stderr, `gemma: cannot create the config folder ${configDir} (a file is in the way); move that file away, or point GEMMA_CONFIG_DIR elsewhere`);
  });
});
