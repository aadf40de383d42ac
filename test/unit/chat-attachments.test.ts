import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {attachmentsReport, PendingAttachments, resolveMentions} from '../../src/chat/attachments.js';
import {restoredEntries} from '../../src/chat/restored-entries.js';
import {estimateTokens, formatTokens} from '../../src/context/estimate-tokens.js';
import {readBlob, storeBlob, sha256Of, blobPath} from '../../src/sessions/blob-store.js';
import {replaySession} from '../../src/sessions/replay-session.js';
import type {SessionEvent} from '../../src/sessions/session-events.js';

describe('estimateTokens', () => {
  it('counts ASCII at four characters a token and any other character as one', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abcd')).toBe(1);
    expect(estimateTokens('abcde')).toBe(2);
    expect(estimateTokens('日本語')).toBe(3);
    expect(estimateTokens('héllo')).toBe(2);
    // An emoji outside the BMP is one character, not two halves.
    expect(estimateTokens('😀')).toBe(1);
  });

  it('formats as a figure to read', () => {
    expect([formatTokens(1), formatTokens(850), formatTokens(1100), formatTokens(12_345), formatTokens(2_400_000)]).toEqual(['~1 token', '~850 tokens', '~1.1k tokens', '~12k tokens', '~2.4M tokens']);
  });
});

describe('resolveMentions', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'gemma-mentions-'));
  mkdirSync(join(cwd, 'src'));
  writeFileSync(join(cwd, 'src', 'app.ts'), 'x');

  it('attaches @words naming files, keeps trailing punctuation, escapes and other @words as typed', () => {
    expect(resolveMentions('see @src/app.ts, @src/app.ts and \\@src/app.ts, mail @team or @src', cwd)).toEqual({
      text: 'see src/app.ts, src/app.ts and @src/app.ts, mail @team or @src',
      paths: ['src/app.ts'],
    });
    expect(resolveMentions('me@example.com', cwd)).toEqual({text: 'me@example.com', paths: []});
  });
});

describe('PendingAttachments', () => {
  const text = (name: string) => ({source: name, loaded: {texts: [{name, text: name}], images: [], videos: []}});

  it('a message takes every attachment once, in order, and leaves none', () => {
    const pending = new PendingAttachments();
    pending.add(text('a'));
    pending.add(text('b'));
    pending.add(text('a'));
    expect(pending.take().texts.map((file) => file.name)).toEqual(['a', 'b']);
    expect(pending.list()).toEqual([]);
  });

  it('/files counts an image and a video by the model card\'s budgets, in its line and in the total', () => {
    const media = {source: 'shots/*', loaded: {texts: [], images: ['shots/a.png', 'shots/b.png'], videos: ['shots/c.mp4']}};
    const photo = {source: 'photo.png', loaded: {texts: [], images: ['photo.png'], videos: []}};
    expect(attachmentsReport([text('abcd'), photo, media]).split('\n')).toEqual([
      'attached to your next message:',
      '  1. abcd: 1 line, 4 bytes, ~1 token',
      '  2. photo.png: image, ~1.1k tokens',
      '  3. shots/*: 2 images, ~2.2k tokens, 1 video, ~4.2k tokens',
      'in all ~7.6k tokens; /drop N detaches one, /drop all of them',
    ]);
  });

  it('refuses an attachment that would take one message past 8 MiB of text', () => {
    const pending = new PendingAttachments();
    const big = (name: string) => ({source: name, loaded: {texts: [{name, text: 'x'.repeat(5 * 1024 * 1024)}], images: [], videos: []}});
    pending.add(big('one'));
    expect(() => pending.add(big('two'))).toThrow('two: the attached files would add up to over 8 MB of text');
    expect(pending.list().map((attachment) => attachment.source)).toEqual(['one']);
  });

  it('/drop N detaches that one; a number out of range is refused', () => {
    const pending = new PendingAttachments();
    pending.add(text('a'));
    pending.add(text('b'));
    expect(pending.drop(1).map((attachment) => attachment.source)).toEqual(['a']);
    expect(() => pending.drop(2)).toThrow('/drop 2: no such attachment; allowed: 1 to 1 (see /files)');
    expect(pending.drop().map((attachment) => attachment.source)).toEqual(['b']);
  });
});

describe('the blob store and replay', () => {
  it('stores a text once under its hash and reads it back; damaged content counts as missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gemma-blobs-'));
    const hash = storeBlob(dir, 'hello\n');
    expect(hash).toBe(sha256Of('hello\n'));
    expect(blobPath(dir, hash)).toBe(join(dir, 'blobs', 'sha256', hash.slice(0, 2), hash.slice(2)));
    expect(storeBlob(dir, 'hello\n')).toBe(hash);
    expect(readBlob(dir, hash)).toBe('hello\n');
    writeFileSync(blobPath(dir, hash), 'edited');
    expect(readBlob(dir, hash)).toBeUndefined();
    expect(readBlob(dir, '../../etc/passwd')).toBeUndefined();
  });

  it('replay sends the files\' blocks before the text, and names the files it cannot put back', () => {
    const at = '2026-12-02T00:00:00.000Z';
    const ref = {name: 'a.md', sha256: sha256Of('A\n')};
    const events: SessionEvent[] = [
      {type: 'user', at, text: 'q1', files: [ref]},
      {type: 'assistant', at, text: 'One.', finishReason: 'stop', interrupted: false},
    ];
    const found = replaySession(events, 'x', (sha256) => (sha256 === ref.sha256 ? 'A\n' : undefined));
    expect(found.messages).toEqual([{role: 'user', content: 'a.md\n```\nA\n```\n\nq1'}, {role: 'assistant', content: 'One.'}]);
    expect(found.missingFiles).toEqual([]);
    expect(found.firstPrompt).toBe('q1');
    expect(replaySession(events, 'x', () => undefined).missingFiles).toEqual([ref]);
    const entries = restoredEntries({...found, path: '', skipped: 0, skippedLines: []});
    expect(entries[0]).toMatchObject({kind: 'user', files: [{kind: 'file', name: 'a.md', text: 'A\n'}]});
    // Cleared turns are not sent: their missing files do not matter.
    expect(replaySession([...events, {type: 'clear', at}], 'x', () => undefined).missingFiles).toEqual([]);
  });
});
