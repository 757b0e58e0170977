import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ActivationModel } from '../../source/activations/forward.js';
import { loadBackend } from '../../source/model/backend.js';
import { compressModel } from '../../source/model/compress.js';
import { prepareImage } from '../../source/model/image.js';
import { loadModel } from '../../source/model/load.js';
import { makeTinyModel, tempDir, writeImage } from '../helpers/fixtures.js';

test('compress: 8-bit weights load through tfjs and predict almost the same', async () => {
  const dir = tempDir();
  try {
    const { tf } = await loadBackend();
    const original = await makeTinyModel(dir.path, { classNames: ['cats', 'dogs'] });
    const r = compressModel(original, join(dir.path, 'small'));
    assert.ok(r.after * 3.9 < r.before, `${r.before} → ${r.after}`);
    assert.equal(statSync(join(dir.path, 'small', 'weights.bin')).size, r.after);
    const manifest = JSON.parse(readFileSync(join(dir.path, 'small', 'model.json'), 'utf8'));
    assert.ok(manifest.weightsManifest[0].weights.every((w: { quantization?: { dtype: string } }) => w.quantization?.dtype === 'uint8'));
    assert.deepEqual(manifest.userDefinedMetadata.classNames, ['cats', 'dogs']);
    const image = await prepareImage(await writeImage(join(dir.path, 'x.png'), 2, { width: 32, height: 32 }), { height: 32, width: 32, channels: 3, interpolation: 'nearest' });
    const run = async (path: string) => new ActivationModel(tf, (await loadModel(tf, path)).model).run(image.input, [32, 32, 3]);
    const [a, b] = [await run(original), await run(join(dir.path, 'small'))];
    const last = a.length - 1;
    assert.ok(Math.abs(a[last]!.data[0]! - b[last]!.data[0]!) < 0.02, `${a[last]!.data[0]} vs ${b[last]!.data[0]}`);
  } finally {
    dir.cleanup();
  }
});
