// Two bundles. The CLI is one CommonJS file: Node 20 loads it faster than a graph of ES modules,
// and start-up is most of what a short `gemma ask` costs. The terminal UI (ink, React, yoga's
// WebAssembly, which needs top-level await) is an ES module bundle that only `gemma chat` in a
// terminal imports. conf and undici stay in node_modules, loaded only to write config or to
// go through a proxy.
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
  minify: true,
  keepNames: true,
  logLevel: 'warning',
  define: {GEMMA_VERSION: JSON.stringify(version)},
};

/** The UI modules the CLI imports lazily, and where they live in dist/. */
const lazyUi = {'../ui/run-chat-app.js': './ui/run-chat-app.js', '../chat/input-history.js': './ui/input-history.js'};

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

await build({
  ...common,
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/gemma.cjs',
  format: 'cjs',
  external: ['undici', 'conf'],
  plugins: [{
    name: 'lazy-ui',
    setup(build) {
      build.onResolve({filter: /\/(ui\/run-chat-app|chat\/input-history)\.js$/}, (args) => {
        const target = lazyUi[args.path];
        return target ? {path: target, external: true} : undefined;
      });
    },
  }],
});

// dist/ui holds ES modules; say so, since the package root says nothing about dist/.
writeFileSync(new URL('../dist/ui/package.json', import.meta.url), '{"type": "module"}\n');
