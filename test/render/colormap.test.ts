import { test } from 'node:test';
import assert from 'node:assert/strict';
import { colormapNames, getColormap, isColormapName } from '../../source/render/colormap.js';

const hexAt = (lut: Uint8Array, i: number) =>
  '#' + [lut[3 * i], lut[3 * i + 1], lut[3 * i + 2]].map((v) => v.toString(16).padStart(2, '0')).join('');

// Reference values from matplotlib 3.11.2: colors.to_hex(colormaps[name](i)) for i = 0, 64, 128, 255.
const reference: Record<string, string[]> = {
  viridis: ['#440154', '#3b528b', '#21918c', '#fde725'],
  magma: ['#000004', '#51127c', '#b73779', '#fcfdbf'],
  inferno: ['#000004', '#57106e', '#bc3754', '#fcffa4'],
  plasma: ['#0d0887', '#7e03a8', '#cc4778', '#f0f921'],
  cividis: ['#00224e', '#434e6c', '#7d7c78', '#fee838'],
};

test('names: viridis is first (default) and every listed name resolves to 768 bytes', () => {
  assert.equal(colormapNames[0], 'viridis');
  assert.deepEqual([...colormapNames].sort(), ['cividis', 'gray', 'inferno', 'magma', 'plasma', 'viridis']);
  for (const n of colormapNames) assert.equal(getColormap(n).length, 768, n);
});

test('default colormap is viridis', () => {
  assert.equal(getColormap(), getColormap('viridis'));
});

test('isColormapName accepts known names only', () => {
  assert.ok(isColormapName('magma'));
  assert.ok(!isColormapName('jet'));
  assert.ok(!isColormapName('Viridis'));
  assert.ok(!isColormapName(''));
});

test('LUT entries match matplotlib reference values', () => {
  for (const [name, hexes] of Object.entries(reference)) {
    assert.ok(isColormapName(name));
    const lut = getColormap(name);
    assert.deepEqual([0, 64, 128, 255].map((i) => hexAt(lut, i)), hexes, name);
  }
});

test('gray is the identity ramp', () => {
  const lut = getColormap('gray');
  for (let i = 0; i < 256; i++) assert.deepEqual([...lut.subarray(3 * i, 3 * i + 3)], [i, i, i]);
});

test('perceptual maps brighten monotonically in luminance (no garbled entries)', () => {
  for (const n of ['viridis', 'magma', 'inferno', 'cividis'] as const) {
    const lut = getColormap(n);
    let prev = -1;
    for (let i = 0; i < 256; i += 8) {
      const y = 0.2126 * lut[3 * i] + 0.7152 * lut[3 * i + 1] + 0.0722 * lut[3 * i + 2];
      assert.ok(y > prev, `${n} at ${i}`);
      prev = y;
    }
  }
});
