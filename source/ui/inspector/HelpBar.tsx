import { Text } from 'ink';
import React from 'react';
import type { InspectorState } from '../../state/inspector.js';
import { helpBarItems, KEYMAP } from '../keymap.js';

/**
 * The caption, then the keys that apply now. When they do not all fit, keys are dropped from the middle so
 * that `? help` and `q quit` (always last in the keymap) stay visible.
 */
export function HelpBar({ state, caption, width }: { state: InspectorState; caption: string; width: number }) {
  const items = fitItems(helpBarItems(state), width - [...caption].length - 3);
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

const itemWidth = (i: { label: string; help: string }) => [...i.label].length + 1 + [...i.help].length;

export function fitItems<T extends { label: string; help: string }>(items: T[], room: number): T[] {
  const kept = [...items];
  const used = () => kept.reduce((n, i, k) => n + itemWidth(i) + (k > 0 ? 2 : 0), 0);
  while (kept.length > 2 && used() > room) kept.splice(kept.length - 3, 1);
  return kept;
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
