import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layoutGrid, pageRange } from '../../source/render/grid-layout.js';

// Expected sizes below were worked out by hand: k tiles of w px need k*w + (k-1) columns,
// and k tiles of h px need k*ceil(h/2) + (k-1) text rows.
const pick = (l: ReturnType<typeof layoutGrid>) =>
  [l.tilePxW, l.tilePxH, l.gridCols, l.gridRows, l.pageCount];

test('160x40 cells: 32 filters of 148 px -> 18 px tiles in 8x4 (19 px would need 10 rows each)', () => {
  const l = layoutGrid(32, 148, 148, 160, 40);
  assert.deepEqual(pick(l), [18, 18, 8, 4, 1]);
  assert.equal(l.tileRows, 9);
  assert.equal(l.widthCells, 8 * 18 + 7);
  assert.equal(l.heightCells, 4 * 9 + 3);
  assert.equal(l.fitsAtAll, true);
});

test('160x40 cells: 16 filters of 148 px -> 24 px tiles in 6x3', () => {
  assert.deepEqual(pick(layoutGrid(16, 148, 148, 160, 40)), [24, 24, 6, 3, 1]);
});

test('160x40 cells: 64 filters of 36 px -> 11 px tiles (odd height takes 6 rows) in 13x5', () => {
  const l = layoutGrid(64, 36, 36, 160, 40);
  assert.deepEqual(pick(l), [11, 11, 13, 5, 1]);
  assert.equal(l.tileRows, 6);
  assert.equal(l.heightCells, 5 * 6 + 4);
});

test('80x24 cells: 32 of 74 px -> 9 px in 8x4; 64 of 36 px -> 6 px in 11x6', () => {
  assert.deepEqual(pick(layoutGrid(32, 74, 74, 80, 24)), [9, 9, 8, 4, 1]);
  assert.deepEqual(pick(layoutGrid(64, 36, 36, 80, 24)), [6, 6, 11, 6, 1]);
});

test('balanced grid: 16 tiles that could go 5 wide are laid out 4x4', () => {
  // 7 px tiles (maxScale 1) in 40x30 cells: 5 fit across (5*7+4 = 39), 6 down; 16 = 5+5+5+1 unbalanced
  const l = layoutGrid(16, 7, 7, 40, 30, { maxScale: 1 });
  assert.equal(l.tilePxW, 7);
  assert.deepEqual([l.gridCols, l.gridRows, l.perPage], [4, 4, 16]);
  assert.equal(l.widthCells, 4 * 7 + 3);
});

test('one filter fills the area but is never enlarged beyond maxScale', () => {
  // 148 px source at 160x40: height limit 40 rows = 80 px
  assert.deepEqual(pick(layoutGrid(1, 148, 148, 160, 40)), [80, 80, 1, 1, 1]);
  // 7 px source: 4x cap = 28 px, even though 80 would fit
  assert.deepEqual(pick(layoutGrid(1, 7, 7, 160, 40)), [28, 28, 1, 1, 1]);
  assert.deepEqual(pick(layoutGrid(1, 7, 7, 160, 40, { maxScale: 2 })), [14, 14, 1, 1, 1]);
});

test('non-square sources keep their aspect ratio', () => {
  const l = layoutGrid(1, 20, 10, 30, 10); // width-limited: 30 x 15 px, 8 rows
  assert.deepEqual([l.tilePxW, l.tilePxH, l.tileRows], [30, 15, 8]);
});

/** Cells covered by a full page of square s-px tiles (1-cell gaps, 2 px per text row), computed here by hand. */
function filled(s: number, cols: number, rows: number): number {
  const across = Math.floor((cols + 1) / (s + 1)), down = Math.floor((rows + 1) / (Math.ceil(s / 2) + 1));
  return across * down === 0 ? 0 : (across * (s + 1) - 1) * (down * (Math.ceil(s / 2) + 1) - 1);
}

test('paginates with the tile size (minimum to twice it) that fills the window best', () => {
  // 128 tiles of 36 px in 80x24: 6 px tiles fill 76x23 cells (66 per page); 8 px tiles 9 across and 5 down
  // fill all 80x24, so pages of 45 at 8 px.
  const l = layoutGrid(128, 36, 36, 80, 24);
  assert.deepEqual(pick(l), [8, 8, 9, 5, 3]);
  assert.equal(filled(8, 80, 24), 80 * 24);
  assert.deepEqual(pageRange(l, 0), { page: 0, start: 0, end: 45 });
  assert.deepEqual(pageRange(l, 2), { page: 2, start: 90, end: 128 });
});

test('pageRange clamps pages and covers every filter exactly once', () => {
  const l = layoutGrid(64, 36, 36, 40, 12);
  assert.ok(l.pageCount > 1);
  assert.equal(l.pageCount, Math.ceil(64 / l.perPage));
  const last = l.pageCount - 1;
  assert.deepEqual(pageRange(l, last), { page: last, start: last * l.perPage, end: 64 });
  assert.deepEqual(pageRange(l, 99), pageRange(l, last));
  assert.deepEqual(pageRange(l, -3), pageRange(l, 0));
  const seen: number[] = [];
  for (let p = 0; p < l.pageCount; p++) {
    const { start, end } = pageRange(l, p);
    for (let i = start; i < end; i++) seen.push(i);
  }
  assert.deepEqual(seen, Array.from({ length: 64 }, (_, i) => i));
});

test('too small: fitsAtAll is false below one minimum tile, true at exactly one', () => {
  for (const [c, r] of [[5, 40], [160, 2], [0, 0]]) {
    const l = layoutGrid(32, 148, 148, c, r);
    assert.equal(l.fitsAtAll, false, `${c}x${r}`);
    assert.equal(l.pageCount, 0);
    assert.deepEqual(pageRange(l, 0), { page: 0, start: 0, end: 0 });
  }
  const one = layoutGrid(32, 148, 148, 6, 3);
  assert.equal(one.fitsAtAll, true);
  assert.deepEqual([one.tilePxW, one.perPage, one.pageCount], [6, 1, 32]);
});

test('sources smaller than the minimum are still shown (minimum clamps to the 4x-upscaled size)', () => {
  // a 1x1 map (e.g. after heavy pooling) has a 4 px minimum: 4 cols x 2 rows is enough, 3 cols is not
  const l = layoutGrid(4, 1, 1, 4, 2);
  assert.deepEqual([l.fitsAtAll, l.tilePxW, l.tilePxH, l.perPage], [true, 4, 4, 1]);
  assert.equal(layoutGrid(4, 1, 1, 3, 2).fitsAtAll, false);
});

test('property: layouts fit the area, and a 1 px bigger tile would not fit all filters', () => {
  let seed = 7;
  const rnd = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
  for (let k = 0; k < 500; k++) {
    const count = 1 + rnd(128), src = 1 + rnd(160), cols = rnd(200), rows = rnd(60);
    const l = layoutGrid(count, src, src, cols, rows);
    const minSide = Math.min(6, src * 4);
    if (!l.fitsAtAll) { assert.ok(cols < minSide || rows < Math.ceil(minSide / 2), `${cols}x${rows}`); continue; }
    assert.ok(l.widthCells <= cols && l.heightCells <= rows, JSON.stringify(l));
    assert.ok(l.tilePxW <= src * 4);
    if (l.pageCount === 1) {
      assert.ok(l.perPage >= count && l.perPage - l.gridCols < count, 'no empty last row');
      const t = l.tilePxW + 1;
      const across = Math.floor((cols + 1) / (t + 1)), down = Math.floor((rows + 1) / (Math.ceil(t / 2) + 1));
      assert.ok(t > src * 4 || across * down < count, `bigger tile ${t} also fits: ${JSON.stringify(l)}`);
    } else {
      assert.ok(l.tilePxW >= minSide);
      assert.equal(l.pageCount, Math.ceil(count / l.perPage));
      assert.ok(l.tilePxW <= 2 * minSide);
      for (let t = minSide; t <= Math.min(src * 4, 2 * minSide); t++) assert.ok(filled(t, cols, rows) <= filled(l.tilePxW, cols, rows), `size ${t} fills more than ${l.tilePxW}`);
    }
  }
});
