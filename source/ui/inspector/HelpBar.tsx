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

/** One row per key label: keys that do different things by mode (←/h: layer, or filter when zoomed) share it. */
export function helpRows(): Array<[string, string]> {
  const rows = new Map<string, string[]>();
  for (const b of KEYMAP) rows.set(b.label, [...(rows.get(b.label) ?? []), b.help]);
  return [...rows].map(([label, helps]) => [label, helps.join('; ')]);
}

export function HelpScreen() {
  const rows = helpRows();
  const width = Math.max(...rows.map(([label]) => label.length));
  return (
    <Text>
      <Text bold>Keys</Text>
      {'\n'}
      {rows.map(([label, help]) => `  ${label.padEnd(width)}  ${help}`).join('\n')}
      {'\n\n'}
      <Text dimColor>Esc or ? closes this help.</Text>
    </Text>
  );
}
