import { Box, Text } from 'ink';
import React from 'react';
import type { LayerActivation } from '../../activations/forward.js';
import type { Sample } from '../../services/inspect-session.js';
import { fileName, shapeText, statsText } from '../../render/format.js';

interface Props {
  modelName: string;
  backend: string;
  sample: Sample;
  activation: LayerActivation;
  layerCount: number;
  loading: boolean;
}

/** Three lines: what is inspected, the image and its prediction, the layer and its stats. */
export const Header = React.memo(function Header({ modelName, backend, sample, activation, layerCount, loading }: Props) {
  const { prediction, trueLabel } = sample;
  const verdict = trueLabel === null ? '' : trueLabel === prediction.label ? ' ✓' : ` ✗ (true: ${trueLabel})`;
  const { layer, stats } = activation;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold>convscope</Text> · {modelName} · {backend}{loading ? ' · loading…' : ''}
      </Text>
      <Text wrap="truncate-end">
        image <Text bold>{fileName(sample.path)}</Text> {sample.originalSize.join('×')} · predicted{' '}
        <Text bold>{prediction.label} {prediction.probability.toFixed(2)}</Text>{verdict}
      </Text>
      <Text wrap="truncate-end">
        layer {layer.index + 1}/{layerCount} <Text bold>{layer.name}</Text> ({layer.className}) · {shapeText(layer.shape)} · {statsText(stats)}
      </Text>
    </Box>
  );
});
