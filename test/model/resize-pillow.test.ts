// model/resize.ts against Pillow without Python: source indices Pillow 12's Image.resize(NEAREST) picks, recorded
// once from Pillow (Image.fromarray(np.arange(n)[None], 'L').resize((m, 1), Image.NEAREST)).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resize } from '../../source/model/resize.js';

const ramp = (n: number) => ({ width: n, height: 1, channels: 1, data: Uint8Array.from({ length: n }, (_, i) => i) });
const nearest = (from: number, to: number) => [...resize(ramp(from), to, 1, 'nearest').data];

test('nearest upscaling follows Pillow\'s running sum, not floor((x + 0.5) · scale)', () => {
  // 100 → 150: x = 4 is 1/3 + 4 · 2/3 = 2.9999999999999996 in doubles, so Pillow takes pixel 2, not 3.
  const pillow = [0,1,1,2,2,3,4,5,5,6,7,7,8,9,9,10,10,11,12,12,13,14,14,15,16,16,17,18,19,19,20,21,21,22,23,23,24,25,25,26,27,27,28,29,29,30,31,31,32,33,33,34,35,35,36,37,37,38,39,39,40,40,41,42,42,43,44,44,45,46,46,47,48,48,49,50,50,51,52,52,53,54,54,55,56,56,57,58,58,59,60,60,61,62,62,63,64,64,65,66,66,67,68,68,69,70,70,71,72,72,73,74,74,75,76,77,77,78,79,79,80,81,81,82,83,83,84,85,85,86,87,87,88,89,89,90,91,91,92,93,93,94,95,95,96,97,97,98,99,99];
  assert.deepEqual(nearest(100, 150), pillow);
  assert.equal(pillow[4], 2);
});

test('nearest resizing matches Pillow on small odd cases, in both directions', () => {
  assert.deepEqual(nearest(3, 7), [0, 0, 1, 1, 1, 2, 2]);
  assert.deepEqual(nearest(10, 4), [1, 3, 6, 8]);
});

test('nearest resizing works per axis on multi-channel images', () => {
  const src = { width: 2, height: 3, channels: 2, data: Uint8Array.from({ length: 12 }, (_, i) => i) };
  const out = resize(src, 3, 2, 'nearest');
  // x: 2 → 3 samples 1/3, 1, 5/3 → columns 0, 1, 1; y: 3 → 2 samples 0.75, 2.25 → rows 0, 2 (Pillow, LA mode).
  assert.deepEqual([...out.data], [0, 1, 2, 3, 2, 3, 8, 9, 10, 11, 10, 11]);
});
