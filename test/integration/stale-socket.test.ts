import {createServer, type Server, type Socket} from 'node:net';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {infer} from '../../src/api/infer.js';
import {collectEvents, inferTask} from '../support/infer-fixtures.js';

/**
 * A server whose keep-alive connections go stale: it answers the first request on a connection,
 * then resets the connection as soon as a second request arrives on it (what a client sees when
 * the server closed an idle connection just as the client reused it).
 */
let server: Server;
let url: string;
const seen: string[] = [];
const sockets = new Set<Socket>();

function answer(socket: Socket, taskUUID: string): void {
  const body = JSON.stringify({data: [{taskType: 'textInference', taskUUID, text: 'ok', finishReason: 'stop'}]});
  socket.write(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: keep-alive\r\n\r\n${body}`);
}

beforeAll(async () => {
  server = createServer((socket) => {
    sockets.add(socket);
    let requests = 0;
    let buffered = '';
    socket.on('data', (chunk) => {
      buffered += chunk.toString('utf8');
      const end = buffered.indexOf('\r\n\r\n');
      const length = Number(/content-length: (\d+)/i.exec(buffered)?.[1] ?? NaN);
      if (end < 0 || buffered.length < end + 4 + length) return;
      const body = buffered.slice(end + 4, end + 4 + length);
      buffered = '';
      const taskUUID = (JSON.parse(body) as Array<{taskUUID: string}>)[0]?.taskUUID ?? '';
      seen.push(taskUUID);
      if (++requests === 1) answer(socket, taskUUID);
      else socket.resetAndDestroy();
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/v1`;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

it('a sync request reset at once on a reused keep-alive socket is sent again, on a new connection', async () => {
  const conn = {baseUrl: url, apiKey: 'k', timeoutMs: 5000, retry: {tries: 3, baseMs: 10, capMs: 100}};
  const first = await collectEvents(infer(inferTask({deliveryMethod: 'sync'}), conn));
  expect(first.error).toBeUndefined();
  const second = await collectEvents(infer(inferTask({deliveryMethod: 'sync'}), conn));
  expect(second.error).toBeUndefined();
  expect(second.events.filter((event) => event.type === 'retry')).toHaveLength(1);
  expect(second.events.at(-1)).toMatchObject({type: 'done', results: [{text: 'ok'}]});
  // The stale socket's request, then its resend under a fresh taskUUID.
  expect(seen).toHaveLength(3);
  expect(new Set(seen).size).toBe(3);
});
