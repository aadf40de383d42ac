// esbuild plugins that let the terminal UI (ink, React, yoga) build as one CommonJS file, which
// bin/gemma.js runs from a V8 code cache like the CLI (src/launch/run-with-code-cache.ts). Two
// dependencies stand in the way with top-level await, which CommonJS cannot have: yoga, which
// fetches its WebAssembly from a data: URL, and ink's reconciler, which awaits its devtools when
// DEV=true. Each rewrite checks that the text it replaces is there, so an upgrade that changes it
// fails the build instead of shipping a UI that does not load.
import {readFileSync} from 'node:fs';

const DATA_URL = /"data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)"/;

/** Replaces `from` by `to` in `text` (all of them: `count` expected), or throws. */
function rewrite(text, from, to, count, what) {
  const found = text.split(from).length - 1;
  if (found !== count) throw new Error(`${what}: expected ${count} of ${JSON.stringify(from.slice(0, 60))}, found ${found}; has the package changed?`);
  return text.replaceAll(from, to);
}

/**
 * yoga-layout's loader fetch()es its wasm from a data: URL and its index awaits that. fetch pulls
 * Node's bundled undici into the process and percent-decodes the 96 KB URL (about 25 ms of the
 * chat's start); Buffer.from decodes the same base64 in 0.1 ms. So the URL moves out of the
 * Emscripten loader (which keeps an empty one, never fetched) into a module of its own, and the
 * index instantiates the wasm synchronously through Emscripten's instantiateWasm hook: the
 * loader then finishes before it returns, and nothing is awaited.
 */
export const syncYoga = {
  name: 'sync-yoga',
  setup(build) {
    build.onLoad({filter: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/}, (args) => {
      let text = readFileSync(args.path, 'utf8');
      if (!DATA_URL.test(text)) throw new Error(`${args.path}: no wasm data: URL; has yoga-layout changed?`);
      text = text.replace(DATA_URL, '""');
      // Where the loader would fetch from: unused once instantiateWasm is given.
      text = rewrite(text, 'import.meta.url', 'undefined', 1, args.path);
      return {contents: text, loader: 'js'};
    });
    build.onLoad({filter: /[\\/]yoga-layout[\\/]wasm-bytes$/, namespace: 'sync-yoga'}, (args) => {
      const base64 = DATA_URL.exec(readFileSync(args.path.replace(/wasm-bytes$/, 'dist/binaries/yoga-wasm-base64-esm.js'), 'utf8'))[1];
      // An ES module: as CommonJS, the import below would copy the Buffer's 70k indices one by one
      // into a namespace object (esbuild's interop; 90 ms).
      return {contents: `export default Buffer.from(${JSON.stringify(base64)}, 'base64');`, loader: 'js'};
    });
    build.onResolve({filter: /^yoga-wasm-bytes$/}, (args) => ({path: args.importer.replace(/dist[\\/]src[\\/]index\.js$/, 'wasm-bytes'), namespace: 'sync-yoga'}));
    build.onLoad({filter: /[\\/]yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/}, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const contents = rewrite(text, 'const Yoga = wrapAssembly(await loadYoga());', [
        "import wasmBytes from 'yoga-wasm-bytes';",
        'const yogaModule = {',
        '  instantiateWasm(imports, receiveInstance) {',
        '    const instance = new WebAssembly.Instance(new WebAssembly.Module(wasmBytes), imports);',
        '    receiveInstance(instance);',
        '    return instance.exports;',
        '  },',
        '};',
        'loadYoga(yogaModule);',
        "if (yogaModule.calledRun !== true) throw new Error('yoga-layout did not load synchronously');",
        'const Yoga = wrapAssembly(yogaModule);',
      ].join('\n'), 1, args.path);
      return {contents, loader: 'js'};
    });
  },
};

/**
 * ink's reconciler awaits import('./devtools.js') and its package.json when DEV=true. react-devtools-core
 * is not a dependency of gemma, so the import could only fail: it now fails at once, with the code
 * ink looks for (it then prints its "install react-devtools-core" hint), and the package.json,
 * which only names the renderer to devtools, is not read.
 */
export const syncInkReconciler = {
  name: 'sync-ink-reconciler',
  setup(build) {
    build.onLoad({filter: /[\\/]ink[\\/]build[\\/]reconciler\.js$/}, (args) => {
      let text = readFileSync(args.path, 'utf8');
      text = rewrite(text, "await import('./devtools.js');", "throw Object.assign(new Error('react-devtools-core is not bundled with gemma'), {code: 'ERR_MODULE_NOT_FOUND'});", 1, args.path);
      text = rewrite(text, 'await loadPackageJson()', '{ name: undefined, version: undefined }', 1, args.path);
      return {contents: text, loader: 'js'};
    });
  },
};

/**
 * What the first frame does not draw, loaded when first used instead of at start-up:
 * highlight.js (its ~36 grammars register at load) and marked, together 15 to 20 ms of CPU; the
 * first answer pays for them, once. Each stub offers only what gemma's UI uses: an import of
 * anything else fails the build ("No matching export"), so add it here. The stubs are only in
 * the built UI; tests running the sources use the modules themselves.
 */
const LAZY_MODULES = {
  'highlight.js/lib/common': 'export default new Proxy({}, {get: (_, key) => load()[key]});',
  // `new Lexer(options)` builds marked's own (a constructor that returns an object gives that object).
  marked: 'export function Lexer(options) { return new (load().Lexer)(options); }',
};

export const lazyModules = {
  name: 'lazy-modules',
  setup(build) {
    const names = Object.keys(LAZY_MODULES).map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
    build.onResolve({filter: new RegExp(`^(${names.join('|')})$`)}, (args) =>
      // The stub's own require() gets the module itself.
      args.namespace === 'lazy-module' ? undefined : {path: args.path, namespace: 'lazy-module'});
    build.onLoad({filter: /.*/, namespace: 'lazy-module'}, (args) => ({
      contents: `let loaded;\nconst load = () => (loaded ??= require(${JSON.stringify(args.path)}));\n${LAZY_MODULES[args.path]}\n`,
      loader: 'js',
      resolveDir: process.cwd(),
    }));
  },
};

/**
 * Characters one column wide in string-width's own reckoning (test/unit/narrow-chars.test.ts
 * checks each against it): gemma's chrome (`·` in the header and footer, the `› ` prompt, `•`
 * bullets, `│ ─` rules) and common typography. Most are East Asian "ambiguous": narrow unless the
 * caller asks otherwise.
 */
export const NARROW_CHARS = '\u00B7\u2013\u2014\u2018\u2019\u201C\u201D\u2022\u2026\u203A\u2500\u2502';

/**
 * string-width takes a fast path for printable ASCII only; any other character goes through
 * Intl.Segmenter and, the first time, compiles its /^\p{RGI_Emoji}$/v for two-byte strings:
 * about 15 ms, on the way to the chat's first frame, whose prompt is `› `. The same fast path is
 * taken for strings of ASCII and NARROW_CHARS (with ambiguous characters narrow, the default),
 * for which it gives the same width, so nothing moves on screen; anything else goes the long way.
 */
export const narrowStringWidth = {
  name: 'narrow-string-width',
  setup(build) {
    build.onLoad({filter: /[\\/]node_modules[\\/]string-width[\\/]index\.js$/}, (args) => {
      // ink's own (8.x); wrap-ansi's older copy has no fast path to extend and is not on the first frame.
      const {version} = JSON.parse(readFileSync(args.path.replace(/index\.js$/, 'package.json'), 'utf8'));
      if (!version.startsWith('8.')) return undefined;
      const text = readFileSync(args.path, 'utf8');
      const ascii = 'if (/^[\\u0020-\\u007E]*$/.test(string)) {\n\t\treturn string.length;\n\t}';
      const narrow = `${ascii}\n\n\tif (ambiguousIsNarrow && /^[\\u0020-\\u007E${[...NARROW_CHARS].map((char) => `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`).join('')}]*$/.test(string)) {\n\t\treturn string.length;\n\t}`;
      return {contents: rewrite(text, ascii, narrow, 1, args.path), loader: 'js'};
    });
  },
};
