// Two bundles, each one CommonJS file run from a V8 code cache (src/launch/): Node 20 loads that
// faster than a graph of ES modules, which it compiles from source on every start. The CLI's
// start is most of what a short `gemma ask` costs; the terminal UI (ink, React, yoga's
// WebAssembly) is loaded only by `gemma chat` in a terminal, and its start is the time to the
// prompt. undici stays in node_modules, loaded only to go through a proxy.
import {createHash} from 'node:crypto';
import {readdirSync, readFileSync, rmSync, statSync} from 'node:fs';
import {createRequire} from 'node:module';
import {build} from 'esbuild';
import {lazyModules, narrowStringWidth, syncInkReconciler, syncYoga} from './ui-build-plugins.mjs';

/**
 * fdir (tinyglobby's walker, for `-f "<glob>"`) builds a require from import.meta.url in its ES
 * build, which is undefined in a CommonJS bundle: its CommonJS build is taken instead.
 */
const fdirCommonJs = {
  name: 'fdir-commonjs',
  setup(build) {
    build.onResolve({filter: /^fdir$/}, () => ({path: createRequire(import.meta.url).resolve('fdir')}));
  },
};

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
  // Node 20 has RegExp's v flag, but esbuild's node20 target turns /.../v literals into
  // new RegExp(..., 'v'), which parses at load; a literal is parsed when first used, and the
  // chat's first frame never uses string-width's /^\p{RGI_Emoji}$/v (about 1 ms).
  supported: {'regexp-set-notation': true},
};

await build({
  ...common,
  entryPoints: {'run-chat-app': 'src/ui/run-chat-app.tsx'},
  outdir: 'dist/ui',
  outExtension: {'.js': '.cjs'},
  format: 'cjs',
  // React and its reconciler pick their development builds unless told otherwise: slower renders
  // and about 20 MB more at the peak of a 300-turn chat (npm run bench, memory-ui row).
  define: {...common.define, 'process.env.NODE_ENV': '"production"'},
  // No top-level await left (see the plugins), so no ES module needed.
  plugins: [syncYoga, syncInkReconciler, lazyModules, narrowStringWidth],
});
noImportLeft('dist/ui/run-chat-app.cjs', 'the UI runs from a code cache too');

// `gemma ask` rendering markdown (src/output/markdown-answer.ts): only the renderer, without ink or
// React, from a code cache of its own. highlight.js stays lazy within it, for answers with code.
await build({
  ...common,
  entryPoints: {'markdown-answer': 'src/output/markdown-answer.ts'},
  outdir: 'dist/ui',
  outExtension: {'.js': '.cjs'},
  format: 'cjs',
  plugins: [lazyModules, narrowStringWidth],
});
noImportLeft('dist/ui/markdown-answer.cjs', 'it runs from a code cache too');

// Loaded with the UI, by plain require (a few hundred bytes: no cache needed).
await build({
  ...common,
  entryPoints: {'input-history': 'src/chat/input-history.ts'},
  outdir: 'dist/ui',
  outExtension: {'.js': '.cjs'},
  format: 'cjs',
  sourcemap: false,
});

// The `-f` loaders (ignore, tinyglobby, fetching a URL), loaded by plain require only when -f is
// given: bundled into the CLI they made every start read and compile-cache ~60 kB more.
await build({
  ...common,
  entryPoints: {context: 'src/context/load-sources.ts'},
  outdir: 'dist',
  outExtension: {'.js': '.cjs'},
  format: 'cjs',
  sourcemap: false,
  plugins: [fdirCommonJs],
});
noImportLeft('dist/context.cjs', 'load it through src/lazy-imports.ts');

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
noImportLeft('dist/gemma.cjs', 'load it through src/lazy-imports.ts');

// bin/gemma.js -> dist/launch.cjs, which runs dist/gemma.cjs from a V8 code cache, and
// dist/lazy-imports.cjs runs the UI from one (see src/launch/run-with-code-cache.ts). A cache is
// only valid for the exact bytes it was made from: both bundles share one id, so writing the
// cache of either keeps the other's (and so for ask's markdown bundle).
const buildHash = createHash('sha256');
for (const bundle of ['gemma.cjs', 'ui/run-chat-app.cjs', 'ui/markdown-answer.cjs']) buildHash.update(readFileSync(new URL(`../dist/${bundle}`, import.meta.url)));
const buildId = JSON.stringify(buildHash.digest('hex').slice(0, 16));

// What the CLI loads on first use; Node loads this file itself, so its import()s work. The UI
// lives in dist/ui/ beside it.
await build({
  ...common,
  entryPoints: ['src/lazy-imports.ts'],
  outfile: 'dist/lazy-imports.cjs',
  format: 'cjs',
  sourcemap: false,
  define: {...common.define, GEMMA_BUILD_ID: buildId},
  external: ['undici', 'turndown', 'yaml', 'cli-progress'],
});

await build({
  ...common,
  entryPoints: ['src/launch/launch.ts'],
  outfile: 'dist/launch.cjs',
  format: 'cjs',
  sourcemap: false,
  define: {...common.define, GEMMA_BUILD_ID: buildId},
});

// What was built, one line per file, so a build that ran can be told from one that did nothing.
const built = readdirSync(new URL('../dist', import.meta.url), {recursive: true})
  .map((name) => `dist/${String(name).replaceAll('\\', '/')}`)
  .filter((path) => statSync(new URL(`../${path}`, import.meta.url)).isFile())
  .sort();
const width = Math.max(...built.map((path) => path.length));
for (const path of built) process.stdout.write(`${path.padEnd(width)}  ${kilobytes(statSync(new URL(`../${path}`, import.meta.url)).size)}\n`);

function kilobytes(bytes) {
  return `${(bytes / 1000).toFixed(1).padStart(7)} kB`;
}

/** Fails the build if `file` has an import(): compiled from a code cache it would throw. */
function noImportLeft(file, advice) {
  const text = readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
  // Not in a comment line (GEMMA_NO_MINIFY=1 keeps the JSDoc of dependencies, `import("./x")` types).
  const left = [...text.matchAll(/\bimport\((?!\))/g)].find((match) => !/^\s*(\*|\/\/)/.test(text.slice(text.lastIndexOf('\n', match.index) + 1, match.index)));
  if (left) throw new Error(`${file} has an import() (near "${text.slice(left.index - 40, left.index + 40)}"): ${advice}`);
}
