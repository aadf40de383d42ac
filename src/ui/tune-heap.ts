import {setFlagsFromString} from 'node:v8';

/**
 * A chat in the terminal lives for hours and makes mostly short-lived garbage (ink lays out every
 * frame a character at a time), over a live heap of 15-25 MB. V8's default lets the old space grow
 * to about four times the live heap between full collections, which is what pushed a 300-turn chat
 * past 180 MB; growing by half at most keeps it near 135 MB for no measurable CPU (npm run bench,
 * memory-ui row). The flag is read at each collection, so setting it after start-up takes effect.
 */
export function tuneHeapForLongSession(): void {
  setFlagsFromString('--heap-growing-percent=50');
}
