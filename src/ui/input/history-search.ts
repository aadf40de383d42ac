import {editorFromText, type EditorState} from './line-editor.js';

/** Ctrl-R's reverse incremental search through the input history, as readline has it. */
export interface HistorySearch {
  readonly query: string;
  /** The entry matched (oldest first); undefined before the first match. */
  readonly index: number | undefined;
  /** The last change found nothing: the match shown is the one before it. */
  readonly failed: boolean;
  /** What the prompt held before the search, for Esc to bring back. */
  readonly draft: EditorState;
}

export interface SearchStep {
  search: HistorySearch;
  /** What the prompt shows: the match, the cursor at the matched text. */
  editor: EditorState;
}

/** The newest entry at or before `from` that contains `query`. */
function findFrom(entries: readonly string[], query: string, from: number): number | undefined {
  for (let index = Math.min(from, entries.length - 1); index >= 0; index--) {
    if ((entries[index] as string).includes(query)) return index;
  }
  return undefined;
}

function step(entries: readonly string[], search: HistorySearch, query: string, found: number | undefined, shown: EditorState): SearchStep {
  if (found === undefined) return {search: {...search, query, failed: query !== ''}, editor: shown};
  const text = entries[found] as string;
  return {search: {...search, query, index: found, failed: false}, editor: editorFromText(text, text.indexOf(query))};
}

export function startSearch(draft: EditorState): SearchStep {
  return {search: {query: '', index: undefined, failed: false, draft}, editor: draft};
}

/** A character typed: the current match is kept while it still contains the longer query. */
export function extendSearch(entries: readonly string[], search: HistorySearch, text: string, shown: EditorState): SearchStep {
  const query = search.query + text;
  return step(entries, search, query, findFrom(entries, query, search.index ?? entries.length - 1), shown);
}

/** Backspace: the shorter query, searched again from the newest entry. */
export function shortenSearch(entries: readonly string[], search: HistorySearch, shown: EditorState): SearchStep {
  const query = [...search.query].slice(0, -1).join('');
  if (query === '') return {search: {...search, query, index: undefined, failed: false}, editor: search.draft};
  return step(entries, search, query, findFrom(entries, query, entries.length - 1), shown);
}

/** Ctrl-R again: the next older entry that matches. */
export function olderMatch(entries: readonly string[], search: HistorySearch, shown: EditorState): SearchStep {
  if (search.query === '') return {search, editor: shown};
  const found = findFrom(entries, search.query, (search.index ?? entries.length) - 1);
  return found === undefined ? {search: {...search, failed: true}, editor: shown} : step(entries, search, search.query, found, shown);
}

const searchLabel = (search: HistorySearch): string => `(${search.failed ? 'failed ' : ''}reverse-i-search)'${search.query}': `;

/**
 * What the prompt draws while searching: the label and the match as one text, so they wrap
 * together across the whole width as readline's do, not the match in a column beside the label.
 */
export function searchView(search: HistorySearch, shown: EditorState): EditorState {
  const label = searchLabel(search);
  const [first = '', ...rest] = shown.lines;
  return {lines: [label + first, ...rest], line: shown.line, column: shown.column + (shown.line === 0 ? label.length : 0)};
}
