import {v4 as uuidv4} from 'uuid';
import type {TextInferenceTask} from './types.js';

/** The same task under a new taskUUID: the service refuses a UUID it has already seen. */
function withFreshUUID(task: TextInferenceTask): TextInferenceTask {
  return {...task, taskUUID: uuidv4()};
}

/** Attempt 1 sends the caller's task as is; every retry gets a fresh UUID. */
export function taskForAttempt(task: TextInferenceTask, attempt: number): TextInferenceTask {
  return attempt === 1 ? task : withFreshUUID(task);
}
