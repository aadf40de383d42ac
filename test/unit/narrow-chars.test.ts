import {join} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const {NARROW_CHARS} = (await import(pathToFileURL(join(ROOT, 'scripts', 'ui-build-plugins.mjs')).href)) as {NARROW_CHARS: string};

// The build lets string-width return a string's length for ASCII and NARROW_CHARS without its
// long path (scripts/ui-build-plugins.mjs): that is only right if its long path says the same.
describe('the characters the built UI measures without string-width\'s long path', () => {
  it('covers what the chat draws before the first answer: the header and the prompt', () => {
    expect([...'·›'].every((char) => NARROW_CHARS.includes(char))).toBe(true);
  });

  it.each([...NARROW_CHARS])('%s is one column, alone and among ASCII, as string-width itself measures it', (char) => {
    expect(stringWidth(char)).toBe(1);
    expect(stringWidth(`a${char}b ${char}${char}`)).toBe(6);
    expect(stringWidth(`\u001B[2m${char} x\u001B[22m`)).toBe(3);
  });

  it('holds for the header and prompt as drawn', () => {
    for (const text of ['gemma · google:gemma@4-31b · temperature 0.7', '› ', '• item', '─'.repeat(40), '“quoted” – and… ‘so’ — on │ x']) {
      expect(stringWidth(text)).toBe(text.length);
    }
  });
});
