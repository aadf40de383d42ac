import {redact, redactKey} from '../api/redact.js';
import {stripThoughts} from '../api/wire/thought-channel.js';
import type {InferenceResult, TextInferenceTask} from '../api/types.js';
import {ApiError, InterruptedError} from '../errors.js';
import {requestSummary} from './request-summary.js';
import type {SessionEvent} from './session-events.js';

export type AssistantEvent = Extract<SessionEvent, {type: 'assistant'}>;
export type NewAssistantEvent = Omit<AssistantEvent, 'at'>;

/** How a turn ended: its answer came, the user cancelled it, or the request failed. */
export type TurnEnd = {how: 'done'} | {how: 'interrupted'} | {how: 'failed'; message: string; code?: string};

/** What had arrived of an answer: the whole result, or the text gathered before it stopped. */
export type AnswerSoFar = Omit<InferenceResult, 'index'>;

/** A server's error code is kept only when it looks like one (it is outside input). */
const ERROR_CODE = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/**
 * The end of a turn that threw: a cancel (the signal was aborted, whatever the core threw then),
 * or a failure with the error's message and API code.
 */
export function turnEndOf(error: unknown, signal?: AbortSignal): TurnEnd {
  if (signal?.aborted || error instanceof InterruptedError) return {how: 'interrupted'};
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof ApiError && ERROR_CODE.test(error.code) ? error.code : undefined;
  return {how: 'failed', message, ...(code ? {code} : {})};
}

/**
 * The one `assistant` event a session records for a turn, whoever ran it (`chat`, `ask -c`):
 * the same outcome gives the same event, a failure and an empty cancel included, so replay and
 * `sessions show` read them alike. The API key (`secret`) is redacted from everything that came
 * from outside (the answer may quote it back, an error message may hold it); a failure message
 * loses URL passwords too, while the answer's text is kept as written but for the key.
 */
export function answerEvent(result: AnswerSoFar, task: TextInferenceTask, end: TurnEnd, secret: string | undefined): NewAssistantEvent {
  const {usage, cost} = result;
  return {
    type: 'assistant',
    text: redactKey(result.text, secret),
    reasoning: redactKey(result.reasoning, secret),
    finishReason: end.how === 'done' ? result.finishReason : null,
    interrupted: end.how === 'interrupted',
    ...(end.how === 'failed' ? {failed: {message: redact(end.message, secret), ...(end.code ? {code: end.code} : {})}} : {}),
    taskUUID: result.taskUUID || task.taskUUID,
    request: requestSummary(task),
    ...(usage ? {usage} : {}),
    ...(cost === undefined ? {} : {cost}),
  };
}

/** Why a question with no answer after it (a crash while it streamed) is not context. */
export const NO_ANSWER_REASON = 'no answer was recorded';

/** Whether a turn is sent as context next time: its answer's text, or why not, in words for transcripts. */
export type AnswerContext = {sent: true; content: string} | {sent: false; reason: string};

/**
 * What an answer adds to the conversation sent next. Nothing when it failed or no text came
 * (cancelled while connecting or thinking, an empty answer), or when there is no answer at all
 * (a crash while it streamed); then its question is not context either, so the messages sent
 * always alternate.
 */
export function answerContext(answer: Pick<AssistantEvent, 'text' | 'failed' | 'interrupted'> | undefined): AnswerContext {
  if (!answer) return {sent: false, reason: NO_ANSWER_REASON};
  if (answer.failed) return {sent: false, reason: `failed: ${answer.failed.message}`};
  // Older versions stored Gemma's thought channel inside the answer: it is never sent back.
  const content = stripThoughts(answer.text);
  if (content.trim() !== '') return {sent: true, content};
  return {sent: false, reason: answer.interrupted ? 'cancelled before any answer' : 'the answer was empty'};
}
