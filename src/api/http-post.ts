import {InterruptedError} from '../errors.js';
import {IdleGuard} from './idle-guard.js';
import {sendRequest, tracksDelivery, type RawResponse} from './send-request.js';
import type {ResponseHeaders} from './types.js';

export interface PostOptions {
  apiKey: string;
  /** Longest silence allowed: connecting, waiting for headers, between body chunks. */
  timeoutMs: number;
  /** Longest wait for the headers once the request is delivered; default `timeoutMs`. */
  answerWaitMs?: number;
  userAgent?: string;
  accept: string;
  signal?: AbortSignal;
  /** Send through the proxy the environment names (the caller read HTTPS_PROXY / HTTP_PROXY). */
  useProxy?: boolean;
}

export interface PostResponse {
  status: number;
  headers: ResponseHeaders;
  /** The body, chunk by chunk. Failures arrive as NetworkError or InterruptedError. */
  chunks(): AsyncGenerator<Uint8Array, void, undefined>;
  /** The whole body as text (invalid UTF-8 replaced). */
  text(): Promise<string>;
  /** Stop reading; releases the connection if the body was not read to the end. */
  close(): void;
}

/**
 * One POST. Failures before the status line throw NetworkError (connect / timeout / dropped, with
 * whether the request had been delivered) or InterruptedError; an HTTP error status is not thrown
 * here, the caller reads its envelope.
 */
export async function httpPost(url: string, body: string, options: PostOptions): Promise<PostResponse> {
  if (options.signal?.aborted) throw new InterruptedError();
  const host = new URL(url).host;
  const useProxy = options.useProxy === true;
  const guard = new IdleGuard({
    outer: options.signal,
    timeoutMs: options.timeoutMs,
    answerWaitMs: options.answerWaitMs ?? options.timeoutMs,
    tracksDelivery: tracksDelivery({useProxy}),
    host,
    secret: options.apiKey,
  });
  const headers: Record<string, string> = {authorization: `Bearer ${options.apiKey}`, 'content-type': 'application/json', accept: options.accept};
  if (options.userAgent) headers['user-agent'] = options.userAgent;
  let response: RawResponse;
  try {
    response = await sendRequest({
      url,
      headers,
      body,
      // The guard's clock is the only one, so a timeout has one message whatever phase it hit.
      signal: guard.signal,
      useProxy,
      connectTimeoutMs: options.timeoutMs,
      onDelivered: () => guard.delivered(),
    });
  } catch (error) {
    throw guard.failure(error, 'request');
  }
  guard.touch();
  let finished = false;

  async function* chunks(): AsyncGenerator<Uint8Array, void, undefined> {
    try {
      for await (const chunk of response.body) {
        guard.pause();
        yield chunk;
        guard.touch();
      }
      finished = true;
    } catch (error) {
      throw guard.failure(error, 'body');
    } finally {
      close();
    }
  }

  function close(): void {
    guard.stop();
    if (!finished) response.cancel();
  }

  async function text(): Promise<string> {
    const decoder = new TextDecoder('utf-8', {fatal: false});
    let out = '';
    for await (const chunk of chunks()) out += decoder.decode(chunk, {stream: true});
    return out + decoder.decode();
  }

  return {status: response.status, headers: response.headers, chunks, text, close};
}
