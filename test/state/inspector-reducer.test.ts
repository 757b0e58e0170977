import assert from 'node:assert/strict';
import { test } from 'node:test';
import { initialState, reducer, type LayerGeometry } from '../../source/state/inspector.js';

const geometry: LayerGeometry = { pageCount: 3, perPage: 6, gridCols: 3, filters: 16 };

test('layer stepping is clamped and resets page and zoom', () => {
  let s = initialState(9);
  s = reducer(s, { type: 'prevLayer' });
  assert.equal(s.layer, 0);
  s = reducer(s, { type: 'nextPage', geometry });
  s = reducer(s, { type: 'zoom', geometry });
  assert.equal(s.page, 1);
  assert.equal(s.zoom, 6, 'zoom starts on the first filter of the page');
  s = reducer(s, { type: 'back' });
  s = reducer(s, { type: 'nextLayer' });
  assert.deepEqual([s.layer, s.page, s.zoom], [1, 0, null]);
  for (let i = 0; i < 20; i++) s = reducer(s, { type: 'nextLayer' });
  assert.equal(s.layer, 8);
});

test('pages stay within the page count, also after the window grows', () => {
  let s = initialState(3);
  for (let i = 0; i < 5; i++) s = reducer(s, { type: 'nextPage', geometry });
  assert.equal(s.page, 2);
  s = reducer(s, { type: 'clampPage', geometry: { ...geometry, pageCount: 1 } });
  assert.equal(s.page, 0);
  s = reducer(s, { type: 'prevPage', geometry });
  assert.equal(s.page, 0);
});

test('moving while zoomed walks the grid and follows pages', () => {
  let s = reducer(initialState(2), { type: 'zoom', geometry });
  s = reducer(s, { type: 'move', dx: 0, dy: 1, geometry });
  assert.equal(s.zoom, 3, 'down = one grid row');
  s = reducer(s, { type: 'move', dx: 0, dy: 1, geometry });
  s = reducer(s, { type: 'move', dx: 1, dy: 0, geometry });
  assert.equal(s.zoom, 7);
  assert.equal(s.page, 1, 'filter 7 is on the second page of 6');
  s = reducer(s, { type: 'move', dx: 100, dy: 0, geometry });
  assert.equal(s.zoom, 15);
  s = reducer(s, { type: 'move', dx: -100, dy: 0, geometry });
  assert.equal(s.zoom, 0);
});

test('zoom needs filters; vector layers ignore it', () => {
  const s = reducer(initialState(2), { type: 'zoom', geometry: { ...geometry, filters: 0 } });
  assert.equal(s.zoom, null);
});

test('Esc backs out one level at a time, then quits', () => {
  let s = reducer(initialState(2), { type: 'toggleCharts' });
  s = reducer(s, { type: 'toggleHelp' });
  s = reducer(s, { type: 'back' });
  assert.deepEqual([s.help, s.view, s.quit], [false, 'charts', false]);
  s = reducer(s, { type: 'back' });
  assert.deepEqual([s.view, s.quit], ['maps', false]);
  s = reducer(s, { type: 'back' });
  assert.equal(s.quit, true);
});

test('resample asks for a new image and leaves zoom', () => {
  let s = reducer(initialState(2), { type: 'zoom', geometry });
  s = reducer(s, { type: 'resample' });
  assert.deepEqual([s.sampleRequest, s.zoom], [1, null]);
});
