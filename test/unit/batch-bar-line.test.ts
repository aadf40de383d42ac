import {describe, expect, it} from 'vitest';
import {barLine, type BarNumbers} from '../../src/batch/bar-line.js';

const numbers: BarNumbers = {done: 175, total: 400, failed: 2, inFlight: 16, itemsPerSecond: '36.1', tokensPerSecond: 3359, cost: '$0.0028', eta: '9s'};

describe('the batch progress bar line', () => {
  it('shows every part when the terminal is wide enough', () => {
    expect(barLine(numbers, 120)).toBe('#########----------- 175/400 | 2 failed | 16 in flight | 36.1 items/s | 3359 tok/s | $0.0028 | ETA 9s');
  });

  it('drops whole parts, least needed first, to fit 80 and 60 columns: the count and the ETA stay', () => {
    const at80 = barLine(numbers, 80);
    expect(at80).toBe('#########----------- 175/400 | 2 failed | 36.1 items/s | $0.0028 | ETA 9s');
    expect(at80.length).toBeLessThan(80);
    const at50 = barLine(numbers, 50);
    expect(at50).toBe('#########----------- 175/400 | 2 failed | ETA 9s');
  });

  it('never passes the width, however narrow', () => {
    for (const columns of [10, 20, 33]) expect(barLine(numbers, columns).length).toBeLessThan(columns);
    expect(barLine({...numbers, done: 0, total: 0}, 120)).toMatch(/^#{20} 0\/0 /);
  });
});
