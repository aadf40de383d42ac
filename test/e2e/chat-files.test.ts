import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {basename, dirname, join} from 'node:path';
import {beforeEach, describe, expect, it} from 'vitest';
import {blobPath, sha256Of} from '../../src/sessions/blob-store.js';
import {readSession} from '../../src/sessions/read-session.js';
import {expectOneLine, simEnv, type Home} from '../faults/helpers.js';
import {runCli, tempHome} from '../support/run-cli.js';
import {useSimulator} from '../support/use-simulator.js';

const sim = useSimulator();
let home: Home;
let cwd: string;

const NOTES = 'first line\nsecond line\n';
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

beforeEach(() => {
  home = tempHome();
  cwd = mkdtempSync(join(tmpdir(), 'gemma-chat-files-'));
  for (const [path, content] of Object.entries({'notes.md': NOTES, 'src/a.ts': 'export const a = 1;\n', 'src/b.ts': 'export const b = 2;\n', 'photo.png': PNG})) {
    mkdirSync(dirname(join(cwd, path)), {recursive: true});
    writeFileSync(join(cwd, path), content);
  }
});

const chat = (stdin: string, args: string[] = []) => runCli(['chat', ...args], {env: simEnv(sim, home), stdin, cwd});
const gemma = (args: string[]) => runCli(args, {env: simEnv(sim, home), cwd});
/** Each request's messages, as sent. */
const sent = () => sim.tasks().map((task) => (task.messages as Array<{role: string; content: string}>).map((m) => m.content));
const block = (name: string, text: string) => `${name}\n\`\`\`\n${text.replace(/\n$/, '')}\n\`\`\``;
const sessionPath = () => {
  const files = readdirSync(join(home.dataDir, 'sessions')).filter((file) => file.endsWith('.jsonl'));
  expect(files).toHaveLength(1);
  return join(home.dataDir, 'sessions', files[0] ?? '');
};
const blobFiles = (): string[] => {
  const root = join(home.dataDir, 'blobs', 'sha256');
  return readdirSync(root).flatMap((folder) => readdirSync(join(root, folder)).map((file) => `${folder}${file}`));
};

describe('/file in a chat', () => {
  it('attaches to the next message only: its block, then the message; the turn after sends it as context, not again', async () => {
    sim.script({answer: 'One.'}, {answer: 'Two.'});
    const run = await chat('/file notes.md\nexplain this\nand now?\n');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('One.\n\nTwo.\n');
    expect(run.stderr).toBe('attached notes.md: 2 lines, 23 bytes, ~6 tokens; it goes with your next message\n');
    const first = `${block('notes.md', NOTES)}\n\nexplain this`;
    expect(sent()).toEqual([[first], [first, 'One.', 'and now?']]);
  });

  it('/files lists the attachments with sizes and tokens; /drop N detaches one, /drop all', async () => {
    sim.script({answer: 'One.'}, {answer: 'Two.'});
    const run = await chat('/file src/a.ts\n/file src/\n/files\n/drop 1\nwith the folder\n/file notes.md\n/file src/a.ts\n/drop\n/files\nwith nothing\n');
    expect(run.code).toBe(0);
    expect(run.stderr).toContain([
      'attached to your next message:',
      '  1. src/a.ts: 1 line, 20 bytes, ~5 tokens',
      '  2. src/: 2 files, 2 lines, 40 bytes, ~10 tokens',
      'in all ~15 tokens; /drop N detaches one, /drop all of them',
      'detached src/a.ts',
    ].join('\n'));
    expect(run.stderr).toContain('detached all 2 attachments\nnothing is attached; /file <path> attaches one to your next message\n');
    expect(sent()[0]).toEqual([`${block('src/a.ts', 'export const a = 1;\n')}\n\n${block('src/b.ts', 'export const b = 2;\n')}\n\nwith the folder`]);
    expect(sent()[1]?.at(-1)).toBe('with nothing');
  });

  it('refuses what -f refuses, naming the source; nothing is attached or sent', async () => {
    writeFileSync(join(cwd, 'blob.bin'), Buffer.from([0, 1, 2]));
    const run = await chat('/file blob.bin\n/file missing.md\n/file -\n/files\n');
    expect(run.stderr).toMatch(/^gemma: \/file "blob.bin": is binary; allowed: .+\ngemma: \/file "missing.md": no such file or directory; allowed: .+\ngemma: \/file -: stdin is not there to read in a chat; allowed: .+\nnothing is attached/);
    expect(sim.tasks()).toHaveLength(0);
  });

  it('a refusal says what a chat takes: not - for stdin, which /file refuses', async () => {
    writeFileSync(join(cwd, 'blob.bin'), Buffer.from([0, 1, 2]));
    const run = await chat('/file blob.bin\nsee @blob.bin\n');
    const allowed = 'allowed: a text file (at most 256 kB), a directory, a quoted glob, an image or video, or an http(s) URL';
    expect(run.stderr).toBe(`gemma: /file "blob.bin": is binary; ${allowed}\ngemma: @blob.bin: is binary; ${allowed}\ngemma: some lines failed (see above)\n`);
    expect(sim.tasks()).toHaveLength(0);
  });

  it('what a directory skipped is said under its own line, after the sources before it', async () => {
    writeFileSync(join(cwd, 'src/blob.bin'), Buffer.from([0, 1, 2]));
    const run = await chat('/file notes.md src/ photo.png\n');
    expect(run.code).toBe(0);
    expect(run.stderr.split('\n')).toEqual([
      'attached notes.md: 2 lines, 23 bytes, ~6 tokens; it goes with your next message',
      'attached src/: 2 files, 2 lines, 40 bytes, ~10 tokens; it goes with your next message',
      'gemma: warning: skipped 1 file: src/blob.bin (binary)',
      'attached photo.png: image, ~1.1k tokens; it goes with your next message',
      '',
    ]);
  });

  it('an image goes to inputs.images of its message\'s request only', async () => {
    sim.script({answer: 'A cat.'}, {answer: 'Yes.'});
    const run = await chat('/file photo.png\nwhat is this?\nsure?\n');
    expect(run.code).toBe(0);
    const [first, second] = sim.tasks();
    expect((first?.inputs as {images: string[]}).images).toEqual([`data:image/png;base64,${PNG.toString('base64')}`]);
    expect(second?.inputs).toBeUndefined();
    expect(sent()).toEqual([['what is this?'], ['what is this?', 'A cat.', 'sure?']]);
  });
});

describe('/retry of a turn with files', () => {
  it('asks the failed message again with its files and image; the session line references them again', async () => {
    sim.script({status: 400, code: 'invalidParameter', message: 'Nope.'}, {answer: 'Now.'});
    const run = await chat('/file notes.md\n/file photo.png\nlook\n/retry\n');
    expect(run.stdout).toBe('Now.\n');
    const [first, second] = sim.tasks();
    expect(second?.messages).toEqual(first?.messages);
    expect(second?.inputs).toEqual(first?.inputs);
    expect(sent()[1]).toEqual([`${block('notes.md', NOTES)}\n\nlook`]);
    const users = readSession(sessionPath()).events.filter((event) => event.type === 'user');
    expect(users.map((event) => [event.text, event.type === 'user' ? event.files?.length : 0])).toEqual([['look', 1], ['look', 1]]);
  });
});

describe('@path in a message', () => {
  it('attaches an existing file and sends the path; \\@ and a word naming nothing stay as typed', async () => {
    sim.script({answer: 'Ok.'});
    const run = await chat('compare @notes.md, \\@notes.md and @nobody\n');
    expect(run.code).toBe(0);
    expect(sent()).toEqual([[`${block('notes.md', NOTES)}\n\ncompare notes.md, @notes.md and @nobody`]]);
  });
});

describe('@path refused', () => {
  it('a file that cannot be sent: one line naming it, the message is not sent, and none of its @files stay attached', async () => {
    writeFileSync(join(cwd, 'blob.bin'), Buffer.from([0, 1, 2]));
    sim.script({answer: 'Ok.'});
    const run = await chat('see @notes.md and @blob.bin\nnext\n');
    expect(run.stderr).toMatch(/^gemma: @blob\.bin: is binary; allowed: .+\n/);
    expect(sent()).toEqual([['next']]);
  });
});

describe('sessions store attached files once, by content hash', () => {
  it('records a reference, one blob for two turns of the same file; resume sends the same; show puts it back', async () => {
    sim.script({answer: 'One.'}, {answer: 'Two.'}, {answer: 'Three.'});
    await chat('/file notes.md\nq1\n@notes.md q2\n');
    const events = readSession(sessionPath()).events.filter((event) => event.type === 'user');
    const ref = {name: 'notes.md', sha256: sha256Of(NOTES)};
    expect(events.map((event) => ({text: event.text, files: event.type === 'user' ? event.files : undefined}))).toEqual([{text: 'q1', files: [ref]}, {text: 'notes.md q2', files: [ref]}]);
    expect(readFileSync(sessionPath(), 'utf8')).not.toContain('second line');
    expect(blobFiles()).toEqual([ref.sha256]);
    expect(readFileSync(blobPath(home.dataDir, ref.sha256), 'utf8')).toBe(NOTES);

    const before = sent();
    const resumed = await chat('q3\n', ['-c']);
    expect(resumed.code).toBe(0);
    expect(sent()[2]).toEqual([...(before[1] ?? []), 'Two.', 'q3']);

    const shown = await gemma(['sessions', 'show', basename(sessionPath(), '.jsonl')]);
    expect(shown.stdout).toContain(`## You\n\n${block('notes.md', NOTES)}\n\nq1\n\n## Gemma\n\nOne.\n`);

    sim.script({answer: 'Four.'});
    const asked = await gemma(['ask', '-c', 'q4']);
    expect(asked.code).toBe(0);
    expect(sent()[3]?.slice(0, 4)).toEqual(sent()[2]?.slice(0, 4));
  });

  it('the first message of chat -f attaches its @path files too, after the -f ones, a file named both ways once', async () => {
    sim.script({answer: 'One.'});
    const run = await chat('', ['-f', 'notes.md', 'compare @src/a.ts with @notes.md']);
    expect(run.code).toBe(0);
    expect(sent()).toEqual([[`${block('notes.md', NOTES)}\n\n${block('src/a.ts', 'export const a = 1;\n')}\n\ncompare src/a.ts with notes.md`]]);
    const [user] = readSession(sessionPath()).events.filter((event) => event.type === 'user');
    expect(user).toMatchObject({text: 'compare src/a.ts with notes.md', files: [{name: 'notes.md'}, {name: 'src/a.ts'}]});
  });

  it('-f on the first message is attached as /file is: the text sent is unchanged, the session line references it', async () => {
    sim.script({answer: 'One.'});
    const run = await chat('piped text\n', ['-f', 'notes.md', 'summarize']);
    expect(run.code).toBe(0);
    expect(sent()).toEqual([[`${block('notes.md', NOTES)}\n\n${block('stdin', 'piped text')}\n\nsummarize`]]);
    const [user] = readSession(sessionPath()).events.filter((event) => event.type === 'user');
    expect(user).toMatchObject({text: 'summarize', files: [{name: 'notes.md', sha256: sha256Of(NOTES)}, {name: 'stdin', sha256: sha256Of('piped text')}]});
    const shown = await gemma(['sessions', 'show', basename(sessionPath(), '.jsonl')]);
    expect(shown.stdout).toContain(`## You\n\n${block('notes.md', NOTES)}\n\n${block('stdin', 'piped text')}\n\nsummarize\n`);
  });

  it('a blob gone missing: resuming is one line naming the session and the hash, and nothing is sent', async () => {
    sim.script({answer: 'One.'});
    await chat('/file notes.md\nq1\n');
    const id = basename(sessionPath(), '.jsonl');
    rmSync(blobPath(home.dataDir, sha256Of(NOTES)));
    const resumed = await chat('q2\n', ['-c']);
    expect(resumed.code).toBe(1);
    expect(resumed.stdout).toBe('');
    expectOneLine(resumed.stderr, `gemma: session ${id}: the content of attached file notes.md (sha256 ${sha256Of(NOTES)}) is missing from ${join(home.dataDir, 'blobs')}; nothing was sent`);
    expect(sim.tasks()).toHaveLength(1);

    // Inside a chat, /resume says the same and changes nothing: the chat goes on in its own session.
    sim.script({answer: 'Two.'});
    const inside = await chat(`/resume ${id}\nq2\n`);
    expect(inside.stderr).toContain(`gemma: session ${id}: the content of attached file notes.md (sha256 ${sha256Of(NOTES)}) is missing`);
    expect(sent()[1]).toEqual(['q2']);
    const files = readdirSync(join(home.dataDir, 'sessions')).filter((file) => file.endsWith('.jsonl') && !file.startsWith(id));
    expect(files).toHaveLength(1);
    expect(readFileSync(join(home.dataDir, 'sessions', files[0] ?? ''), 'utf8')).toContain('"text":"q2"');
  });
});
