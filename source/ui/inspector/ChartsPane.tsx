import { Box, Text } from 'ink';
import React from 'react';
import type { ChartsData } from '../../services/charts-data.js';

/** Accuracy and loss, train vs validation: the notebook's last two plots. Lines come pre-rendered. */
export const ChartsPane = React.memo(function ChartsPane({ charts, rows }: { charts: ChartsData | null | 'none'; rows: number }) {
  if (charts === null) return <Box height={rows}><Text dimColor>loading history…</Text></Box>;
  if (charts === 'none') {
    return (
      <Box height={rows} flexDirection="column">
        <Text>No training history found for this model.</Text>
        <Text dimColor>Pass --history FILE (convscope history.json, a Keras history JSON or a CSVLogger CSV).</Text>
      </Box>
    );
  }
  if ('error' in charts) return <Box height={rows}><Text color="red">{charts.error}</Text></Box>;
  return (
    <Box flexDirection="column" height={rows}>
      {charts.lines.map((line, i) => (
        <Text key={i} wrap="truncate-end">{line}</Text>
      ))}
    </Box>
  );
});
