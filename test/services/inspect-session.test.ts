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

test('a 1-channel model and a model with no conv layers inspect RGB photos', async () => {
  const { tf } = await loadBackend();
  const gray = await makeTinyModel(dir.path + '/gray', { size: 20, channels: 1 });
  const s1 = await InspectSession.open({ model: gray, images, seed: 1, interpolation: 'nearest' });
  const a = await s1.resample();
  assert.equal(a.input.channels, 1);
  assert.deepEqual(a.activations[0]!.layer.shape, [18, 18, 4]);
  // Flatten + Dense only: every layer is a vector, nothing to tile.
  const dense = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [12, 12, 3] }), tf.layers.dense({ units: 1, activation: 'sigmoid' })] });
  const path = `${dir.path}/dense-only`;
  await dense.save(`file://${path}`);
  const s2 = await InspectSession.open({ model: path, images, seed: 1, interpolation: 'bilinear' });
  const b = await s2.resample();
  assert.deepEqual(b.activations.map((x) => x.layer.shape), [[432], [1]]);
  assert.ok(b.prediction.probability >= 0.5);
});
