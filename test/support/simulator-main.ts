/**
 * `npm run simulator -- [--port N] [--key K] [--delay MS] [--polls N] [--coalesce] [--latency MS] [--rate-limit N/MS]`: runs the Runware simulator
 * until Ctrl-C. Scripts can be queued over HTTP (see docs/simulator.md).
 */
import {parseArgs} from 'node:util';
import {startSimulator} from './simulator.js';

function whole(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) {
    process.stderr.write(`simulator: --${name} must be a whole number >= 0, got ${value}\n`);
    process.exit(2);
  }
  return n;
}

/** `N/MS`: at most N requests per key in any MS milliseconds. */
function rateLimit(value: string): {requests: number; windowMs: number} {
  const match = /^(\d+)\/(\d+)$/.exec(value);
  if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) {
    process.stderr.write(`simulator: --rate-limit must be N/MS (requests per window in ms, both >= 1), got ${value}\n`);
    process.exit(2);
  }
  return {requests: Number(match[1]), windowMs: Number(match[2])};
}

const {values} = parseArgs({
  options: {
    port: {type: 'string'},
    key: {type: 'string'},
    delay: {type: 'string'},
    polls: {type: 'string'},
    host: {type: 'string'},
    coalesce: {type: 'boolean'},
    'context-window': {type: 'string'},
    latency: {type: 'string'},
    'rate-limit': {type: 'string'},
    help: {type: 'boolean', short: 'h'},
  },
});
if (values.help) {
  process.stdout.write(
    'usage: npm run simulator -- [--port 8787] [--key sim-key-0000] [--delay 15] [--polls 1] [--host 127.0.0.1] [--coalesce] [--context-window 131072] [--latency 0] [--rate-limit 10/1000]\n',
  );
  process.exit(0);
}

const sim = await startSimulator({
  port: whole('port', values.port, 8787),
  apiKey: values.key ?? 'sim-key-0000',
  tokenDelayMs: whole('delay', values.delay, 15),
  pollsUntilDone: whole('polls', values.polls, 1),
  host: values.host ?? '127.0.0.1',
  coalesce: values.coalesce === true,
  latencyMs: whole('latency', values.latency, 0),
  ...(values['rate-limit'] === undefined ? {} : {rateLimit: rateLimit(values['rate-limit'])}),
  ...(values['context-window'] === undefined ? {} : {contextWindow: whole('context-window', values['context-window'], 0)}),
});
const control = sim.url.replace(/\/v1$/, '/__sim');
process.stdout.write(
  `Runware simulator listening on ${sim.url}\n` +
    // Pasted as it is into another terminal, it points gemma there.
    `export RUNWARE_BASE_URL=${sim.url} RUNWARE_API_KEY=${sim.apiKey}\n` +
    `control: POST ${control}/script | POST ${control}/default | POST ${control}/reset | GET ${control}/requests\n`,
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void sim.close().then(() => process.exit(0));
  });
}
