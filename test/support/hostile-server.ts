/**
 * A server that breaks the protocol on purpose, without end: what gemma reads from it must stay
 * bounded. Each request gets the `mode` set last; every body is written with backpressure, for
 * as long as the client keeps reading, so a client that buffers everything grows without end
 * and one that stops reading leaves the server idle. Not the simulator: nothing here is faithful.
 */
import {createServer, type ServerResponse} from 'node:http';
import type {Socket} from 'node:net';

export type HostileMode =
  /** 200 text/event-stream: `data: xxxx...` with no line end, ever. */
  | 'endless-sse-line'
  /** 200 text/event-stream: one event of endless `data: x` lines, never a blank line. */
  | 'endless-sse-event'
  /** 200 application/json: `{"data":[{"text":"xxxx...` without end (a sync answer). */
  | 'endless-json'
  /** 500 application/json: `{"errors":[{"message":"xxxx...` without end. */
  | 'endless-error'
  /** 200 text/event-stream: well-formed text deltas of 60 KiB each, without end and no final event. */
  | 'endless-sse-deltas';

export interface HostileServer {
  url: string;
  /** What the next requests get. */
  mode: HostileMode;
  /** Requests received so far. */
  readonly requests: number;
  /** Body bytes written to clients so far (what they read, give or take the socket buffers). */
  readonly bytesSent: number;
  close(): Promise<void>;
}

const CHUNK = Buffer.alloc(64 * 1024, 'x');
const DATA_LINES = Buffer.from('data: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n'.repeat(1024));

const DELTA_EVENT = Buffer.from(`data: {"taskType":"textInference","delta":{"text":"${'x'.repeat(60 * 1024)}"}}\n\n`);

const HEADS: Record<HostileMode, {status: number; type: string; head: string; body: Buffer}> = {
  'endless-sse-line': {status: 200, type: 'text/event-stream', head: 'data: ', body: CHUNK},
  'endless-sse-event': {status: 200, type: 'text/event-stream', head: '', body: DATA_LINES},
  'endless-json': {status: 200, type: 'application/json', head: '{"data":[{"taskType":"textInference","text":"', body: CHUNK},
  'endless-error': {status: 500, type: 'application/json', head: '{"errors":[{"code":"unknown","message":"', body: CHUNK},
  'endless-sse-deltas': {status: 200, type: 'text/event-stream', head: '', body: DELTA_EVENT},
};

export async function startHostileServer(mode: HostileMode): Promise<HostileServer> {
  const sockets = new Set<Socket>();
  const state = {mode, requests: 0, bytesSent: 0};

  const pump = (res: ServerResponse, body: Buffer): void => {
    let open = true;
    res.on('close', () => (open = false));
    const write = (): void => {
      while (open) {
        state.bytesSent += body.length;
        if (!res.write(body)) {
          res.once('drain', write);
          return;
        }
      }
    };
    write();
  };

  const server = createServer((req, res) => {
    state.requests += 1;
    req.resume();
    req.on('end', () => {
      const {status, type, head, body} = HEADS[state.mode];
      res.writeHead(status, {'content-type': type});
      res.write(head);
      pump(res, body);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as {port: number};
  return {
    url: `http://127.0.0.1:${port}/v1`,
    get mode() {
      return state.mode;
    },
    set mode(next: HostileMode) {
      state.mode = next;
    },
    get requests() {
      return state.requests;
    },
    get bytesSent() {
      return state.bytesSent;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A writer that feeds `chunk` to a stream without end (like `yes |`), honouring backpressure. */
export interface EndlessFeed {
  /** Bytes the stream has accepted so far. */
  readonly bytes: number;
  stop(): void;
}

export function feedEndlessly(stream: NodeJS.WritableStream, chunk: string | Buffer): EndlessFeed {
  const body = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
  const state = {bytes: 0, open: true};
  stream.on('error', () => (state.open = false));
  stream.on('close', () => (state.open = false));
  const write = (): void => {
    while (state.open) {
      state.bytes += body.length;
      if (!stream.write(body)) {
        stream.once('drain', write);
        return;
      }
    }
  };
  write();
  return {
    get bytes() {
      return state.bytes;
    },
    stop: () => {
      state.open = false;
    },
  };
}
