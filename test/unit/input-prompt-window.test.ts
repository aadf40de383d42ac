import {describe, expect, it} from 'vitest';
import {textWidth} from '../../src/text/text-width.js';
import {layoutLine, locateColumn} from '../../src/ui/input/line-rows.js';
import {promptWindow, type RowPosition} from '../../src/ui/input/prompt-window.js';

// A fixed-seed generator: the same inputs on every run, many shapes (runs of spaces, wide
// characters, emoji, tabs, words longer than a row).
function generator(seed: number) {
  let state = seed;
  return (below: number): number => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % below;
  };
}
const PIECES = ['a', 'bb', ' ', '.', '😀', 'é', '漢', '\t', '   ', 'longword'];

describe('layoutLine', () => {
  it('finds where each row starts when the wrap breaks inside a run of spaces', () => {
    const layout = layoutLine('ab      cd', 4);
    expect(layout.rows).toEqual(['ab  ', '  ', 'cd']);
    expect(layout.starts).toEqual([0, 5, 8]);
    expect(locateColumn('ab      cd', layout, 4)).toEqual({row: 0, offset: 4});
    expect(locateColumn('ab      cd', layout, 5)).toEqual({row: 1, offset: 0});
  });
});

describe('promptWindow', () => {
  it('never draws more rows than allowed, always the cursor row, and all rows when they fit', () => {
    const random = generator(7);
    for (let trial = 0; trial < 1500; trial++) {
      const width = 2 + random(30);
      const lines = Array.from({length: 1 + random(40)}, () =>
        Array.from({length: random(random(3) === 0 ? 60 : 6)}, () => PIECES[random(PIECES.length)]).join(''),
      );
      const layouts = lines.map((line) => layoutLine(line, width));
      const total = layouts.reduce((sum, layout) => sum + layout.rows.length, 0);
      for (const [index, layout] of layouts.entries()) {
        layout.rows.forEach((row, at) => {
          expect(textWidth(row)).toBeLessThanOrEqual(width);
          // Each row is where the layout says it starts, so the cursor is drawn where it is.
          expect(layout.drawn.slice(layout.starts[at], (layout.starts[at] ?? 0) + row.length), JSON.stringify(lines[index])).toBe(row);
        });
      }
      let top: RowPosition | undefined;
      for (let step = 0; step < 8; step++) {
        const line = random(lines.length);
        const text = lines[line] ?? '';
        let column = random(text.length + 1);
        const high = text.charCodeAt(column - 1);
        if (high >= 0xd800 && high <= 0xdbff) column -= 1;
        const at = locateColumn(text, layouts[line]!, column);
        const height = 1 + random(12);
        const view = promptWindow({lineCount: lines.length, rowsIn: (index) => layouts[index]!.rows.length, cursor: {line, row: at.row}, height, previousTop: top});
        top = view.rows[0];
        const drawn = view.rows.length + (view.above ? 1 : 0) + (view.below ? 1 : 0);
        expect(drawn).toBeLessThanOrEqual(height);
        expect(view.rows).toContainEqual({line, row: at.row});
        expect(at.offset).toBeLessThanOrEqual(layouts[line]!.rows[at.row]!.length);
        if (total <= height) expect(view.rows).toHaveLength(total);
        // A clipped view still uses every row it may.
        else if (height >= 3) expect(drawn).toBe(height);
      }
    }
  });
});
