import {displayUrl} from '../api/display-url.js';
import type {TextInferenceTask} from '../api/types.js';

/**
 * The request as a session records it: everything but the messages and the task id, with media
 * inputs reduced to counts (a data URI can be megabytes, and may be private), and a webhook URL's
 * password never stored (`sessions export` prints the file as it is).
 */
export function requestSummary(task: TextInferenceTask): Record<string, unknown> {
  const {messages: _messages, taskUUID: _taskUUID, taskType: _taskType, inputs, webhookURL, ...rest} = task;
  return {
    ...rest,
    ...(webhookURL === undefined ? {} : {webhookURL: displayUrl(webhookURL)}),
    ...(inputs ? {inputs: {images: inputs.images?.length ?? 0, videos: inputs.videos?.length ?? 0}} : {}),
  };
}
