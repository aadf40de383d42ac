/**
 * The floor for the `stream-floor` row: the least a client can do with a stream answer. One
 * node:http POST of a given body, the same SSE parser as gemma (eventsource-parser), JSON.parse
 * of each event, and the text of each chunk read written to stdout in one write. No retries,
 * guards, thought channel or session: what is left of gemma's time above this is its own cost.
 *
 *   node stream-floor-client.mjs <url> <api key> <body file>
 *
 * Bundled by bench/stream-floor-row.ts and run with plain node, as gemma's dist/ is. Exits 1 on
 * anything but a 200 answer that ends with [DONE].
 */
import {readFileSync} from 'node:fs';
import {request} from 'node:http';
import {createParser} from 'eventsource-parser';

const [url, apiKey, bodyFile] = process.argv.slice(2);
if (url === undefined || apiKey === undefined || bodyFile === undefined) {
  process.stderr.write('usage: stream-floor-client <url> <api key> <body file>\n');
  process.exit(2);
}
const body = readFileSync(bodyFile, 'utf8');

function fail(message: string): never {
  process.stderr.write(`stream-floor-client: ${message}\n`);
  process.exit(1);
}

const sent = request(url, {
  method: 'POST',
  headers: {
    authorization: `Bearer ${apiKey}`,
    'content-type': 'application/json',
    accept: 'text/event-stream',
    'content-length': String(Buffer.byteLength(body)),
  },
});
sent.on('error', (error) => fail(error.message));
sent.on('response', (response) => {
  if (response.statusCode !== 200) fail(`HTTP ${response.statusCode}`);
  const decoder = new TextDecoder();
  let text = '';
  let done = false;
  const parser = createParser({
    onEvent: (event) => {
      if (event.data === '[DONE]') {
        done = true;
        return;
      }
      const payload = JSON.parse(event.data) as {delta?: {text?: unknown}};
      if (typeof payload.delta?.text === 'string') text += payload.delta.text;
    },
  });
  response.on('data', (chunk: Buffer) => {
    parser.feed(decoder.decode(chunk, {stream: true}));
    if (text === '') return;
    // One write per chunk, waiting for a full pipe as gemma does.
    const flowing = process.stdout.write(text);
    text = '';
    if (!flowing) {
      response.pause();
      process.stdout.once('drain', () => response.resume());
    }
  });
  response.on('end', () => {
    if (!done) fail('the stream ended before [DONE]');
    process.stdout.write('\n');
  });
  response.on('error', (error) => fail(error.message));
});
sent.end(body);
