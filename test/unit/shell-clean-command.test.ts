import {describe, expect, it} from 'vitest';
import {cleanCommand} from '../../src/shell/clean-command.js';

describe('cleanCommand', () => {
  it('keeps a bare command as it is', () => {
    expect(cleanCommand('du -ah . | sort -rh | head -n 10\n')).toBe('du -ah . | sort -rh | head -n 10');
  });

  it('takes the content of a backtick or tilde fence, prose around it dropped', () => {
    expect(cleanCommand('Here is the command:\n```bash\nls -la\n```\nThis lists every file.')).toBe('ls -la');
    expect(cleanCommand('~~~sh\nfind . -name "*.md"\n~~~')).toBe('find . -name "*.md"');
    expect(cleanCommand('````\necho ```\n````')).toBe('echo ```');
  });

  it('takes the first fenced block only, and an unclosed one to the end', () => {
    expect(cleanCommand('```\nls\n```\nor\n```\nls -a\n```')).toBe('ls');
    expect(cleanCommand('```sh\ngit status')).toBe('git status');
  });

  it('strips a $ prompt, backticks around the line and comment lines', () => {
    expect(cleanCommand('$ git log --oneline')).toBe('git log --oneline');
    expect(cleanCommand('`git log --oneline`')).toBe('git log --oneline');
    expect(cleanCommand('```\n# the ten largest\n$ du -a | sort -n | tail\n```')).toBe('du -a | sort -n | tail');
  });

  it('takes an inline code span out of a sentence', () => {
    expect(cleanCommand('You can run `df -h` to see the free space.')).toBe('df -h');
    expect(cleanCommand('Use this:\n`ps aux | grep node`')).toBe('ps aux | grep node');
  });

  it('drops an introducing sentence but keeps a command ending in a full stop', () => {
    expect(cleanCommand('Here is the command:\ndu -ah .')).toBe('du -ah .');
    expect(cleanCommand('This shows the disk usage.\ndu -sh .')).toBe('du -sh .');
  });

  it('joins continuation lines and chains several commands with &&', () => {
    expect(cleanCommand('```\ntar czf out.tgz \\\n  src docs\n```')).toBe('tar czf out.tgz src docs');
    expect(cleanCommand('```\nmkdir -p build\ncd build\n```')).toBe('mkdir -p build && cd build');
  });

  it('removes terminal controls and leaves nothing of an empty answer', () => {
    expect(cleanCommand('ls\u001b[31m -la\u0007')).toBe('ls[31m -la');
    expect(cleanCommand('')).toBe('');
    expect(cleanCommand('```\n```')).toBe('');
  });
});
