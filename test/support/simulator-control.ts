import type {IncomingMessage, ServerResponse} from 'node:http';
import {readBody, sendJson} from './simulator-http.js';
import {resetState, scriptProblem} from './simulator-state.js';
import type {SimState} from './simulator-state.js';
import type {Script} from './simulator-types.js';

const CONTROL_BODY_LIMIT = 1024 * 1024;

/**
 * The control endpoints under /__sim (no auth): POST script (a Script or an array of them),
 * POST default, POST reset, GET requests.
 */
export async function handleControl(state: SimState, req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
  const {raw} = await readBody(req, CONTROL_BODY_LIMIT);
  const route = `${req.method ?? 'GET'} ${pathname.replace(/\/$/, '')}`;
  const fail = (message: string, status = 400): void => sendJson(res, status, {error: message});
  const parse = (): unknown => {
    try {
      return raw.trim() === '' ? {} : JSON.parse(raw);
    } catch {
      return undefined;
    }
  };
  switch (route) {
    case 'POST /__sim/script': {
      const body = parse();
      const scripts: unknown[] = Array.isArray(body) ? body : [body];
      const problem = scripts.map(scriptProblem).find((p) => p !== undefined);
      if (problem !== undefined) return fail(problem);
      state.queue.push(...(scripts as Script[]));
      return sendJson(res, 200, {ok: true, queued: state.queue.length});
    }
    case 'POST /__sim/default': {
      const body = parse();
      const problem = scriptProblem(body);
      if (problem !== undefined) return fail(problem);
      state.defaultScript = body as Script;
      return sendJson(res, 200, {ok: true});
    }
    case 'POST /__sim/reset':
      resetState(state);
      return sendJson(res, 200, {ok: true});
    case 'GET /__sim/requests':
      return sendJson(res, 200, state.requests);
    default:
      return fail(`no control endpoint ${route}; try POST /__sim/script, POST /__sim/default, POST /__sim/reset, GET /__sim/requests`, 404);
  }
}
