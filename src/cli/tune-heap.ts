import {setFlagsFromString} from 'node:v8';

/**
 * A chat lives for hours and makes mostly short-lived garbage (request bodies, parsed events, and
 * in the terminal ink's frames, laid out a character at a time) over a live heap of 15-25 MB.
 * V8's default lets the old space grow to about four times the live heap between full
 * collections, which is what pushed a 300-turn chat in the terminal past 180 MB; growing by half
 * at most keeps it near 135 MB, and a piped one near 106 MB instead of 120, for no measurable
 * CPU (npm run bench, memory rows). The flag is read at each collection, so setting it after
 * start-up takes effect.
 */
export function tuneHeapForLongSession(): void {
  setFlagsFromString('--heap-growing-percent=50');
  // V8 stamps a code cache with the flags in force: put the default back before gemma's own is
  // written at exit (src/launch/), or the next start, with default flags, would reject it.
  process.prependListener('exit', () => setFlagsFromString('--heap-growing-percent=0'));
}
