import {randomUUID} from 'node:crypto';
import type {ConnectionOptions, InferenceEvent, TextInferenceTask} from '../../src/api/types.js';
import type {Simulator} from './simulator.js';

/** A textInference task for the core's tests, with a fresh UUID each time. */
export function inferTask(defaults: Partial<TextInferenceTask>, extra: Partial<TextInferenceTask> = {}): TextInferenceTask {
  return {
    taskType: 'textInference',
    taskUUID: randomUUID(),
    model: 'google:gemma@4-31b',
    messages: [{role: 'user', content: 'hello'}],
    ...defaults,
    ...extra,
  };
}

/** Connection options for the simulator with retry and poll delays short enough for tests. */
export function testConnection(sim: Simulator, extra: Partial<ConnectionOptions> = {}): ConnectionOptions {
  return {
    baseUrl: sim.url,
    apiKey: sim.apiKey,
    timeoutMs: 5000,
    retry: {tries: 3, baseMs: 10, capMs: 2000},
    poll: {initialMs: 10, factor: 1.5, capMs: 40, limitMs: 5000},
    ...extra,
  };
}

/** Every event until the generator ends or throws; the error, if any, comes back too. */
export async function collectEvents(events: AsyncIterable<InferenceEvent>): Promise<{events: InferenceEvent[]; error?: unknown}> {
  const out: InferenceEvent[] = [];
  try {
    for await (const event of events) out.push(event);
    return {events: out};
  } catch (error) {
    return {events: out, error};
  }
}
