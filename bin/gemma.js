#!/usr/bin/env node
// A checkout has no dist/ until `npm run build`: say so in one line, not with a Node stack trace.
try {
  require('../dist/launch.cjs');
} catch (error) {
  const dist = require('node:path').join(__dirname, '..', 'dist');
  const missing = (error.code === 'MODULE_NOT_FOUND' && error.message.includes('launch.cjs')) || (error.code === 'ENOENT' && String(error.path).startsWith(dist));
  if (!missing) throw error;
  process.stderr.write('gemma: the build is missing (no dist/); run npm run build first\n');
  process.exitCode = 1;
}
