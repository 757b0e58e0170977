import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getColormap } from '../../source/render/colormap.js';
import { BACKGROUND, DEAD_FILL } from '../../source/render/compose-grid.js';
import { toAnsiLines } from '../../source/render/halfblock.js';
import { getPixel } from '../../source/render/image.js';
import { SPARK_CHARS, sparkBars, vectorStrip } from '../../source/render/vector-strip.js';
import { stripAnsi } from './ansi-decode.js';

const gray = getColormap('gray');
const shade = (img: Parameters<typeof getPixel>[0], x: number, y: number) => getPixel(img, x, y)[0];

test('values are standardised with the filter formula: 1,2,3,4 -> 42,99,156,213', () => {
  // same hand-computed numbers as the standardize tests; here widened to fill 8 cells, 2 px per value
  const s = vectorStrip(new Float32Array([1, 2, 3, 4]), 8, gray);
  assert.deepEqual([s.image.width, s.image.height, s.pixelsPerValue, s.valuesPerPixel], [8, 1, 2, 1]);
  assert.deepEqual(Array.from({ length: 8 }, (_, x) => shade(s.image, x, 0)), [42, 42, 99, 99, 156, 156, 213, 213]);
  assert.equal(s.mean, 2.5);
});

test('laid out row-major, width pixels per row, last row padded with background', () => {
  const v = new Float32Array(10).map((_, i) => i);
  const s = vectorStrip(v, 4, gray); // rows: 0-3, 4-7, 8-9 + 2 background
  assert.deepEqual([s.image.width, s.image.height], [4, 3]);
  const row0 = [0, 1, 2, 3].map((x) => shade(s.image, x, 0));
  assert.ok(row0.every((p, i) => i === 0 || p > row0[i - 1]), 'increasing along the row');
  assert.ok(shade(s.image, 0, 1) > shade(s.image, 3, 0), 'row 1 continues after row 0');
  assert.deepEqual(getPixel(s.image, 2, 2), [...BACKGROUND]);
  assert.deepEqual(getPixel(s.image, 3, 2), [...BACKGROUND]);
});

test('Flatten-sized vector (18496) is area-averaged to fit width x maxRows', () => {
  const v = new Float32Array(18496);
  for (let i = 0; i < v.length; i++) v[i] = i < 9248 ? -1 : 1; // first half low, second half high
  const s = vectorStrip(v, 80, gray, 8); // capacity 80 x 16 px = 1280 -> 15 values per pixel
  assert.equal(s.valuesPerPixel, 15);
  assert.equal(s.image.width, 80);
  assert.equal(s.image.height, Math.ceil(Math.ceil(18496 / 15) / 80));
  assert.ok(s.image.height <= 16);
  // -1 -> z=-1 -> 64, +1 -> 192; the pixel straddling the halves (values 9240..9254) averages both
  assert.equal(shade(s.image, 0, 0), 64);
  assert.equal(shade(s.image, 1232 % 80, Math.floor(1232 / 80)), 192);
  const straddle = 616; // covers indices 9240..9254: 8 low and 7 high -> (8*64 + 7*192) / 15 = 123.7
  assert.equal(shade(s.image, straddle % 80, Math.floor(straddle / 80)), 124);
  const lines = toAnsiLines(s.image, 3);
  assert.equal(lines.length, Math.ceil(s.image.height / 2));
  assert.ok(lines.every((l) => stripAnsi(l).length === 80));
});

test('a constant vector is dead and drawn flat in the dead colour', () => {
  const s = vectorStrip(new Float32Array(512).fill(0.5), 64, getColormap('viridis'));
  assert.equal(s.dead, true);
  assert.deepEqual(getPixel(s.image, 10, 3), [...DEAD_FILL]);
});

test('empty vector gives an empty image', () => {
  const s = vectorStrip(new Float32Array(0), 40, gray);
  assert.deepEqual([s.image.width, s.image.height], [0, 0]);
});

test('sparkBars: one bar per value from min to max', () => {
  assert.equal(sparkBars([0, 1, 2, 3, 4, 5, 6, 7], 20), SPARK_CHARS);
  assert.equal(sparkBars([7, 0], 20), '█▁');
  assert.equal(sparkBars([-3, 3, 0], 20), '▁█' + SPARK_CHARS[4]); // 0 is midway: round(3.5) = 4
});

test('sparkBars: long vectors are averaged into width buckets', () => {
  const v = [...new Array(256).fill(0), ...new Array(256).fill(10)]; // Dense(512)-like
  const s = sparkBars(v, 32);
  assert.equal(s.length, 32);
  assert.equal(s, '▁'.repeat(16) + '█'.repeat(16));
  // buckets of 3: means 1, 4, 7
  assert.equal(sparkBars([0, 1, 2, 3, 4, 5, 6, 7, 8], 3), '▁' + SPARK_CHARS[4] + '█');
});

test('sparkBars: explicit range, single values, flat input, NaN and zero width', () => {
  assert.equal(sparkBars([0.73], 10, [0, 1]), SPARK_CHARS[5]); // Dense(1) sigmoid: round(0.73*7) = 5
  assert.equal(sparkBars([0.73], 10).length, 1);
  assert.equal(sparkBars([2, 2, 2], 10), SPARK_CHARS[3].repeat(3));
  assert.equal(sparkBars([0, NaN, 1], 10), '▁ █');
  assert.equal(sparkBars([5, 20], 10, [0, 10]), SPARK_CHARS[4] + '█'); // clamped to the range
  assert.equal(sparkBars([1, 2], 0), '');
});
