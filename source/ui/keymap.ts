// Every key binding in one table: it drives input handling and the help bar / help screen alike.
import type { InspectorState } from '../state/inspector.js';

export type Command =
  | 'nextLayer' | 'prevLayer' | 'nextPage' | 'prevPage' | 'zoom' | 'moveLeft' | 'moveRight' | 'moveUp' | 'moveDown'
  | 'back' | 'resample' | 'toggleCharts' | 'toggleHelp' | 'quit';

/** A key as Ink reports it: the typed character, or a named special key. */
export type KeyName = 'left' | 'right' | 'up' | 'down' | 'pageUp' | 'pageDown' | 'return' | 'escape' | 'ctrl-c' | string;

export interface Binding {
  command: Command;
  keys: KeyName[];
  /** How the keys are written in help, e.g. "←/h". */
  label: string;
  help: string;
  /** When the binding applies; absent = always. */
  when?: (s: InspectorState) => boolean;
  /** Shown in the one-line help bar (the full list is on `?`). */
  inBar?: boolean;
}

const zoomed = (s: InspectorState) => s.view === 'maps' && s.zoom !== null;
const grid = (s: InspectorState) => s.view === 'maps' && s.zoom === null;

export const KEYMAP: Binding[] = [
  { command: 'prevLayer', keys: ['left', 'h'], label: '←/h', help: 'previous layer', when: (s) => !zoomed(s), inBar: true },
  { command: 'nextLayer', keys: ['right', 'l'], label: '→/l', help: 'next layer', when: (s) => !zoomed(s), inBar: true },
  { command: 'moveLeft', keys: ['left', 'h'], label: '←/h', help: 'previous filter (zoomed)', when: zoomed },
  { command: 'moveRight', keys: ['right', 'l'], label: '→/l', help: 'next filter (zoomed)', when: zoomed },
  { command: 'moveUp', keys: ['up', 'k'], label: '↑/k', help: 'filter above (zoomed)', when: zoomed },
  { command: 'moveDown', keys: ['down', 'j'], label: '↓/j', help: 'filter below (zoomed)', when: zoomed },
  { command: 'prevPage', keys: ['pageUp', 'up', 'k'], label: 'PgUp/↑', help: 'previous page of filters', when: grid, inBar: true },
  { command: 'nextPage', keys: ['pageDown', 'down', 'j'], label: 'PgDn/↓', help: 'next page of filters', when: grid, inBar: true },
  { command: 'zoom', keys: ['return', 'z'], label: 'Enter/z', help: 'zoom on one filter', when: grid, inBar: true },
  { command: 'resample', keys: ['r'], label: 'r', help: 'new random image', inBar: true },
  { command: 'toggleCharts', keys: ['c'], label: 'c', help: 'accuracy/loss charts', inBar: true },
  { command: 'toggleHelp', keys: ['?'], label: '?', help: 'help', inBar: true },
  { command: 'back', keys: ['escape'], label: 'Esc', help: 'back (zoom → grid → quit)' },
  { command: 'quit', keys: ['q', 'ctrl-c'], label: 'q', help: 'quit', inBar: true },
];

/** The command a key triggers in this state, or undefined. First matching row wins. */
export function commandFor(key: KeyName, state: InspectorState): Command | undefined {
  return KEYMAP.find((b) => b.keys.includes(key) && (!b.when || b.when(state)))?.command;
}

/** The help bar: the bindings that apply now and are marked for the bar. */
export function helpBarItems(state: InspectorState): Array<{ label: string; help: string }> {
  return KEYMAP.filter((b) => b.inBar && (!b.when || b.when(state))).map(({ label, help }) => ({ label, help }));
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
