import {Text} from 'ink';
import type {LiveAnswer} from '../chat/chat-types.js';
import {cutToWidth} from '../text/cut-to-width.js';
import {terminalSafe} from '../text/terminal-safe.js';
import {formatSeconds} from './format-seconds.js';
import {useNow} from './use-now.js';

interface Props {
  answer: LiveAnswer;
  thinkingSince: number | undefined;
  color: boolean;
  /** The terminal's width: a long command is cut to one row. */
  width: number;
}

const SPINNER = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';
const TICK_MS = 100;

/** The one line shown while there is no answer text yet: connecting, thinking, a retry countdown, or a `!` command running. */
export function PhaseLine({answer, thinkingSince, color, width}: Props) {
  const now = useNow(TICK_MS);
  switch (answer.phase) {
    case 'thinking':
      return <Text dimColor={color}>{`thinking… ${formatSeconds(now - (thinkingSince ?? answer.startedAt))}`}</Text>;
    case 'retrying': {
      const left = Math.max(0, Math.ceil(((answer.retryAt ?? now) - now) / 1000));
      const reason = terminalSafe(answer.retryReason ?? 'the request failed').replace(/\.$/, '');
      return <Text color={color ? 'yellow' : undefined}>{`${reason} — retrying in ${left} s (Ctrl-C cancels)`}</Text>;
    }
    case 'running': {
      const spinner = SPINNER[Math.floor(now / TICK_MS) % SPINNER.length] ?? '';
      const command = terminalSafe(answer.shell?.command ?? '').replace(/\n/g, ' ');
      return <Text dimColor={color}>{cutToWidth(`${spinner} running ${formatSeconds(now - answer.startedAt)} (Ctrl-C or Esc stops it): ${command}`, width)}</Text>;
    }
    case 'connecting':
    case 'compacting':
    case 'waiting':
    case 'answering': {
      const spinner = SPINNER[Math.floor(now / TICK_MS) % SPINNER.length] ?? '';
      const label = answer.phase === 'waiting' ? 'waiting for the answer…' : answer.phase === 'compacting' ? 'summarizing earlier turns…' : 'connecting…';
      return <Text dimColor={color}>{`${spinner} ${label} ${formatSeconds(now - answer.startedAt)}`}</Text>;
    }
  }
}
