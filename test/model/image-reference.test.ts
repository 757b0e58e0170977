// prepareImage against Keras: for generated JPEG/PNG images (non-square, RGBA, grayscale, palette, palette with
// transparency, upscaled, odd sizes, exact size), convscope's model input must equal, bit for bit,
// img_to_array(load_img(file, color_mode, target_size=(150, 150), interpolation)) / 255 as Keras computes it.
// JPEG is compared exactly too: sharp and Pillow both decode with libjpeg-turbo (islow DCT, fancy upsampling),
// whose output is identical across its builds.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { prepareImage } from '../../source/model/image.js';
import type { Interpolation } from '../../source/model/resize.js';
import { makeTempDir, readNpy, runReference, skipWithoutPython } from '../reference/helpers.js';

// Must match keras_images.py (tests are declared before the script runs).
const IMAGES = ['photo.jpg', 'photo.png', 'rgba.png', 'gray.png', 'palette.png', 'palette-transparent.png',
  'small.png', 'odd.png', 'exact.png'];
const COLOR_MODES = [['rgb', 3], ['grayscale', 1]] as const;
const INTERPOLATIONS: Interpolation[] = ['nearest', 'bilinear'];

describe('Keras reference: prepareImage equals load_img → img_to_array → / 255', { skip: skipWithoutPython() }, () => {
  const temp = makeTempDir('keras-img');
  const dir = temp.dir;
  let cases: Array<{ file: string; colorMode: string; interpolation: string; npy: string; shape: number[] }>;

  before(async () => {
    await runReference('keras_images.py', [dir]);
    cases = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).cases;
  });
  after(() => temp.remove());

  for (const file of IMAGES) {
    for (const [colorMode, channels] of COLOR_MODES) {
      for (const interpolation of INTERPOLATIONS) {
        test(`${file}, color_mode=${colorMode}, ${interpolation}: exactly equal`, async () => {
          const c = cases.find((x) => x.file === file && x.colorMode === colorMode && x.interpolation === interpolation);
          assert.ok(c, 'the reference script wrote this case');
          const keras = readNpy(join(dir, c.npy));
          assert.deepEqual(keras.shape, [150, 150, channels]);
          const ours = await prepareImage(join(dir, file), { height: 150, width: 150, channels, interpolation });
          assert.equal(ours.input.length, keras.data.length);
          let mismatches = 0;
          let first = -1;
          for (let i = 0; i < keras.data.length; i++) {
            if (ours.input[i] !== keras.data[i]) {
              mismatches++;
              if (first < 0) first = i;
            }
          }
          const where = first < 0 ? '' : ` (first at y=${Math.floor(first / channels / 150)}, x=${Math.floor(first / channels) % 150}, ` +
            `channel ${first % channels}: ours ${ours.input[first]! * 255}/255, Keras ${keras.data[first]! * 255}/255)`;
          assert.equal(mismatches, 0, `${mismatches} of ${keras.data.length} values differ${where}`);
        });
      }
    }
  }

  test('dividing by 255 in float32 gives the same value as numpy for every 8-bit level', async () => {
    // toInput divides in float64 and rounds to float32; numpy divides in float32. Both round correctly.
    const keras = readNpy(join(dir, 'gray.png.grayscale.nearest.npy')).data;
    const levels = new Map<number, number>();
    const ours = await prepareImage(join(dir, 'gray.png'), { height: 150, width: 150, channels: 1, interpolation: 'nearest' });
    ours.pixels.data.forEach((p, i) => levels.set(p, keras[i]!));
    for (const [p, k] of levels) assert.equal(Math.fround(p / 255), k, `level ${p}`);
    assert.ok(levels.size > 200, `${levels.size} distinct levels seen`);
  });
});
