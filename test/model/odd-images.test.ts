// Odd but valid images just work: 16-bit and paletted PNG, CMYK and grayscale JPEG, EXIF-rotated photos,
// WebP, 1×1 and 8000×8000 pictures.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import { decodeRgb, prepareImage } from '../../source/model/image.js';
import { tempDir } from '../helpers/fixtures.js';

let dir: ReturnType<typeof tempDir>;
const spec = { height: 150, width: 150, channels: 3 as const, interpolation: 'nearest' as const };
const gradient = (w: number, h: number, channels: 3 | 4 = 3) =>
  sharp(Buffer.from(Array.from({ length: w * h * channels }, (_, i) => (i * 7) % 256)), { raw: { width: w, height: h, channels } });

before(() => {
  dir = tempDir();
});
after(() => dir.cleanup());

async function check(file: string, width: number, height: number) {
  const rgb = await decodeRgb(file);
  assert.deepEqual([rgb.width, rgb.height, rgb.channels], [width, height, 3]);
  const p = await prepareImage(file, spec);
  assert.equal(p.input.length, 150 * 150 * 3);
  assert.ok(p.input.every((v) => v >= 0 && v <= 1 && Number.isFinite(v)));
  return p;
}

test('16-bit PNG', async () => {
  const file = join(dir.path, 'deep.png');
  await gradient(40, 30).toColourspace('rgb16').png().toFile(file);
  assert.equal((await sharp(file).metadata()).depth, 'ushort');
  await check(file, 40, 30);
});

test('paletted PNG with transparency', async () => {
  const file = join(dir.path, 'palette.png');
  await gradient(33, 21, 4).png({ palette: true, colours: 16 }).toFile(file);
  await check(file, 33, 21);
});

test('CMYK JPEG and grayscale JPEG', async () => {
  const cmyk = join(dir.path, 'cmyk.jpg');
  await gradient(50, 40).toColourspace('cmyk').jpeg().toFile(cmyk);
  assert.equal((await sharp(cmyk).metadata()).space, 'cmyk');
  await check(cmyk, 50, 40);
  const gray = join(dir.path, 'gray.jpg');
  await gradient(50, 40).grayscale().jpeg().toFile(gray);
  const p = await check(gray, 50, 40);
  assert.equal(p.input[0], p.input[1], 'grey expanded to three equal channels');
});

test('EXIF orientation is applied (a portrait photo stored sideways)', async () => {
  const file = join(dir.path, 'rotated.jpg');
  await gradient(60, 20).jpeg().withMetadata({ orientation: 6 }).toFile(file);
  await check(file, 20, 60);
});

test('WebP, 1×1 and 8000×8000', async () => {
  const webp = join(dir.path, 'x.webp');
  await gradient(31, 17).webp().toFile(webp);
  await check(webp, 31, 17);
  const dot = join(dir.path, 'dot.png');
  await gradient(1, 1).png().toFile(dot);
  const p = await check(dot, 1, 1);
  assert.equal(new Set(Array.from(p.input)).size, 3, 'one pixel stretched over the whole input');
  const huge = join(dir.path, 'huge.jpg');
  await sharp({ create: { width: 8000, height: 8000, channels: 3, background: { r: 10, g: 200, b: 90 } } }).jpeg().toFile(huge);
  await check(huge, 8000, 8000);
});
