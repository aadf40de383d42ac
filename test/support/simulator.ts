/**
 * A strict local stand-in for Runware's task API (POST /v1), faithful to PROTOCOL.md, with
 * scriptable errors and faults. See docs/simulator.md.
 */
import {createServer, type ServerResponse} from 'node:http';
import type {Socket} from 'node:net';
import {handleControl} from './simulator-control.js';
import {handleApi} from './simulator-handle.js';
import {sendJson} from './simulator-http.js';
import {createState, pathOf, receivedTasks, resetState, type SimState} from './simulator-state.js';
import type {Script, Simulator, SimulatorOptions} from './simulator-types.js';

export type {RecordedRequest, Script, Simulator, SimulatorOptions} from './simulator-types.js';

const DEFAULT_SIMULATOR_KEY = 'sim-key-0000';

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const apiKey = options.apiKey ?? DEFAULT_SIMULATOR_KEY;
  const host = options.host ?? '127.0.0.1';
  const state = createState(apiKey, options.tokenDelayMs ?? 0, options.pollsUntilDone ?? 1, options.coalesce ?? false, options.contextWindow, {
    latencyMs: options.latencyMs ?? 0,
    rateLimit: options.rateLimit,
  });
  const sockets = new Set<Socket>();

  const server = createServer({noDelay: true}, (req, res) => {
    const pathname = pathOf(req.url ?? '/');
    const handler = pathname.startsWith('/__sim') ? handleControl(state, req, res, pathname) : counted(state, res, () => handleApi(state, req, res));
    handler.catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      sendJson(res, 500, {errors: [{code: 'simulatorBug', message: error instanceof Error ? error.stack ?? error.message : String(error)}]});
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port ?? 0;
  const hostInUrl = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${hostInUrl}:${port}/v1`,
    apiKey,
    requests: state.requests,
    tasks: () => receivedTasks(state),
    script: (...scripts: Script[]) => {
      state.queue.push(...scripts);
    },
    setDefault: (script: Script) => {
      state.defaultScript = {...script};
    },
    maxConcurrent: () => state.maxInFlight,
    reset: () => resetState(state),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
      }),
  };
}

/** Counts the API requests being answered at once (until the response is finished or its socket gone). */
async function counted(state: SimState, res: ServerResponse, handle: () => Promise<void>): Promise<void> {
  state.inFlight += 1;
  state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
  let done = false;
  const leave = (): void => {
    if (done) return;
    done = true;
    state.inFlight -= 1;
  };
  res.once('close', leave);
  try {
    await handle();
  } catch (error) {
    leave();
    throw error;
  }
}
