import {createServer, request, type Server} from 'node:http';

/**
 * A plain forward proxy: takes absolute-URI requests and forwards them wherever they point.
 * `seen` lists `METHOD url` of each request it took. Not listening yet: the caller listens.
 */
export function forwardProxy(): {seen: string[]; server: Server} {
  const state = {seen: [] as string[], server: createServer((req, res) => {
    state.seen.push(`${req.method} ${req.url}`);
    const target = new URL(req.url ?? '/');
    const forward = request({host: target.hostname, port: target.port, method: req.method, path: target.pathname, headers: req.headers}, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  })};
  return state;
}
