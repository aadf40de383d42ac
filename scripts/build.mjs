// Two bundles. The CLI is one CommonJS file: Node 20 loads it faster than a graph of ES modules,
// and start-up is most of what a short `gemma ask` costs. The terminal UI (ink, React, yoga's
// WebAssembly, which needs top-level await) is an ES module bundle that only `gemma chat` in a
// terminal imports. undici stays in node_modules, loaded only to go through a proxy.
import {createHash} from 'node:crypto';
import {readFileSync, rmSync, writeFileSync} from 'node:fs';
import {build} from 'esbuild';

const {version} = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
rmSync(new URL('../dist', import.meta.url), {recursive: true, force: true});

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  legalComments: 'none',
  // Less to parse at start-up; names kept so errors and stack traces stay readable.
  // GEMMA_NO_MINIFY=1 node scripts/build.mjs: readable names in CPU profiles.
  minify: process.env.GEMMA_NO_MINIFY !== '1',
  keepNames: true,
  logLevel: 'warning',
  define: {GEMMA_VERSION: JSON.stringify(version)},
};

await build({
  ...common,
  entryPoints: {'run-chat-app': 'src/ui/run-chat-app.tsx', 'input-history': 'src/chat/input-history.ts'},
  outdir: 'dist/ui',
  format: 'esm',
  splitting: true,
  // React and its reconciler pick their development builds unless told otherwise: slower renders
  // and about 20 MB more at the peak of a 300-turn chat (npm run bench, memory-ui row).
  define: {...common.define, 'process.env.NODE_ENV': '"production"'},
  // ink imports it only when DEV=true; it is not a dependency of ours.
  external: ['react-devtools-core'],
  // Bundled CommonJS dependencies call require(); give the ES module bundle one.
  banner: {js: "import {createRequire as __gemmaCreateRequire} from 'node:module'; const require = __gemmaCreateRequire(import.meta.url);"},
});

// The CLI. Its import()s all go through src/lazy-imports.ts, built apart (below): the bundle
// runs from a V8 code cache, where import() no longer works.
await build({
  ...common,
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/gemma.cjs',
  format: 'cjs',
  plugins: [{
    name: 'lazy-imports',
    setup(build) {
      build.onResolve({filter: /\/lazy-imports\.js$/}, () => ({path: './lazy-imports.cjs', external: true}));
    },
  }, {
    // commander requires node:child_process at load, for executable subcommands gemma does not
    // have; loading it (with dgram and friends) cost every run ~0.5 ms. Required on first use.
    name: 'lazy-child-process',
    setup(build) {
      build.onResolve({filter: /^node:child_process$/}, (args) =>
        /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? {path: 'child_process', namespace: 'lazy-child-process'} : undefined);
      build.onLoad({filter: /.*/, namespace: 'lazy-child-process'}, () => ({
        contents: "module.exports = {get spawn() { return require('node:child_process').spawn; }};",
        loader: 'js',
      }));
    },
  }],
});
const cli = readFileSync(new URL('../dist/gemma.cjs', import.meta.url), 'utf8');
const leftImport = /\bimport\((?!\))/.exec(cli);
if (leftImport) {
  throw new Error(`dist/gemma.cjs has an import() (near "${cli.slice(leftImport.index - 40, leftImport.index + 40)}"): load it through src/lazy-imports.ts`);
}

// What the CLI loads on first use; Node loads this file itself, so its import()s work. The UI
// lives in dist/ui/ beside it, as in src/.
await build({
  ...common,
  entryPoints: ['src/lazy-imports.ts'],
  outfile: 'dist/lazy-imports.cjs',
  format: 'cjs',
  sourcemap: false,
  plugins: [{
    name: 'external-targets',
    setup(build) {
      build.onResolve({filter: /^\.\/(ui\/run-chat-app|chat\/input-history)\.js$/}, (args) => ({path: `./ui/${args.path.split('/').pop()}`, external: true}));
      build.onResolve({filter: /^undici$/}, (args) => ({path: args.path, external: true}));
    },
  }],
});

// bin/gemma.js -> dist/launch.cjs, which runs dist/gemma.cjs from a V8 code cache (see
// src/launch/run-with-code-cache.ts). The cache is only valid for these exact bytes.
const buildId = createHash('sha256').update(readFileSync(new URL('../dist/gemma.cjs', import.meta.url))).digest('hex').slice(0, 16);
await build({
  ...common,
  entryPoints: ['src/launch/launch.ts'],
  outfile: 'dist/launch.cjs',
  format: 'cjs',
  sourcemap: false,
  define: {GEMMA_BUILD_ID: JSON.stringify(buildId)},
});

// dist/ui holds ES modules; say so, since the package root says nothing about dist/.
writeFileSync(new URL('../dist/ui/package.json', import.meta.url), '{"type": "module"}\n');
