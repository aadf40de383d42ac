import {Box, Text} from 'ink';
import {headerRows} from './header-rows.js';
import {wrapColumns} from '../text/wrap-columns.js';
import {terminalSafe} from '../text/terminal-safe.js';
import {wrapText} from '../text/wrap-rows.js';
import {FAILED_TURN_MARK, type StaticItem} from './static-item.js';
import {FinishedAnswer} from './finished-answer.js';
import {MarkdownText} from './markdown-text.js';
import {RestoredTurns} from './transcript-restored-view.js';
import {ShellEntryView} from './shell-entry-view.js';
import {ThoughtSummary} from './thought-summary.js';
import {userTurnParts} from './transcript-collapse.js';

interface Props {
  item: StaticItem;
  width: number;
  color: boolean;
}

const NOTICE_COLOR = {info: undefined, warning: 'yellow', error: 'red'} as const;

/**
 * One scrollback item. Everything but the header starts one blank line below what came before.
 * Each box is given the terminal's width: <Static> is as wide as its widest item (a long code
 * line), and text must still wrap at the terminal's edge: it is wrapped before ink sees it, by
 * the same word wrap as the markdown and a resumed session's text. Text from the server or a session file
 * (a notice quoting an error, a restored prompt, a session name) is shown through terminalSafe.
 */
export function StaticItemView({item, width, color}: Props) {
  switch (item.kind) {
    case 'header':
      return (
        <Box width={width}>
          <Text dimColor={color}>{headerRows(terminalSafe(item.text), width).join('\n')}</Text>
        </Box>
      );
    case 'user':
      return (
        <Box marginTop={1} width={width} flexDirection="column">
          {userTurnParts(item.text, item.materials ?? [], terminalSafe).map((part, index) => (
            <Text key={index} bold={color && !part.collapsed} dimColor={color && part.collapsed}>
              {wrapText(part.text, width)}
            </Text>
          ))}
        </Box>
      );
    case 'notice':
      return (
        <Box marginTop={1} width={width} flexDirection="column">
          <Text color={color ? NOTICE_COLOR[item.level] : undefined} dimColor={color && item.level === 'info'}>
            {wrapColumns(terminalSafe(item.text), width)}
          </Text>
          {item.turnFailed ? <Text dimColor={color}>{wrapText(FAILED_TURN_MARK, width)}</Text> : null}
        </Box>
      );
    case 'shell':
      return (
        <Box marginTop={1} width={width}>
          <ShellEntryView entry={item.entry} width={width} color={color} />
        </Box>
      );
    case 'thought':
      return (
        <Box marginTop={1} width={width}>
          <ThoughtSummary ms={item.ms} reasoning={item.reasoning} color={color} width={width} />
        </Box>
      );
    case 'block':
      return (
        <Box marginTop={1}>
          <MarkdownText markdown={item.markdown} width={width} color={color} raw={item.raw} />
        </Box>
      );
    case 'answer':
      return <FinishedAnswer item={item} width={width} color={color} />;
    case 'restored':
      return <RestoredTurns entries={item.entries} width={width} color={color} />;
  }
}
