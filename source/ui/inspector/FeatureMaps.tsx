import { Box, Text } from 'ink';
import React, { useContext, useEffect } from 'react';
import type { Frame } from '../../render/layer-frame.js';
import { ImageLayerContext } from '../image-layer-context.js';

interface Props {
  frame: Frame;
  rows: number;
  /** Screen row (1-based) where this area starts: the image layer paints there. */
  top: number;
}

/**
 * The grid. In a real terminal the image layer paints the cached, pre-encoded lines below Ink's text
 * rows (see image-layer.ts for why) and Ink renders nothing here; otherwise one <Text> per terminal row.
 */
export const FeatureMaps = React.memo(function FeatureMaps({ frame, rows, top }: Props) {
  const layer = useContext(ImageLayerContext);
  useEffect(() => {
    if (!layer) return;
    if (frame.tooSmall) layer.hide();
    else layer.show(frame.lines, top);
  }, [layer, frame, top]);
  useEffect(() => () => layer?.hide(), [layer]);

  if (frame.tooSmall) {
    return (
      <Box height={Math.min(rows, 3)} alignItems="center">
        <Text color="yellow" wrap="truncate-end">window too small — enlarge it (at least 20×12)</Text>
      </Box>
    );
  }
  if (layer) return null;
  return (
    <Box flexDirection="column" height={rows}>
      {frame.lines.map((line, i) => (
        <Text key={i} wrap="truncate-end">{line}</Text>
      ))}
    </Box>
  );
});
