/**
 * The modules the CLI loads on first use, not at start-up: the terminal UI, the input history
 * and undici (proxies). The build makes this file dist/lazy-imports.cjs, loaded by Node's own
 * require, because the CLI bundle itself runs from a V8 code cache (src/launch/) and an import()
 * compiled from a code cache has lost Node's loader callback ("A dynamic import callback was not
 * specified", Node 20). scripts/build.mjs fails if an import() is left in the bundle.
 */
export const lazyImports = {
  chatApp: () => import('./ui/run-chat-app.js'),
  inputHistory: () => import('./chat/input-history.js'),
  undici: () => import('undici'),
};
