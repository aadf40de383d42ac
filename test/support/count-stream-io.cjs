/**
 * Preloaded into a gemma process (NODE_OPTIONS=--require=<this file>) by the stream-writes test
 * and the bench's `writes` row, where strace is missing. Counts the chunks read from TCP sockets
 * (each libuv read pushes one), the calls to process.stdout.write and the bytes they wrote, and
 * the most output ever queued in the process (stdout.writableLength); writes the counts as JSON
 * to STREAM_COUNTS_FILE at exit.
 */
const fs = require('node:fs');
const net = require('node:net');

const counts = {reads: 0, readBytes: 0, writes: 0, writeBytes: 0, maxQueued: 0};
const push = net.Socket.prototype.push;
net.Socket.prototype.push = function (chunk, encoding) {
  if (chunk !== null && chunk !== undefined && this.remotePort !== undefined) {
    counts.reads++;
    counts.readBytes += chunk.length;
  }
  return push.call(this, chunk, encoding);
};
const stdout = process.stdout;
const write = stdout.write;
stdout.write = function (chunk, ...rest) {
  counts.writes++;
  counts.writeBytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
  const flowing = write.call(this, chunk, ...rest);
  counts.maxQueued = Math.max(counts.maxQueued, stdout.writableLength);
  return flowing;
};
process.on('exit', () => fs.writeFileSync(process.env.STREAM_COUNTS_FILE, JSON.stringify(counts)));
