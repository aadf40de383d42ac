import {UsageError} from '../errors.js';
import {inferAsync} from './infer-async.js';
import {inferStream} from './infer-stream.js';
import {inferSync} from './infer-sync.js';
import type {ConnectionOptions, InferenceEvent, TextInferenceTask} from './types.js';

/**
 * Runs one textInference task and yields the same events whatever the delivery method:
 * reasoning and text as they become known, retry/pending notices, then `done`. Failures are
 * thrown as typed errors (ApiError, NetworkError, ProtocolError, InterruptedError), never yielded.
 * A sync or stream task is sent again (under a fresh taskUUID) only when the failure proves the
 * service never had it; an async submit is resent under its own taskUUID. `done` reports the UUID
 * that answered.
 */
export async function* infer(task: TextInferenceTask, conn: ConnectionOptions): AsyncGenerator<InferenceEvent, void, undefined> {
  switch (task.deliveryMethod ?? 'sync') {
    case 'stream':
      return yield* inferStream(task, conn);
    case 'async':
      return yield* inferAsync(task, conn);
    case 'sync':
      return yield* inferSync(task, conn);
    default:
      throw new UsageError(`unknown deliveryMethod ${String(task.deliveryMethod)}: use sync, async or stream`);
  }
}
