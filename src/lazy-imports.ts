import {join} from 'node:path';
import type * as InputHistoryModule from './chat/input-history.js';
import type * as LoadSourcesModule from './context/load-sources.js';
import {loadWithCodeCache} from './launch/run-with-code-cache.js';
import type * as MarkdownAnswerModule from './output/markdown-answer.js';
import type * as ChatAppModule from './ui/run-chat-app.js';

/** A hash of the CLI and UI bundles, set by scripts/build.mjs. */
declare const GEMMA_BUILD_ID: string;

/**
 * The modules the CLI loads on first use, not at start-up: the terminal UI, `ask`'s markdown
 * renderer, the input history, the `-f` loaders, undici (proxies) and turndown (`-f` of an HTML
 * page). The build makes this file dist/lazy-imports.cjs, loaded by Node's own
 * require, because the CLI bundle itself runs from a V8 code cache (src/launch/) and an import()
 * compiled from a code cache has lost Node's loader callback ("A dynamic import callback was not
 * specified", Node 20). scripts/build.mjs fails if an import() is left in the bundle.
 *
 * The UI is a CommonJS bundle too (dist/ui/run-chat-app.cjs, 640 KB), run from a code cache of
 * its own: compiling it from source cost the chat 20 to 40 ms before the prompt. These paths are the
 * built layout: this file sits in dist/ beside ui/.
 */
export const lazyImports = {
  chatApp: async (): Promise<typeof ChatAppModule> => loadWithCodeCache(join(__dirname, 'ui', 'run-chat-app.cjs'), GEMMA_BUILD_ID, 'ui') as typeof ChatAppModule,
  // `gemma ask` rendering markdown on a terminal: marked, highlight.js and chalk (dist/ui/markdown-answer.cjs).
  markdownAnswer: async (): Promise<typeof MarkdownAnswerModule> => loadWithCodeCache(join(__dirname, 'ui', 'markdown-answer.cjs'), GEMMA_BUILD_ID, 'markdown') as typeof MarkdownAnswerModule,
  inputHistory: async (): Promise<typeof InputHistoryModule> => require(join(__dirname, 'ui', 'input-history.cjs')) as typeof InputHistoryModule,
  /** The `-f` loaders (ignore rules, globbing, fetching): dist/context.cjs, so `gemma ask` without -f carries none of them. */
  loadSources: async (): Promise<typeof LoadSourcesModule> => require(join(__dirname, 'context.cjs')) as typeof LoadSourcesModule,
  undici: () => import('undici'),
  /** HTML to markdown, for `-f <url>` pages: turndown and its DOM parser stay in node_modules. */
  turndown: () => import('turndown'),
  /** A role file's front matter (`--role`, `gemma roles`): yaml stays in node_modules. */
  yaml: () => import('yaml'),
  /** `gemma batch`'s progress bar on a terminal: cli-progress stays in node_modules. */
  cliProgress: () => import('cli-progress'),
};
