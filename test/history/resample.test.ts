import { test } from 'node:test';
import assert from 'node:assert/strict';
import { epochScale, resample } from '../../source/history/resample.js';

test('stretching uses a whole number of columns per epoch so every epoch sits on a column', () => {
  const exact = epochScale(15, 71);
  assert.equal(exact.samples, 71);
  assert.deepEqual([0, 1, 14].map(exact.column), [0, 5, 70]);
  const uneven = epochScale(15, 60); // 59 columns after the axis / 14 steps → 4 per epoch, 3 unused
  assert.equal(uneven.samples, 57);
  assert.equal(uneven.column(14), 56);
});

test('one epoch becomes a single short segment', () => {
  const scale = epochScale(1, 50);
  assert.equal(scale.samples, 2);
  assert.equal(scale.column(0), 0);
  assert.deepEqual(resample([0.7], scale), [0.7, 0.7]);
});

test('shrinking maps epochs monotonically onto every column, first and last at the edges', () => {
  const scale = epochScale(200, 50);
  assert.equal(scale.samples, 50);
  const columns = Array.from({ length: 200 }, (_, e) => scale.column(e));
  assert.equal(columns[0], 0);
  assert.equal(columns[199], 49);
  assert.ok(columns.every((c, i) => i === 0 || c - columns[i - 1] <= 1 && c >= columns[i - 1]));
  assert.equal(new Set(columns).size, 50);
});

test('stretch interpolates linearly and a point next to a gap is a gap', () => {
  assert.deepEqual(resample([0, 1, NaN, 3], epochScale(4, 7)), [0, 0.5, 1, NaN, NaN, NaN, 3]);
});

test('shrink averages finite values per column; a column with none is a gap', () => {
  assert.deepEqual(resample([1, 2, 3, 4, NaN, NaN], epochScale(6, 3)), [1.5, 3.5, NaN]);
  assert.deepEqual(resample([1, NaN, 3, 5, 7, 9], epochScale(6, 3)), [1, 4, 8]);
});

test('fewer than 2 plot columns is a caller error', () => {
  assert.throws(() => epochScale(10, 1), RangeError);
});
