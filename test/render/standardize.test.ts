import { test } from 'node:test';
import assert from 'node:assert/strict';
import { standardizeAll, standardizeFilter } from '../../source/render/standardize.js';

test('hand-computed 2x2 example: mean 2.5, std sqrt(1.25), values truncated not rounded', () => {
  // z = (-1.5, -0.5, 0.5, 1.5) / 1.1180 -> *64+128 = 42.13, 99.38, 156.62, 213.87
  const r = standardizeFilter(new Float32Array([1, 2, 3, 4]), 2, 2, 1, 0);
  assert.equal(r.dead, false);
  assert.equal(r.mean, 2.5);
  assert.ok(Math.abs(r.std - Math.sqrt(1.25)) < 1e-12);
  assert.deepEqual([...r.pixels], [42, 99, 156, 213]);
});

test('clips above 255: nine 0s and one 10 (mean 1, std 3)', () => {
  // 0 -> -1/3*64+128 = 106.67 ; 10 -> 3*64+128 = 320 -> 255
  const r = standardizeFilter(new Float32Array([0, 0, 0, 0, 0, 0, 0, 0, 0, 10]), 1, 10, 1, 0);
  assert.equal(r.std, 3);
  assert.deepEqual([...r.pixels], [106, 106, 106, 106, 106, 106, 106, 106, 106, 255]);
});

test('clips below 0: nine 10s and one 0 (mean 9, std 3)', () => {
  // 10 -> 1/3*64+128 = 149.33 ; 0 -> -3*64+128 = -64 -> 0
  const r = standardizeFilter(new Float32Array([10, 10, 10, 10, 10, 0, 10, 10, 10, 10]), 2, 5, 1, 0);
  assert.deepEqual([...r.pixels], [149, 149, 149, 149, 149, 0, 149, 149, 149, 149]);
});

test('result does not depend on the offset or scale of the input', () => {
  const a = standardizeFilter(new Float32Array([1, 2, 3, 4]), 2, 2, 1, 0).pixels;
  const b = standardizeFilter(new Float32Array([-50, 0, 50, 100]), 2, 2, 1, 0).pixels;
  assert.deepEqual(b, a);
});

test('reads channel c from channels-last layout', () => {
  // H=1, W=4, C=3: channel 0 = 1,2,3,4 ; channel 1 constant ; channel 2 = 4,3,2,1
  const data = new Float32Array([1, 7, 4, 2, 7, 3, 3, 7, 2, 4, 7, 1]);
  const all = standardizeAll(data, 1, 4, 3);
  assert.equal(all.length, 3);
  assert.deepEqual([...all[0].pixels], [42, 99, 156, 213]);
  assert.equal(all[1].dead, true);
  assert.deepEqual([...all[2].pixels], [213, 156, 99, 42]);
  assert.deepEqual(standardizeFilter(data, 1, 4, 3, 2), all[2]);
});

test('std = 0 (constant filter, e.g. dead ReLU) is dead with all-zero pixels', () => {
  for (const v of [0, 5, -3.5]) {
    const r = standardizeFilter(new Float32Array(9).fill(v), 3, 3, 1, 0);
    assert.equal(r.dead, true);
    assert.equal(r.std, 0);
    assert.equal(r.mean, v);
    assert.deepEqual([...r.pixels], new Array(9).fill(0));
  }
});

test('NaN or Inf anywhere makes the filter dead, never NaN in the outputs', () => {
  for (const bad of [NaN, Infinity, -Infinity]) {
    const r = standardizeFilter(new Float32Array([1, bad, 3, 4]), 2, 2, 1, 0);
    assert.equal(r.dead, true, String(bad));
    assert.deepEqual([...r.pixels], [0, 0, 0, 0]);
    assert.ok(Number.isFinite(r.mean) && Number.isFinite(r.std), String(bad));
    assert.ok(Math.abs(r.mean - 8 / 3) < 1e-12); // over the finite values 1, 3, 4
  }
  const allNaN = standardizeFilter(new Float32Array([NaN, NaN]), 1, 2, 1, 0);
  assert.deepEqual({ ...allNaN, pixels: [...allNaN.pixels] }, { pixels: [0, 0], dead: true, mean: 0, std: 0 });
});

test('mean and std are accumulated in float64', () => {
  // 2^24 + 1 rounds back to 2^24 in float32, so a float32 running sum would drop the three 1s.
  const r = standardizeFilter(new Float32Array([2 ** 24, 1, 1, 1]), 1, 4, 1, 0);
  assert.equal(r.mean, (2 ** 24 + 3) / 4);
});

test('output of a large random filter spans the expected range around 128', () => {
  let seed = 1;
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const data = new Float32Array(64 * 64).map(() => rand() * 10 - 3);
  const { pixels, dead } = standardizeFilter(data, 64, 64, 1, 0);
  assert.equal(dead, false);
  const m = pixels.reduce((a, b) => a + b, 0) / pixels.length;
  assert.ok(Math.abs(m - 127.5) < 2, `mean ${m}`); // truncation shifts the mean down by ~0.5
});

test('rejects mismatched shapes and bad channel indices', () => {
  assert.throws(() => standardizeFilter(new Float32Array(5), 2, 2, 1, 0), RangeError);
  assert.throws(() => standardizeFilter(new Float32Array(4), 2, 2, 1, 1), RangeError);
  assert.throws(() => standardizeAll(new Float32Array(0), 0, 2, 1), RangeError);
});
