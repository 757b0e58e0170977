// Every key binding in one table: it drives input handling and the help bar / help screen alike.
import type { InspectorState } from '../state/inspector.js';

export type Command =
  | 'nextLayer' | 'prevLayer' | 'nextPage' | 'prevPage' | 'zoom' | 'moveLeft' | 'moveRight' | 'moveUp' | 'moveDown'
  | 'back' | 'resample' | 'toggleCharts' | 'toggleInput' | 'toggleHelp' | 'quit';

/** A key as Ink reports it: the typed character, or a named special key. */
export type KeyName = 'left' | 'right' | 'up' | 'down' | 'pageUp' | 'pageDown' | 'return' | 'escape' | 'ctrl-c' | string;

export interface Binding {
  command: Command;
  keys: KeyName[];
  /** How the keys are written in help, e.g. "←/h". */
  label: string;
  help: string;
  /** The word shown in the one-line help bar; bindings without it appear only on the help screen. */
  bar?: string;
  /** A shorter key label for the bar, where the full one would crowd it. */
  barLabel?: string;
  /** When the binding applies; absent = always. */
  when?: (s: InspectorState) => boolean;
}

const zoomed = (s: InspectorState) => s.view === 'maps' && s.zoom !== null;
const maps = (s: InspectorState) => s.view === 'maps' && s.zoom === null && !s.help;
const grid = (s: InspectorState) => s.view === 'maps' && s.zoom === null && s.mapLayers[s.layer] === true;

export const KEYMAP: Binding[] = [
  { command: 'prevLayer', keys: ['left', 'h'], label: '←/h', help: 'previous layer', when: maps, bar: 'layer' },
  { command: 'nextLayer', keys: ['right', 'l'], label: '→/l', help: 'next layer', when: maps },
  { command: 'moveLeft', keys: ['left', 'h'], label: '←/h', help: 'previous filter (zoomed)', when: zoomed },
  { command: 'moveRight', keys: ['right', 'l'], label: '→/l', help: 'next filter (zoomed)', when: zoomed },
  { command: 'moveUp', keys: ['up', 'k'], label: '↑/k', help: 'filter above (zoomed)', when: zoomed },
  { command: 'moveDown', keys: ['down', 'j'], label: '↓/j', help: 'filter below (zoomed)', when: zoomed },
  { command: 'prevPage', keys: ['pageUp', 'up', 'k'], label: 'PgUp/↑', help: 'previous page of filters', when: grid, bar: 'page' },
  { command: 'nextPage', keys: ['pageDown', 'down', 'j'], label: 'PgDn/↓', help: 'next page of filters', when: grid },
  { command: 'zoom', keys: ['return', 'z'], label: 'Enter/z', help: 'zoom on one filter', when: grid, bar: 'zoom', barLabel: 'z' },
  { command: 'resample', keys: ['r'], label: 'r', help: 'new random image', bar: 'new image' },
  { command: 'toggleCharts', keys: ['c'], label: 'c', help: 'accuracy/loss charts', bar: 'charts' },
  { command: 'toggleInput', keys: ['i'], label: 'i', help: 'the input image as the model sees it', bar: 'input' },
  { command: 'toggleHelp', keys: ['?'], label: '?', help: 'help', bar: 'help' },
  { command: 'back', keys: ['escape'], label: 'Esc', help: 'back to the grid (from zoom, help, charts, input)', when: (s) => s.zoom !== null || s.help || s.view !== 'maps', bar: 'back' },
  { command: 'quit', keys: ['escape'], label: 'Esc', help: 'quit (from the grid)' },
  { command: 'quit', keys: ['q', 'ctrl-c'], label: 'q', help: 'quit', bar: 'quit' },
];

/** The command a key triggers in this state, or undefined. First matching row wins. */
export function commandFor(key: KeyName, state: InspectorState): Command | undefined {
  return KEYMAP.find((b) => b.keys.includes(key) && (!b.when || b.when(state)))?.command;
}

/** The help bar: the bindings that apply now and are marked for the bar. */
export function helpBarItems(state: InspectorState): Array<{ label: string; help: string }> {
  const active = KEYMAP.filter((b) => !b.when || b.when(state));
  // Pairs such as ←/h previous layer + →/l next layer share one item: "←/→ layer".
  return active.filter((b) => b.bar).map((b) => {
    const partner = active.find((o) => o !== b && !o.bar && o.help.startsWith('next') && b.help.startsWith('previous') && o.help.slice(5) === b.help.slice(9));
    const [mine, theirs] = [b.label.split('/')[0]!, partner?.label.split('/')[0] ?? ''];
    // "PgUp" + "PgDn" → "PgUp/Dn", "←" + "→" → "←→"
    const pair = mine.length > 1 ? `${mine}/${theirs.replace(/^Pg/, '')}` : `${mine}${theirs}`;
    return { label: partner ? pair : b.barLabel ?? b.label, help: b.bar! };
  });
}

/** Translates Ink's useInput arguments into a KeyName. */
export function keyNameOf(input: string, key: { leftArrow?: boolean; rightArrow?: boolean; upArrow?: boolean; downArrow?: boolean; pageUp?: boolean; pageDown?: boolean; return?: boolean; escape?: boolean; ctrl?: boolean }): KeyName {
  if (key.ctrl && input === 'c') return 'ctrl-c';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.pageUp) return 'pageUp';
  if (key.pageDown) return 'pageDown';
  if (key.return) return 'return';
  if (key.escape) return 'escape';
  return input;
}

/** Every key in one read of the terminal: special keys come alone, typed characters may come several at once. */
export function keyNamesOf(input: string, key: Parameters<typeof keyNameOf>[1]): KeyName[] {
  const name = keyNameOf(input, key);
  if (name !== input || key.ctrl || input.length <= 1) return [name];
  return Array.from(input);
}
