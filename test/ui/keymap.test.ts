import assert from 'node:assert/strict';
import { test } from 'node:test';
import { initialState, reducer } from '../../source/state/inspector.js';
import { commandFor, helpBarItems, KEYMAP, keyNameOf } from '../../source/ui/keymap.js';

const grid = initialState(5);
const zoomed = reducer(grid, { type: 'zoom', geometry: { pageCount: 1, perPage: 4, gridCols: 2, filters: 4 } });

test('the documented keys map to their commands', () => {
  assert.equal(commandFor('right', grid), 'nextLayer');
  assert.equal(commandFor('l', grid), 'nextLayer');
  assert.equal(commandFor('left', grid), 'prevLayer');
  assert.equal(commandFor('h', grid), 'prevLayer');
  assert.equal(commandFor('r', grid), 'resample');
  assert.equal(commandFor('c', grid), 'toggleCharts');
  assert.equal(commandFor('?', grid), 'toggleHelp');
  assert.equal(commandFor('q', grid), 'quit');
  assert.equal(commandFor('ctrl-c', grid), 'quit');
  assert.equal(commandFor('escape', grid), 'quit');
  assert.equal(commandFor('pageDown', grid), 'nextPage');
  assert.equal(commandFor('down', grid), 'nextPage');
  assert.equal(commandFor('return', grid), 'zoom');
  assert.equal(commandFor('z', grid), 'zoom');
  assert.equal(commandFor('x', grid), undefined);
});

test('arrows move between filters while zoomed, and Esc goes back', () => {
  assert.equal(commandFor('right', zoomed), 'moveRight');
  assert.equal(commandFor('left', zoomed), 'moveLeft');
  assert.equal(commandFor('down', zoomed), 'moveDown');
  assert.equal(commandFor('up', zoomed), 'moveUp');
  assert.equal(commandFor('escape', zoomed), 'back');
});

test('every command has a key and a help text; the bar shows only what applies', () => {
  for (const b of KEYMAP) assert.ok(b.keys.length > 0 && b.help.length > 0 && b.label.length > 0);
  const bar = helpBarItems(grid).map((i) => `${i.label} ${i.help}`);
  assert.ok(bar.includes('←→ layer'), bar.join(', '));
  assert.ok(bar.some((x) => x.endsWith('zoom')));
  assert.ok(!helpBarItems(zoomed).some((i) => i.help === 'zoom'));
});

test("Ink's key flags become key names", () => {
  assert.equal(keyNameOf('', { rightArrow: true }), 'right');
  assert.equal(keyNameOf('c', { ctrl: true }), 'ctrl-c');
  assert.equal(keyNameOf('', { pageDown: true }), 'pageDown');
  assert.equal(keyNameOf('r', {}), 'r');
});
