import {shellEntryText} from '../chat/shell-output.js';
import {Chalk} from 'chalk';
import type {TranscriptEntry} from '../chat/chat-types.js';
import {splitCompletedBlocks} from '../chat/split-blocks.js';
import {terminalSafe} from '../text/terminal-safe.js';
import {textWidth} from '../text/text-width.js';
import {wrapColumns} from '../text/wrap-columns.js';
import {wrapProse} from '../text/wrap-rows.js';
import {renderMarkdown} from './markdown/render-markdown.js';
import {FAILED_TURN_MARK} from './static-item.js';
import {entryMaterials, userTurnParts} from './transcript-collapse.js';

export interface RestoredOptions {
  width: number;
  color: boolean;
  /** The most rows printed; older turns are left out (at least the last turn is always shown). */
  maxRows: number;
}

export interface RestoredText {
  /** The turns as the terminal shows them, wrapped at `width`, with no trailing newline. */
  text: string;
  /** Its widest line (an unwrapped code line may be wider than the terminal). */
  widest: number;
  /** How many turns were left out. */
  hidden: number;
}

/**
 * Rows of a resumed session's turns printed at most: a dozen screens, some thirty turns of a
 * typical answer, rendered in ~50 ms. Rendering markdown costs about 0.1 ms a row (more with
 * highlighting), so the whole of a long session would be seconds; `gemma sessions show` prints it.
 */
export const RESTORED_ROWS = 500;

/**
 * The restored turns of a resumed session as plain terminal text, laid out exactly as the
 * scrollback items print a live turn (a blank line above each piece, `› ` questions, markdown
 * answers, the failed-turn mark), but built once as a string: hundreds of turns through React,
 * yoga and ink's cell grid in one frame cost seconds and a hundred MB. Only the newest turns
 * that fit `maxRows` are rendered, newest first, so a 10,000-turn session starts as fast as a
 * 30-turn one; a dim first line says how many earlier turns there are and how to read them.
 */
export function renderRestored(entries: readonly TranscriptEntry[], options: RestoredOptions): RestoredText {
  const paint = painter(options.color);
  const turns = turnsOf(entries);
  const shown: string[][] = [];
  let rows = 0;
  let widest = 0;
  for (let index = turns.length - 1; index >= 0; index--) {
    const lines = turnLines(turns[index] as TranscriptEntry[], options.width, paint);
    const height = lines.reduce((sum, line) => sum + rowsOf(line.width, options.width), 0);
    if (shown.length > 0 && rows + height > options.maxRows) break;
    rows += height;
    for (const line of lines) widest = Math.max(widest, line.width);
    shown.push(lines.map((line) => line.text));
  }
  const hidden = turns.length - shown.length;
  const session = entries[0]?.restored?.session;
  const parts = shown.reverse().map((lines) => lines.join('\n'));
  if (hidden > 0) {
    const line = `… ${hidden} earlier turn${hidden === 1 ? '' : 's'}${session ? ` (gemma sessions show ${terminalSafe(session)})` : ''}`;
    widest = Math.max(widest, textWidth(line));
    parts.unshift(paint.dim(line));
  }
  // Each turn's lines start with the blank line above it; the item's own margin is the first.
  return {text: parts.join('\n').replace(/^\n/, ''), widest, hidden};
}

interface Line {
  text: string;
  width: number;
}

interface Paint {
  color: boolean;
  dim(text: string): string;
  bold(text: string): string;
  notice(level: 'info' | 'warning' | 'error', text: string): string;
}

function painter(color: boolean): Paint {
  if (!color) return {color, dim: (text) => text, bold: (text) => text, notice: (_level, text) => text};
  // The caller decided colour is wanted (as the markdown renderer does): no detection of its own.
  const chalk = new Chalk({level: 1});
  return {
    color,
    dim: (text) => chalk.dim(text),
    bold: (text) => chalk.bold(text),
    notice: (level, text) => (level === 'info' ? chalk.dim(text) : level === 'warning' ? chalk.yellow(text) : chalk.red(text)),
  };
}

/** A turn starts at a question; what follows it (its answer, a notice) belongs to it. */
function turnsOf(entries: readonly TranscriptEntry[]): TranscriptEntry[][] {
  const turns: TranscriptEntry[][] = [];
  for (const entry of entries) {
    const last = turns.at(-1);
    if (entry.kind === 'user' || !last) turns.push([entry]);
    else last.push(entry);
  }
  return turns;
}

/** Rows a line of `width` columns takes (the terminal soft-wraps an unwrapped code line). */
function rowsOf(width: number, columns: number): number {
  return Math.max(1, Math.ceil(width / Math.max(1, columns)));
}

/** Word-wrapped at `columns` as the live scrollback's text is, then each row styled (as ink's transform does). */
function wrapped(text: string, columns: number, style: (row: string) => string = (row) => row): Line[] {
  const lines: Line[] = [];
  for (const line of text.split('\n')) for (const row of wrapProse(line, columns)) lines.push(lineOf(row, style));
  return lines;
}

/** A row as ink prints it: without the spaces at its end (a row broken after a space keeps one). */
function lineOf(row: string, style: (row: string) => string = (text) => text): Line {
  const text = row.trimEnd();
  return {text: style(text), width: textWidth(text)};
}

const BLANK: Line = {text: '', width: 0};

function turnLines(turn: readonly TranscriptEntry[], columns: number, paint: Paint): Line[] {
  const lines: Line[] = [];
  for (const entry of turn) {
    switch (entry.kind) {
      case 'user':
        lines.push(BLANK);
        for (const part of userTurnParts(entry.text, entryMaterials(entry.files ?? []), terminalSafe)) lines.push(...wrapped(part.text, columns, part.collapsed ? paint.dim : paint.bold));
        break;
      case 'notice':
        lines.push(BLANK, ...wrapped(wrapColumns(terminalSafe(entry.text), columns), columns, (row) => paint.notice(entry.level, row)));
        if (entry.turnFailed) lines.push(...wrapped(FAILED_TURN_MARK, columns, paint.dim));
        break;
      case 'shell':
        // Not recorded, so not restored; shown as piped chat prints it, should one ever be.
        lines.push(BLANK, ...wrapped(terminalSafe(shellEntryText(entry)), columns, paint.dim));
        break;
      case 'assistant': {
        // Restored answers carry no reasoning or timing (a session stores messages), so no
        // thinking summary, and no footer: their numbers belong to another run.
        const blocks = blocksOf(entry.text);
        for (const block of blocks) lines.push(BLANK, ...markdownLines(block, columns, paint.color));
        if (entry.interrupted) lines.push(...(blocks.length === 0 ? [BLANK] : []), ...wrapped('(interrupted)', columns, paint.dim));
        break;
      }
    }
  }
  return lines;
}

/** The markdown blocks of an answer, split as a finished answer's are. */
function blocksOf(text: string): string[] {
  const {blocks, tailStart} = splitCompletedBlocks(text);
  return [...blocks, text.slice(tailStart)].filter((block) => block.trim() !== '');
}

/** A rendered block: the renderer wraps prose at `columns` and leaves code lines whole, as in the live scrollback. */
function markdownLines(block: string, columns: number, color: boolean): Line[] {
  const rendered = renderMarkdown(block, {width: columns, color});
  if (rendered === '') return [];
  return rendered.split('\n').map((row) => lineOf(row));
}
