import {afterAll, beforeAll, beforeEach} from 'vitest';
import {startSimulator, type Simulator, type SimulatorOptions} from './simulator.js';

/**
 * One simulator for a test file: started before its tests, reset before each, closed after.
 * Returns a stand-in that forwards to the running simulator, so tests write `sim.url` as usual.
 */
export function useSimulator(options: SimulatorOptions = {}): Simulator {
  let running: Simulator | undefined;
  beforeAll(async () => {
    running = await startSimulator({port: 0, ...options});
  });
  afterAll(() => running?.close());
  beforeEach(() => running?.reset());
  return new Proxy({} as Simulator, {
    get(_target, key) {
      if (!running) throw new Error('the simulator starts in beforeAll: use it inside a test or hook');
      const value: unknown = Reflect.get(running, key);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(running) : value;
    },
  });
}
