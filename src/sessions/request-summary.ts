import type {TextInferenceTask} from '../api/types.js';

/**
 * The request as a session records it: everything but the messages and the task id, with media
 * inputs reduced to counts (a data URI can be megabytes, and may be private).
 */
export function requestSummary(task: TextInferenceTask): Record<string, unknown> {
  const {messages: _messages, taskUUID: _taskUUID, taskType: _taskType, inputs, ...rest} = task;
  return {
    ...rest,
    ...(inputs ? {inputs: {images: inputs.images?.length ?? 0, videos: inputs.videos?.length ?? 0}} : {}),
  };
}
