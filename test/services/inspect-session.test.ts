import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loadBackend } from '../../source/model/backend.js';
import { InspectSession } from '../../source/services/inspect-session.js';
import { makeImageTree, makeTinyModel, tempDir } from '../helpers/fixtures.js';

let dir: ReturnType<typeof tempDir>;
let model: string;
let images: string;

before(async () => {
  dir = tempDir();
  model = await makeTinyModel(dir.path, { classNames: ['cats', 'dogs'] });
  images = await makeImageTree(`${dir.path}/data`, ['cats', 'dogs'], 4);
});
after(() => dir.cleanup());

test('every layer after the input has an activation of its output shape', async () => {
  const session = await InspectSession.open({ model, images, seed: 1, interpolation: 'nearest' });
  const sample = await session.first();
  assert.deepEqual(session.layers.map((l) => l.className), ['Conv2D', 'MaxPooling2D', 'Conv2D', 'MaxPooling2D', 'Flatten', 'Dense', 'Dense']);
  for (const a of sample.activations) assert.equal(a.data.length, a.layer.shape.reduce((x, y) => x * y, 1), a.layer.name);
  assert.ok(['cats', 'dogs'].includes(sample.trueLabel!));
});

test('the same seed picks the same images', async () => {
  const pick = async () => {
    const s = await InspectSession.open({ model, images, seed: 42, interpolation: 'nearest' });
    const out = [];
    for (let i = 0; i < 5; i++) out.push((await s.resample()).path);
    return out;
  };
  assert.deepEqual(await pick(), await pick());
});

test('the tensor count stays flat over 100 resamples', async () => {
  const { tf } = await loadBackend();
  const session = await InspectSession.open({ model, images, seed: 2, interpolation: 'nearest' });
  await session.resample();
  const start = tf.memory().numTensors;
  for (let i = 0; i < 100; i++) await session.resample();
  assert.equal(tf.memory().numTensors, start);
});
