import {Box, Static} from 'ink';
import {memo} from 'react';
import type {StaticItem} from './static-item.js';
import {StaticItemView} from './static-item-view.js';

interface Props {
  items: readonly StaticItem[];
  width: number;
  color: boolean;
}

/**
 * The scrollback. Memoised on the items array, which the feed replaces only when it appends, so
 * a streamed token does not even re-render this; <Static> then prints only the new items.
 */
export const Transcript = memo(function Transcript({items, width, color}: Props) {
  return (
    <Static items={items as StaticItem[]}>
      {(item) => (
        <Box key={item.key} flexDirection="column">
          <StaticItemView item={item} width={width} color={color} />
        </Box>
      )}
    </Static>
  );
});
