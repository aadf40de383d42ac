import {useEffect, useRef, useState} from 'react';
import {completeLine, LOCAL_SOURCES} from './completion-candidates.js';
import type {KeyPress} from './decode-key.js';
import {editActionFor} from './edit-binding.js';
import {walkHistory, type HistoryWalk} from './history-walk.js';
import {extendSearch, olderMatch, shortenSearch, startSearch, type HistorySearch, type SearchStep} from './history-search.js';
import {EMPTY_EDITOR, editLine, editorText, isEmptyEditor, type EditAction, type EditorState} from './line-editor.js';
import type {PromptInputProps} from './prompt-input.js';
import {useTerminalInput} from './use-terminal-input.js';
import {isLargeMaterial} from '../transcript-collapse.js';

/** `selected`: the option Tab last put in the prompt; -1 before the first. */
export type CompletionMenu = {kind: 'completions'; options: string[]; labels: string[]; selected: number};

export type PromptNotice = {kind: 'exit'} | CompletionMenu | {kind: 'returned'; why: 'cancelled' | 'failed'};

export interface PromptView {
  editor: EditorState;
  notice: PromptNotice | undefined;
  /** Ctrl-R's search, while it runs. */
  search: HistorySearch | undefined;
}

interface PromptState extends PromptView {
  walk: HistoryWalk | undefined;
}

const EMPTY: PromptState = {editor: EMPTY_EDITOR, notice: undefined, walk: undefined, search: undefined};
const EXIT_WINDOW_MS = 2000;

/** Binds keys to the prompt: editing, history, completion, submitting, cancelling and exiting. */
export function usePromptKeys(props: PromptInputProps): PromptView {
  const [view, setView] = useState<PromptState>(EMPTY);
  // Keys of one read arrive in a burst before React renders, so each must see the state the
  // previous one left: the ref is the truth and the React state only mirrors it for rendering.
  const state = useRef<PromptState>(EMPTY);
  const editorOpen = useRef(false);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const update = (next: PromptState): void => {
    state.current = next;
    setView(next);
  };
  const edit = (action: EditAction, from = state.current): void =>
    update({...from, editor: editLine(from.editor, action), notice: undefined});

  const openEditor = (current: string): void => {
    if (editorOpen.current) return;
    editorOpen.current = true;
    props
      .openEditor(current)
      .then((text) => {
        if (text !== undefined && mounted.current) edit({type: 'set', text});
      })
      .catch(() => undefined)
      .finally(() => (editorOpen.current = false));
  };

  const submit = (): void => {
    const text = editorText(state.current.editor);
    if (text.trim() === '') return;
    update(EMPTY);
    if (text.trim() === '/edit') return openEditor('');
    props.history.add(text);
    if (props.busy && props.onQueue) props.onQueue(text);
    else props.onSubmit(text);
  };

  const pressEnter = (key: KeyPress): void => {
    const {editor} = state.current;
    if (key.name === 'linefeed' || key.meta || key.shift || key.ctrl) return edit({type: 'newline'});
    // A backslash before the cursor continues the input on a new line, as in a shell.
    if (editor.lines[editor.line]?.[editor.column - 1] === '\\') {
      return edit({type: 'newline'}, {...state.current, editor: editLine(editor, {type: 'backspace'})});
    }
    if (!props.busy || props.onQueue) submit();
  };

  const walk = (direction: 'older' | 'newer'): void => {
    const current = state.current;
    const {line, lines} = current.editor;
    const atEdge = direction === 'older' ? line === 0 : line === lines.length - 1;
    if (!atEdge) return edit({type: direction === 'older' ? 'up' : 'down'});
    const step = walkHistory(current.walk, props.history.entries(), editorText(current.editor), direction);
    if (!step) return;
    // Walking up lands on the first line, so the next Up keeps walking instead of climbing through the entry.
    const firstBreak = step.text.indexOf('\n');
    const cursor = direction === 'older' && firstBreak !== -1 ? firstBreak : undefined;
    update({...current, editor: editLine(current.editor, {type: 'set', text: step.text, cursor}), notice: undefined, walk: step.walk});
  };

  // The first Tab completes as far as the candidates agree and lists them; each Tab after puts the
  // next in the prompt (Shift-Tab the one before), as zsh's menu completion does.
  const complete = (backwards: boolean): void => {
    const current = state.current;
    const menu = current.notice?.kind === 'completions' ? current.notice : undefined;
    if (menu) {
      const count = menu.options.length;
      const selected = menu.selected < 0 ? (backwards ? count - 1 : 0) : (menu.selected + (backwards ? count - 1 : 1)) % count;
      const text = menu.options[selected] ?? editorText(current.editor);
      return update({...current, editor: editLine(current.editor, {type: 'set', text}), notice: {...menu, selected}});
    }
    // Candidates are one-line commands: a multi-line input never matches, and is not joined to find out.
    const text = editorText(current.editor);
    const completion =
      backwards || current.editor.lines.length !== 1
        ? undefined
        : completeLine(text, props.completions(), props.completionSources ?? LOCAL_SOURCES);
    if (!completion) return update({...current, notice: undefined});
    const notice: PromptNotice | undefined =
      completion.options.length > 0 ? {kind: 'completions', options: completion.options, labels: completion.labels, selected: -1} : undefined;
    update({...current, editor: editLine(current.editor, {type: 'set', text: completion.text}), notice});
  };

  const pressCtrlC = (): void => {
    const current = state.current;
    if (props.busy) {
      props.onCancelGeneration();
      return update({...current, notice: undefined});
    }
    if (!isEmptyEditor(current.editor)) return update(EMPTY);
    if (current.notice?.kind === 'exit') {
      update(EMPTY);
      return props.onExit();
    }
    update({...current, notice: {kind: 'exit'}});
  };

  /** A key while Ctrl-R searches; false when it ends the search and is then a key like any other. */
  const searchKey = (key: KeyPress, search: HistorySearch): boolean => {
    const entries = props.history.entries();
    const current = state.current;
    const show = (next: SearchStep): void => update({...current, editor: next.editor, search: next.search, walk: undefined, notice: undefined});
    if (key.ctrl && key.name === 'r') show(olderMatch(entries, search, current.editor));
    else if (key.name === 'escape' || (key.ctrl && (key.name === 'g' || key.name === 'c'))) update({...current, editor: search.draft, search: undefined});
    // Enter takes the match into the prompt to edit or send; it is not sent unseen.
    else if (key.name === 'return') update({...current, search: undefined});
    else if (key.name === 'backspace' && !key.ctrl && !key.meta) show(shortenSearch(entries, search, current.editor));
    else if (key.text !== '') show(extendSearch(entries, search, key.text, current.editor));
    else {
      update({...current, search: undefined});
      return false;
    }
    return true;
  };

  const onKey = (key: KeyPress): void => {
    const search = state.current.search;
    if (search && searchKey(key, search)) return;
    const {editor} = state.current;
    if (key.ctrl && key.name === 'r') return update({...state.current, ...startSearch(editor), walk: undefined, notice: undefined});
    if (key.ctrl && key.name === 'c') return pressCtrlC();
    if (key.name === 'return' || key.name === 'linefeed') return pressEnter(key);
    if (key.name === 'escape') {
      if (props.busy) props.onCancelGeneration();
      return update({...state.current, notice: undefined});
    }
    if (key.ctrl && key.name === 'd') {
      // Like readline: end of input on an empty line, delete forward otherwise.
      if (!isEmptyEditor(editor)) return edit({type: 'delete'});
      if (!props.busy) props.onExit();
      return update({...state.current, notice: undefined});
    }
    if (key.ctrl && key.name === 'g') return openEditor(editorText(editor));
    if (key.ctrl && key.name === 'l') return props.onClearScreen?.();
    if (key.name === 'tab') return complete(key.shift);
    if (key.name === 'up' && !key.meta) return walk('older');
    if (key.name === 'down' && !key.meta) return walk('newer');
    const action = editActionFor(key);
    if (action) edit(action);
    else if (state.current.notice) update({...state.current, notice: undefined});
  };

  const onPaste = (text: string): void => {
    // A paste ends a search, keeping its match, and lands in the prompt.
    if (state.current.search) update({...state.current, search: undefined});
    if (props.onLargePaste && isLargeMaterial(text)) props.onLargePaste(text);
    edit({type: 'insert', text});
  };
  useTerminalInput({onKey, onPaste});

  // Queued messages that were not sent come back ahead of whatever was typed since.
  const returned = props.returned;
  useEffect(() => {
    if (!returned) return;
    const current = state.current;
    const draft = editorText(current.editor);
    const text = draft.trim() === '' ? returned.text : `${returned.text}\n${draft}`;
    update({editor: editLine(current.editor, {type: 'set', text}), notice: {kind: 'returned', why: returned.why}, walk: undefined, search: undefined});
  }, [returned]);

  const exitArmed = view.notice?.kind === 'exit';
  useEffect(() => {
    if (!exitArmed) return;
    const timer = setTimeout(() => {
      if (state.current.notice?.kind === 'exit') update({...state.current, notice: undefined});
    }, EXIT_WINDOW_MS);
    return () => clearTimeout(timer);
  }, [exitArmed]);

  return view;
}
