/** The numbers the bar shows beside itself. */
export interface BarNumbers {
  done: number;
  total: number;
  failed: number;
  inFlight: number;
  itemsPerSecond: string;
  tokensPerSecond: number;
  cost: string;
  eta: string;
}

const BAR_CELLS = 20;

/**
 * The progress bar's line, cut to the terminal by parts, not by characters: all of it fits 100
 * columns; narrower, the least needed parts go first (tokens/s, in flight, cost, items/s, failed)
 * and the bar, the count and the ETA stay, so an 80-column terminal never shows `36.` for a rate.
 */
export function barLine(numbers: BarNumbers, columns: number): string {
  const filled = numbers.total === 0 ? BAR_CELLS : Math.round((numbers.done / numbers.total) * BAR_CELLS);
  const head = `${'#'.repeat(filled)}${'-'.repeat(BAR_CELLS - filled)} ${numbers.done}/${numbers.total}`;
  // In the order shown; `drop` ranks which goes first when the line is too long.
  const parts = [
    {text: `${numbers.failed} failed`, drop: 5},
    {text: `${numbers.inFlight} in flight`, drop: 2},
    {text: `${numbers.itemsPerSecond} items/s`, drop: 4},
    {text: `${numbers.tokensPerSecond} tok/s`, drop: 1},
    {text: numbers.cost, drop: 3},
    {text: `ETA ${numbers.eta}`, drop: 6},
  ];
  const line = (kept: typeof parts): string => [head, ...kept.map((part) => part.text)].join(' | ');
  let kept = parts;
  // One column spare: a line that fills the last column leaves some terminals' cursor on the next row.
  for (let rank = 1; line(kept).length > columns - 1 && rank <= 6; rank++) kept = kept.filter((part) => part.drop !== rank);
  return line(kept).slice(0, Math.max(0, columns - 1));
}
