import {describe, expect, it} from 'vitest';
import {cleanCommand} from '../../src/shell/clean-command.js';
import {dangerReasons} from '../../src/shell/danger-patterns.js';

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
    // A sentence alone, a refusal, is no command.
    expect(cleanCommand("I can't help with that.")).toBe('');
    expect(cleanCommand('Run this command in your terminal.')).toBe('');
    expect(cleanCommand('du -sh .')).toBe('du -sh .');
  });

  it('joins continuation lines and chains several commands with &&', () => {
    expect(cleanCommand('```\ntar czf out.tgz \\\n  src docs\n```')).toBe('tar czf out.tgz src docs');
    expect(cleanCommand('```\nmkdir -p build\ncd build\n```')).toBe('mkdir -p build && cd build');
  });

  it('removes terminal controls and leaves nothing of an empty answer', () => {
    expect(cleanCommand('ls\u001b[31m -la\u0007')).toBe('ls -la');
    expect(cleanCommand('')).toBe('');
    expect(cleanCommand('```\n```')).toBe('');
  });

  it('removes escape sequences whole, so a coloured rm -rf ~ is the command it is and is flagged', () => {
    const command = cleanCommand('\u001b[1;31mrm -rf ~\u001b[0m\u001b]0;done\u0007\u009b2J');
    expect(command).toBe('rm -rf ~');
    expect(dangerReasons(command)).not.toEqual([]);
    expect(cleanCommand('echo \u001b]52;c;cm0gLXJmIH4=\u001b\\hi\u001bc')).toBe('echo hi');
  });

  it('reads a tab as a space', () => {
    expect(cleanCommand('ls\t-la')).toBe('ls -la');
  });

  it('joins the lines of a compound command with ; so it still parses', () => {
    expect(cleanCommand('```bash\nfor f in *.png; do\n  convert "$f" "${f%.png}.webp"\ndone\n```')).toBe('for f in *.png; do convert "$f" "${f%.png}.webp"; done');
    expect(cleanCommand('if [ -f x ]\nthen\n  echo yes\nelse\n  echo no\nfi')).toBe('if [ -f x ]; then echo yes; else echo no; fi');
    expect(cleanCommand('while read -r f\ndo\n  echo "$f"\ndone < list.txt\necho end')).toBe('while read -r f; do echo "$f"; done < list.txt && echo end');
    expect(cleanCommand('{\n  echo a\n  echo b\n} > out.txt')).toBe('{ echo a; echo b; } > out.txt');
    expect(cleanCommand('ls -la\n  | grep x')).toBe('ls -la | grep x');
  });

  it('drops a trailing comment, which would swallow the commands chained after it', () => {
    expect(cleanCommand('```\nmkdir -p build # the output\ncd build\n```')).toBe('mkdir -p build && cd build');
    expect(cleanCommand('echo "a # b" \'#c\' x#y ${#PATH} # note')).toBe('echo "a # b" \'#c\' x#y ${#PATH}');
  });

  it('keeps a here-document on its lines, and the command after it on a line of its own', () => {
    expect(cleanCommand("```\ncat <<'EOF' > notes.txt\nhello # not a comment\n  $HOME\nEOF\nrm -rf ~\n```")).toBe("cat <<'EOF' > notes.txt\nhello # not a comment\n  $HOME\nEOF\nrm -rf ~");
    expect(dangerReasons(cleanCommand('cat <<EOF > x\nhi\nEOF\nrm -rf ~'))).not.toEqual([]);
    expect(cleanCommand('cat <<< "hi"\nls')).toBe('cat <<< "hi" && ls');
  });

  it('joins many lines in linear time', () => {
    const started = performance.now();
    expect(cleanCommand('echo a\n'.repeat(40_000))).toHaveLength(40_000 * 10 - 4);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
