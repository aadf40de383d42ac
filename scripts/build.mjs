// Bundles the CLI into one file so start-up does not walk hundreds of modules.
import {readFileSync} from 'node:fs';
import {build} from 'esbuild';
import {rmSync} from 'node:fs';

const {version} = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

// Stale chunks from earlier builds would otherwise pile up beside the new ones.
rmSync(new URL('../dist', import.meta.url), {recursive: true, force: true});

await build({
  entryPoints: {gemma: 'src/cli/main.ts'},
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'bundle',
  // ink imports it only when DEV=true; it is not a dependency of ours.
  external: ['react-devtools-core'],
  sourcemap: 'linked',
  legalComments: 'none',
  // Less to parse at start-up; names kept so errors and stack traces stay readable.
  minify: true,
  keepNames: true,
  define: {GEMMA_VERSION: JSON.stringify(version)},
  logLevel: 'warning',
  // Bundled CommonJS dependencies call require(); give the ESM bundle one.
  banner: {js: "import {createRequire as __gemmaCreateRequire} from 'node:module'; const require = __gemmaCreateRequire(import.meta.url);"},
});
