import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getColormap } from '../../source/render/colormap.js';
import { BACKGROUND, DEAD_FILL, DEAD_MARK, composeGrid, composeSingle } from '../../source/render/compose-grid.js';
import { layoutGrid } from '../../source/render/grid-layout.js';
import { getPixel } from '../../source/render/image.js';

const viridis = getColormap('viridis');
const lutAt = (lut: Uint8Array, v: number) => [lut[3 * v], lut[3 * v + 1], lut[3 * v + 2]];
const flat = (v: number, n = 16) => ({ pixels: new Uint8Array(n).fill(v), dead: false });
const dead = (n = 16) => ({ pixels: new Uint8Array(n), dead: true });

// 5 filters of 4x4 px, no upscaling, in 20x10 cells: 4 fit across, balanced to 3 cols x 2 rows of 4 px
// tiles (2 text rows each) -> 3*4+2 = 14 px wide, (2*2+1) cells = 10 px tall. Tile (c, r) is at (5c, 6r).
const layout = layoutGrid(5, 4, 4, 20, 10, { maxScale: 1 });

test('layout used by these tests is the one worked out by hand', () => {
  assert.deepEqual([layout.tilePxW, layout.gridCols, layout.gridRows, layout.widthCells, layout.heightCells],
    [4, 3, 2, 14, 5]);
});

test('image size is the layout in cells, 2 px per text row', () => {
  const img = composeGrid([flat(1), flat(2), flat(3), flat(4), flat(5)], 4, 4, layout, 0, viridis);
  assert.deepEqual([img.width, img.height, img.data.length], [14, 10, 14 * 10 * 3]);
});

test('colormap applied: all-255 tile is the LUT last entry, all-0 the first, per tile position', () => {
  const img = composeGrid([flat(255), flat(0), flat(128), flat(255), flat(7)], 4, 4, layout, 0, viridis);
  const check = (c: number, r: number, v: number) => {
    for (let y = 0; y < 4; y++) for (let x = 0; x < 4; x++) {
      assert.deepEqual(getPixel(img, 5 * c + x, 6 * r + y), lutAt(viridis, v), `tile ${c},${r} px ${x},${y}`);
    }
  };
  check(0, 0, 255); check(1, 0, 0); check(2, 0, 128); check(0, 1, 255); check(1, 1, 7);
  assert.deepEqual(lutAt(viridis, 255), [0xfd, 0xe7, 0x25]);
});

test('gaps between tiles and the empty last slot are background', () => {
  const img = composeGrid([flat(255), flat(255), flat(255), flat(255), flat(255)], 4, 4, layout, 0, viridis);
  for (let y = 0; y < img.height; y++) {
    assert.deepEqual(getPixel(img, 4, y), [...BACKGROUND], `gap column x=4 y=${y}`);
    assert.deepEqual(getPixel(img, 9, y), [...BACKGROUND], `gap column x=9 y=${y}`);
  }
  for (let x = 0; x < img.width; x++) {
    assert.deepEqual(getPixel(img, x, 4), [...BACKGROUND]); // gap text row = pixel rows 4 and 5
    assert.deepEqual(getPixel(img, x, 5), [...BACKGROUND]);
  }
  for (let y = 6; y < 10; y++) for (let x = 10; x < 14; x++) assert.deepEqual(getPixel(img, x, y), [...BACKGROUND]);
});

test('a dead filter is a flat tile with a diagonal cross, unlike any colormap entry', () => {
  const img = composeGrid([flat(0), dead(), flat(0), flat(0), flat(0)], 4, 4, layout, 0, viridis);
  const px = (x: number, y: number) => getPixel(img, 5 + x, y);
  for (let i = 0; i < 4; i++) {
    assert.deepEqual(px(i, i), [...DEAD_MARK], `diagonal ${i}`);
    assert.deepEqual(px(3 - i, i), [...DEAD_MARK], `anti-diagonal ${i}`);
  }
  assert.deepEqual(px(1, 0), [...DEAD_FILL]);
  assert.deepEqual(px(0, 1), [...DEAD_FILL]);
  const lutColours = new Set(Array.from({ length: 256 }, (_, v) => lutAt(viridis, v).join()));
  assert.ok(!lutColours.has(DEAD_MARK.join()) && !lutColours.has(DEAD_FILL.join()));
  // a live all-zero tile next to it carries no marker
  for (let y = 0; y < 4; y++) for (let x = 0; x < 4; x++) assert.deepEqual(getPixel(img, x, y), lutAt(viridis, 0));
});

test('dead marker is drawn on large tiles too, corner to corner', () => {
  const l = layoutGrid(1, 148, 148, 160, 40); // one 80 px tile
  const img = composeGrid([dead(148 * 148)], 148, 148, l, 0, viridis);
  let marks = 0;
  for (let y = 0; y < 80; y++) for (let x = 0; x < 80; x++) if (getPixel(img, x, y).join() === DEAD_MARK.join()) marks++;
  assert.equal(marks, 160); // two 80 px diagonals; even size so they never share a pixel
  assert.deepEqual(getPixel(img, 79, 0), [...DEAD_MARK]);
  assert.deepEqual(getPixel(img, 79, 79), [...DEAD_MARK]);
});

test('tiles are resized to the tile size (148 px shrunk to the layout size)', () => {
  const l = layoutGrid(2, 148, 148, 80, 24);
  const left = new Uint8Array(148 * 148);
  for (let y = 0; y < 148; y++) for (let x = 74; x < 148; x++) left[y * 148 + x] = 255; // right half bright
  const img = composeGrid([{ pixels: left, dead: false }, flat(9, 148 * 148)], 148, 148, l, 0, viridis);
  const t = l.tilePxW;
  assert.equal(t, 39); // 2*39+1 = 79 cols; 40 px would need 81
  assert.deepEqual(getPixel(img, 0, 0), lutAt(viridis, 0));
  assert.deepEqual(getPixel(img, t - 1, t - 1), lutAt(viridis, 255));
  assert.deepEqual(getPixel(img, t + 1, 0), lutAt(viridis, 9)); // second tile after a 1 px gap
});

test('page 1 shows the filters after the first page', () => {
  const l = layoutGrid(3, 4, 4, 4, 2, { maxScale: 1 }); // room for exactly one tile: 3 pages
  assert.equal(l.pageCount, 3);
  const img = composeGrid([flat(10), flat(20), flat(30)], 4, 4, l, 1, viridis);
  assert.deepEqual([img.width, img.height], [4, 4]);
  assert.deepEqual(getPixel(img, 2, 2), lutAt(viridis, 20));
});

test('odd tile heights leave a background row under each tile', () => {
  const l = layoutGrid(2, 3, 3, 20, 10, { maxScale: 1 }); // 3 px tiles take 2 text rows = 4 px
  const img = composeGrid([flat(255, 9), flat(255, 9)], 3, 3, l, 0, viridis);
  assert.equal(img.height, 4);
  assert.deepEqual(getPixel(img, 0, 2), lutAt(viridis, 255));
  assert.deepEqual(getPixel(img, 0, 3), [...BACKGROUND]);
});

test('composeSingle fits the area keeping aspect: 148x148 into 80x24 cells is 48x48 px', () => {
  const img = composeSingle(flat(255, 148 * 148), 148, 148, 80, 24, viridis);
  assert.deepEqual([img.width, img.height], [48, 48]);
  assert.deepEqual(getPixel(img, 47, 47), lutAt(viridis, 255));
});

test('composeSingle enlarges small maps with crisp blocks', () => {
  // 3x3 into 30x15 cells (30x30 px): each source pixel becomes a 10x10 block
  const px = new Uint8Array([0, 50, 100, 150, 200, 250, 1, 2, 3]);
  const img = composeSingle({ pixels: px, dead: false }, 3, 3, 30, 15, getColormap('gray'));
  assert.deepEqual([img.width, img.height], [30, 30]);
  assert.deepEqual(getPixel(img, 10, 0), [50, 50, 50]);
  assert.deepEqual(getPixel(img, 19, 9), [50, 50, 50]);
  assert.deepEqual(getPixel(img, 20, 10), [250, 250, 250]);
  const wide = composeSingle(dead(8), 4, 2, 40, 40, viridis); // width-limited: 40x20
  assert.deepEqual([wide.width, wide.height], [40, 20]);
  assert.deepEqual(getPixel(wide, 0, 0), [...DEAD_MARK]);
});
