import {join} from 'node:path';
import {runWithCodeCache} from './run-with-code-cache.js';

/** A hash of dist/gemma.cjs, set by scripts/build.mjs. */
declare const GEMMA_BUILD_ID: string;

// dist/launch.cjs: what bin/gemma.js loads. It sits beside the bundle it runs.
runWithCodeCache(join(__dirname, 'gemma.cjs'), GEMMA_BUILD_ID);
