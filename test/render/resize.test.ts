import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resizeGray } from '../../source/render/resize.js';

test('same size returns an equal copy', () => {
  const src = new Uint8Array([1, 2, 3, 4]);
  const out = resizeGray(src, 2, 2, 2, 2);
  assert.deepEqual(out, src);
  assert.notEqual(out, src);
});

test('halving averages each 2x2 block', () => {
  const src = new Uint8Array([
    0, 10, 100, 100,
    20, 30, 100, 101,
    255, 255, 0, 0,
    255, 255, 0, 3,
  ]);
  // (0+10+20+30)/4 = 15, (100+100+100+101)/4 = 100.25, 255, 0.75 -> rounded
  assert.deepEqual([...resizeGray(src, 4, 4, 2, 2)], [15, 100, 255, 1]);
});

test('non-integer shrink weights partial pixels by overlap (3 -> 2)', () => {
  // dst 0 covers src [0, 1.5): (0*1 + 90*0.5) / 1.5 = 30 ; dst 1 covers [1.5, 3): (90*0.5 + 180) / 1.5 = 150
  assert.deepEqual([...resizeGray(new Uint8Array([0, 90, 180]), 3, 1, 2, 1)], [30, 150]);
});

test('a single bright pixel survives shrinking as a dimmer pixel, not dropped', () => {
  const src = new Uint8Array(16);
  src[5] = 240; // (1,1) in a 4x4 image
  const out = resizeGray(src, 4, 4, 2, 2);
  assert.deepEqual([...out], [60, 0, 0, 0]);
});

test('enlarging uses nearest neighbour (no blended values)', () => {
  assert.deepEqual([...resizeGray(new Uint8Array([10, 200]), 2, 1, 4, 1)], [10, 10, 200, 200]);
  assert.deepEqual([...resizeGray(new Uint8Array([10, 200]), 2, 1, 3, 1)], [10, 200, 200]);
  const up = resizeGray(new Uint8Array([1, 2, 3, 4]), 2, 2, 4, 4);
  assert.deepEqual([...up], [1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4]);
});

test('148 -> 18 keeps the mean of a random image (area average preserves brightness)', () => {
  let seed = 11;
  const src = new Uint8Array(148 * 148).map(() => (seed = (seed * 16807) % 2147483647) % 256);
  const mean = (a: Uint8Array) => a.reduce((s, v) => s + v, 0) / a.length;
  const out = resizeGray(src, 148, 148, 18, 18);
  assert.equal(out.length, 18 * 18);
  assert.ok(Math.abs(mean(out) - mean(src)) < 0.6, `${mean(out)} vs ${mean(src)}`);
});

test('rejects a source of the wrong length', () => {
  assert.throws(() => resizeGray(new Uint8Array(3), 2, 2, 1, 1), RangeError);
});
