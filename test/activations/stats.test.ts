import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countDeadFilters, layerStats } from '../../source/activations/stats.js';
import { predictionOf } from '../../source/activations/prediction.js';

test('sparsity counts exact zeros; dead filters are constant maps', () => {
  // 2×2 map, 3 filters (channels-last): filter 0 varies, filter 1 all 0, filter 2 all 5.
  const data = new Float32Array([1, 0, 5, 2, 0, 5, 0, 0, 5, 3, 0, 5]);
  const s = layerStats(data, [2, 2, 3]);
  assert.equal(s.sparsity, 5 / 12);
  assert.equal(s.filters, 3);
  assert.equal(s.deadFilters, 2);
  assert.deepEqual([s.min, s.max], [0, 5]);
  assert.equal(s.mean, 26 / 12);
});

test('vectors have no filters', () => {
  const s = layerStats(new Float32Array([0, 1, 0, 3]), [4]);
  assert.deepEqual([s.filters, s.deadFilters, s.sparsity], [null, null, 0.5]);
});

test('a NaN map is dead, a single differing pixel is alive', () => {
  assert.equal(countDeadFilters(new Float32Array([NaN, NaN]), 2, 1), 1);
  assert.equal(countDeadFilters(new Float32Array([0, 0, 0, 1e-7]), 4, 1), 0);
});

test('a sigmoid output becomes a label and its probability', () => {
  assert.deepEqual(predictionOf(new Float32Array([0.93]), ['cats', 'dogs']), { label: 'dogs', classIndex: 1, probability: 0.9300000071525574, raw: [0.9300000071525574] });
  const cat = predictionOf(new Float32Array([0.25]), ['cats', 'dogs']);
  assert.deepEqual([cat.label, cat.probability], ['cats', 0.75]);
  assert.equal(predictionOf(new Float32Array([0.1, 0.7, 0.2]), ['a', 'b', 'c']).label, 'b');
});
