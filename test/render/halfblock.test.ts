import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ASCII_RAMP, toAnsiLines } from '../../source/render/halfblock.js';
import { createImage, setPixel, type RgbImage } from '../../source/render/image.js';
import { rgbTo16, rgbTo256 } from '../../source/render/palette.js';
import { countSgr, decode, stripAnsi } from './ansi-decode.js';

function randomImage(w: number, h: number, seed: number, colours = 0): RgbImage {
  const img = createImage(w, h);
  let s = seed;
  const next = () => (s = (s * 16807) % 2147483647);
  const pal = Array.from({ length: colours }, () => [next() % 256, next() % 256, next() % 256] as const);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    setPixel(img, x, y, colours ? pal[next() % colours] : [next() % 256, next() % 256, next() % 256]);
  }
  return img;
}

const px = (img: RgbImage, x: number, y: number) => {
  const i = (y * img.width + x) * 3;
  return [img.data[i], img.data[i + 1], img.data[i + 2]] as const;
};

test('one line per 2 pixel rows, each exactly width cells wide, reset at the end of coloured lines', () => {
  for (const [w, h] of [[1, 1], [7, 5], [160, 88], [3, 2]]) {
    for (const level of [0, 1, 2, 3] as const) {
      const lines = toAnsiLines(randomImage(w, h, w * 31 + h), level);
      assert.equal(lines.length, Math.ceil(h / 2), `${w}x${h} level ${level}`);
      for (const line of lines) {
        assert.equal([...stripAnsi(line)].length, w, `${w}x${h} level ${level}`);
        if (level > 0) assert.ok(line.endsWith('\x1b[0m'));
      }
    }
  }
});

test('exact SGR for a 1x2 image at level 3: one escape with fg = top and bg = bottom', () => {
  const img = createImage(1, 2);
  setPixel(img, 0, 0, [255, 128, 1]);
  setPixel(img, 0, 1, [0, 10, 200]);
  assert.deepEqual(toAnsiLines(img, 3), ['\x1b[38;2;255;128;1;48;2;0;10;200m▀\x1b[0m']);
});

test('odd last row: top pixel as fg over the default background', () => {
  const img = createImage(1, 3, [9, 8, 7]);
  setPixel(img, 0, 2, [1, 2, 3]);
  const lines = toAnsiLines(img, 3);
  assert.equal(lines[1], '\x1b[38;2;1;2;3m▀\x1b[0m');
  assert.deepEqual(decode(lines)[1], [['rgb:1,2,3', 'default']]);
});

test('level 3 decodes back to the exact pixels (random images, odd and even heights)', () => {
  for (const [w, h, colours] of [[13, 9, 0], [40, 12, 3], [5, 6, 1]]) {
    const img = randomImage(w, h, w + h, colours);
    const cells = decode(toAnsiLines(img, 3));
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
      assert.equal(cells[y >> 1][x][y & 1], `rgb:${px(img, x, y).join(',')}`, `${w}x${h} (${x},${y})`);
    }
  }
});

test('xterm-256 mapping: pure red 196, mid grey 244, black 16, white 231', () => {
  assert.equal(rgbTo256(255, 0, 0), 196);
  assert.equal(rgbTo256(128, 128, 128), 244); // grey ramp 8+10*12 = 128 beats cube 135
  assert.equal(rgbTo256(0, 0, 0), 16);
  assert.equal(rgbTo256(255, 255, 255), 231);
  const img = createImage(1, 2, [128, 128, 128]);
  setPixel(img, 0, 0, [255, 0, 0]);
  assert.deepEqual(toAnsiLines(img, 2), ['\x1b[38;5;196;48;5;244m▀\x1b[0m']);
});

test('xterm-256 mapping is the nearest of all cube and grey entries', () => {
  const levels = [0, 95, 135, 175, 215, 255];
  const table: [number, number, number][] = [];
  for (let i = 0; i < 216; i++) table.push([levels[Math.floor(i / 36)], levels[Math.floor(i / 6) % 6], levels[i % 6]]);
  for (let i = 0; i < 24; i++) table.push([8 + 10 * i, 8 + 10 * i, 8 + 10 * i]);
  const dist = (c: readonly number[], r: number, g: number, b: number) => (c[0] - r) ** 2 + (c[1] - g) ** 2 + (c[2] - b) ** 2;
  const img = randomImage(60, 50, 5);
  for (let i = 0; i < 3000; i++) {
    const [r, g, b] = img.data.subarray(3 * i, 3 * i + 3);
    const best = Math.min(...table.map((c) => dist(c, r, g, b)));
    assert.equal(dist(table[rgbTo256(r, g, b) - 16], r, g, b), best, `${r},${g},${b}`);
  }
});

test('level 2 and level 1 decode to the palette index of every pixel', () => {
  const img = randomImage(21, 7, 99);
  for (const [level, tag, map] of [[2, '256', rgbTo256], [1, '16', rgbTo16]] as const) {
    const cells = decode(toAnsiLines(img, level));
    for (let y = 0; y < 6; y++) for (let x = 0; x < 21; x++) {
      assert.equal(cells[y >> 1][x][y & 1], `${tag}:${map(...px(img, x, y))}`);
    }
    for (let x = 0; x < 21; x++) assert.equal(cells[3][x][1], 'default');
  }
});

test('level 1: nearest basic colour, fg and bg in one SGR (bright red 91 on blue 44)', () => {
  const img = createImage(1, 2, [0, 0, 230]);
  setPixel(img, 0, 0, [250, 10, 10]);
  assert.deepEqual(toAnsiLines(img, 1), ['\x1b[91;44m▀\x1b[0m']);
  assert.equal(rgbTo16(10, 200, 10), 2);
  assert.equal(rgbTo16(120, 120, 130), 8);
});

test('level 0: no escape codes, luminance ramp from the mean of both pixels', () => {
  const img = randomImage(30, 9, 3);
  assert.ok(toAnsiLines(img, 0).every((l) => !l.includes('\x1b')));
  const bw = createImage(3, 2, [0, 0, 0]);
  setPixel(bw, 1, 0, [255, 255, 255]); setPixel(bw, 1, 1, [255, 255, 255]);
  // grey 100 over grey 180: mean 140 falls in bin 5 of the ten equal 25.6-wide bins (128..153.6)
  setPixel(bw, 2, 0, [100, 100, 100]); setPixel(bw, 2, 1, [180, 180, 180]);
  assert.deepEqual(toAnsiLines(bw, 0), [' @' + ASCII_RAMP[5]]);
  const ramp = createImage(256, 2);
  for (let x = 0; x < 256; x++) { setPixel(ramp, x, 0, [x, x, x]); setPixel(ramp, x, 1, [x, x, x]); }
  const idx = [...toAnsiLines(ramp, 0)[0]].map((c) => ASCII_RAMP.indexOf(c));
  assert.ok(idx.every((v, i) => v >= 0 && (i === 0 || v >= idx[i - 1])), 'monotonic in brightness');
  assert.deepEqual(new Set(idx).size, ASCII_RAMP.length, 'every ramp character is used');
});

test('run-length: a uniform 100x2 image emits a single colour SGR', () => {
  for (const level of [3, 2, 1] as const) {
    const [line] = toAnsiLines(createImage(100, 2, [30, 140, 200]), level);
    assert.equal(countSgr(line), 2, `level ${level}: one colour escape plus the final reset`);
    assert.ok(line.length < 130, `level ${level}: ${line.length} chars`);
  }
});

test('SGR emitted only when a colour changes', () => {
  // four 5-px wide stripes, top and bottom differ: 4 changes, each needs one escape
  const img = createImage(20, 2);
  const cols: [number, number, number][] = [[255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 0]];
  for (let x = 0; x < 20; x++) { setPixel(img, x, 0, cols[x / 5 | 0]); setPixel(img, x, 1, cols[(x / 5 + 1) % 4 | 0]); }
  assert.equal(countSgr(toAnsiLines(img, 3)[0]), 4 + 1);
});

test('swapped halves reuse the current colours instead of a new escape', () => {
  // cell 0: red over blue; cell 1: blue over red -> drawn as the lower half block, no second SGR
  const img = createImage(2, 2);
  setPixel(img, 0, 0, [255, 0, 0]); setPixel(img, 0, 1, [0, 0, 255]);
  setPixel(img, 1, 0, [0, 0, 255]); setPixel(img, 1, 1, [255, 0, 0]);
  const [line] = toAnsiLines(img, 3);
  assert.equal(countSgr(line), 2);
  assert.deepEqual(decode([line])[0], [['rgb:255,0,0', 'rgb:0,0,255'], ['rgb:0,0,255', 'rgb:255,0,0']]);
});

test('rejects data that does not match the size', () => {
  assert.throws(() => toAnsiLines({ width: 2, height: 2, data: new Uint8Array(3) }, 3), RangeError);
});
