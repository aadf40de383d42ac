import {execFileSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {CappedOutput} from '../../src/chat/capped-output.js';
import type {TranscriptEntry} from '../../src/chat/chat-types.js';
import {commandOf, escapedMessage, shellLineOf} from '../../src/chat/command-line.js';
import {PendingAttachments} from '../../src/chat/attachments.js';
import {runShellCommand, type ShellRun} from '../../src/chat/run-shell-command.js';
import {outputAsShown, runAttachmentText, runEnding} from '../../src/chat/shell-output.js';
import {turnOutcome} from '../../src/ui/input/turn-outcome.js';
import {collapseUserText, entryMaterials} from '../../src/ui/transcript-collapse.js';

const ran = (output: string, exitCode: number | null = 0, extra: Partial<ShellRun> = {}): ShellRun => ({output, bytes: output.length, cut: false, exitCode, signal: null, cancelled: false, ...extra});
const shellOptions = {cwd: '/', env: {PATH: process.env.PATH ?? '/usr/bin:/bin', SHELL: '/bin/sh'}, limit: 1024};

describe('the prefix rule', () => {
  it('! starts a shell command (spaces around it allowed); !! is a message with one ! less, as // is for /', () => {
    expect(shellLineOf('!git status')).toBe('!git status');
    expect(shellLineOf('  ! ls -l  ')).toBe('! ls -l');
    expect(shellLineOf('!')).toBe('!');
    expect(shellLineOf('!!important')).toBeUndefined();
    expect(shellLineOf('why does ! fail?')).toBeUndefined();
    expect(commandOf('!ls')).toBeUndefined();
    expect(escapedMessage('!!important: read')).toBe('!important: read');
    expect(escapedMessage('  !!x')).toBe('!x');
    expect(escapedMessage('//etc/hosts')).toBe('/etc/hosts');
    expect(escapedMessage('a ! b')).toBe('a ! b');
  });
});

describe('CappedOutput', () => {
  it('keeps everything under the limit', () => {
    const output = new CappedOutput(10);
    output.add(Buffer.from('abc'));
    output.add(Buffer.from('def'));
    expect(output.cut).toBe(false);
    expect(output.text()).toBe('abcdef');
  });

  it('past it, holds the first and last half whatever the chunking, and says what was cut where', () => {
    const output = new CappedOutput(8);
    for (const chunk of ['ab', 'cdefg', 'hijklmn', 'op', 'qrstuvwxyz']) output.add(Buffer.from(chunk));
    expect(output.total).toBe(26);
    expect(output.cut).toBe(true);
    expect(output.text()).toBe('abcd\n[… 18 bytes of output cut here (26 bytes in all; the first and last 4 bytes are kept) …]\nwxyz');
  });

  it('holds at most the limit however much is written (memory bounded while a command runs)', () => {
    const output = new CappedOutput(1024);
    for (let i = 0; i < 10_000; i++) output.add(Buffer.alloc(4096, 120));
    expect(output.total).toBe(40_960_000);
    expect(output.text().replace(/\n\[….*…\]\n/, '')).toHaveLength(1024);
  });
});

describe('the output as shown and as attached', () => {
  it('drops colour and title sequences and keeps a carriage-return-rewritten line as its last state', () => {
    expect(outputAsShown('\u001b[1;31merror\u001b[0m: x\n\u001b]0;title\u0007done\n')).toBe('error: x\ndone\n');
    expect(outputAsShown('10%\r50%\r100%\nnext\r\n')).toBe('100%\nnext\r\n');
  });

  it('says how a run ended: nothing for exit 0, the code, the signal, or that the user stopped it', () => {
    expect(runEnding(ran(''))).toBe('');
    expect(runEnding(ran('', 2))).toBe('exit code 2');
    expect(runEnding(ran('', null, {signal: 'SIGKILL'}))).toBe('killed by SIGKILL');
    expect(runEnding(ran('', null, {signal: 'SIGTERM', cancelled: true}))).toBe('stopped');
  });

  it('attaches `$ command` with the output and its exit code (0 too), a final newline added when missing', () => {
    expect(runAttachmentText('git status', ran('clean\n'))).toEqual({name: '$ git status', text: 'clean\n[exit code 0]\n'});
    expect(runAttachmentText('false', ran('no newline', 1))).toEqual({name: '$ false', text: 'no newline\n[exit code 1]\n'});
    expect(runAttachmentText('true', ran(''))).toEqual({name: '$ true', text: '[exit code 0]\n'});
  });

  it('the transcript shows a /run attachment as `[run `cmd`, N lines, ~T tokens]`, a file as before', () => {
    const run = runAttachmentText('seq 1 12', ran(Array.from({length: 12}, (_, i) => `${i + 1}\n`).join('')));
    const file = {name: 'notes.md', text: 'a\n'};
    const text = `${[run, file].map(({name, text: body}) => `${name}\n\`\`\`\n${body.replace(/\n$/, '')}\n\`\`\``).join('\n\n')}\n\nsum?`;
    const parts = collapseUserText(text, entryMaterials([{kind: 'file', ...run}, {kind: 'file', ...file}]));
    expect(parts.map((part) => part.text)).toEqual(['sum?', '[run `seq 1 12`, 13 lines, ~11 tokens]', '[file notes.md, 1 line, ~1 token]']);
  });

  it('two /run of one command are two blocks; one file attached twice is one', () => {
    const attachments = new PendingAttachments();
    const before = runAttachmentText('npm test', ran('1 failing\n', 1));
    const after = runAttachmentText('npm test', ran('all pass\n'));
    for (const text of [before, after, {name: 'a.ts', text: 'x'}, {name: 'a.ts', text: 'x'}]) attachments.add({source: text.name, loaded: {texts: [text], images: [], videos: []}});
    expect(attachments.take().texts.map((text) => text.name)).toEqual(['$ npm test', '$ npm test', 'a.ts']);
  });
});

describe('runShellCommand', () => {
  it('merges stdout and stderr in the order written, gives the exit code, reads /dev/null, leaves the API key out', async () => {
    const run = await runShellCommand('echo 1; echo 2 >&2; echo 3; read line || echo no-stdin; echo "key=$RUNWARE_API_KEY"; exit 4', {
      ...shellOptions,
      env: {...shellOptions.env, RUNWARE_API_KEY: 'sk-secret'},
    });
    expect(run).toEqual({output: '1\n2\n3\nno-stdin\nkey=\n', bytes: 20, cut: false, exitCode: 4, signal: null, cancelled: false});
  });

  it('runs $SHELL -c, and /bin/sh without one', async () => {
    const bash = await runShellCommand('echo ${BASH_VERSION:+bash}', {...shellOptions, env: {...shellOptions.env, SHELL: '/bin/bash'}});
    expect(bash.output).toBe('bash\n');
    const plain = await runShellCommand('echo ${BASH_VERSION:-plain}', {...shellOptions, env: {PATH: shellOptions.env.PATH}});
    expect(plain.output).toBe('plain\n');
  });

  it('an abort kills its whole process group, a background child too, and says it was stopped', async () => {
    const controller = new AbortController();
    const marker = `gemma-unit-${process.pid}`;
    const running = runShellCommand(`sleep 41 & exec -a ${marker} sleep 42`, {...shellOptions, env: {...shellOptions.env, SHELL: '/bin/bash'}, signal: controller.signal});
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(pids('sleep 41').length + pids(marker).length).toBe(2);
    controller.abort();
    const run = await running;
    expect(run.cancelled).toBe(true);
    expect(runEnding(run)).toBe('stopped');
    expect(pids('sleep 41')).toEqual([]);
    expect(pids(marker)).toEqual([]);
  });
});

describe('a queued message after a ! command', () => {
  const shell = (cancelled: boolean): TranscriptEntry => ({kind: 'shell', id: 1, command: 'x', output: '', exitCode: cancelled ? null : 1, signal: null, cancelled});
  it('goes once the command ended on its own (any exit code); comes back to the prompt when it was stopped', () => {
    expect(turnOutcome([], 0)).toBe('pending');
    expect(turnOutcome([shell(false)], 0)).toBe('answered');
    expect(turnOutcome([shell(true)], 0)).toBe('cancelled');
  });
});

function pids(pattern: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', `^${pattern}`], {encoding: 'utf8'}).trim().split('\n').filter(Boolean);
  } catch {
    return [];
  }
}
