import { Text } from 'ink';
import React from 'react';
import type { InspectorState } from '../../state/inspector.js';
import { helpBarItems, KEYMAP } from '../keymap.js';

export function HelpBar({ state, caption }: { state: InspectorState; caption: string }) {
  const items = helpBarItems(state);
  return (
    <Text wrap="truncate-end">
      <Text dimColor>{caption} │ </Text>
      {items.map(({ label, help }, i) => (
        <Text key={label + help}>
          {i > 0 ? '  ' : ''}
          <Text bold>{label}</Text> <Text dimColor>{help}</Text>
        </Text>
      ))}
    </Text>
  );
}

export function HelpScreen() {
  const width = Math.max(...KEYMAP.map((b) => b.label.length));
  return (
    <Text>
      <Text bold>Keys</Text>
      {'\n'}
      {KEYMAP.map((b) => `  ${b.label.padEnd(width)}  ${b.help}`).join('\n')}
      {'\n\n'}
      <Text dimColor>Esc or ? closes this help.</Text>
    </Text>
  );
}
