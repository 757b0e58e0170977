import { Box, Text } from 'ink';
import React from 'react';
import type { Frame } from '../../render/layer-frame.js';

/**
 * The grid, one <Text> per terminal row. Lines are pre-encoded by render/ and cached, so a re-render
 * costs Ink only the layout of strings it already has; React.memo skips it when the frame is unchanged.
 */
export const FeatureMaps = React.memo(function FeatureMaps({ frame, rows }: { frame: Frame; rows: number }) {
  if (frame.tooSmall) {
    return (
      <Box height={rows} alignItems="center" justifyContent="center">
        <Text color="yellow">window too small — enlarge it (at least 20×12)</Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" height={rows}>
      {frame.lines.map((line, i) => (
        <Text key={i} wrap="truncate-end">{line}</Text>
      ))}
    </Box>
  );
});
