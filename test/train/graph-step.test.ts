import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requireNative } from '../../source/model/backend.js';
import { GraphTrainStep } from '../../source/train/graph/graph-step.js';
import { pb } from '../../source/train/graph/protobuf.js';
import { buildSeedModel } from '../../source/train/seed-model.js';
import { LayersTrainStep } from '../../source/train/train-step.js';

test('protobuf varints: int64 −1 takes ten bytes, as protoc writes it', () => {
  assert.deepEqual([...pb.varint(1, 300)], [0x08, 0xac, 0x02]);
  assert.deepEqual([...pb.varint(1, -1)], [0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
});

test('the seed model has Keras layer names and the notebook shapes', async () => {
  const { tf } = await requireNative('training');
  const model = buildSeedModel(tf, { imageSize: 150, learningRate: 0.001, seed: 1 });
  try {
    assert.deepEqual(model.layers.map((l) => l.name), ['conv2d', 'max_pooling2d', 'conv2d_1', 'max_pooling2d_1', 'conv2d_2', 'max_pooling2d_2', 'flatten', 'dense', 'dense_1']);
    assert.equal(model.countParams(), 9_494_561); // the notebook's model.summary()
    assert.deepEqual(model.outputs[0]!.shape, [null, 1]);
  } finally {
    model.dispose();
  }
});

test('the graph step computes what tfjs trainOnBatch computes (loss, acc, weights, RMSprop state)', async () => {
  const { tf } = await requireNative('training');
  const size = 32;
  const a = buildSeedModel(tf, { imageSize: size, learningRate: 0.001, seed: 3 });
  const b = buildSeedModel(tf, { imageSize: size, learningRate: 0.001, seed: 3 });
  const graph = await GraphTrainStep.create(tf, a, { imageSize: size, learningRate: 0.001 });
  const layers = await LayersTrainStep.create(tf, b);
  const y = tf.tensor2d([0, 1, 1, 0, 1, 0], [6, 1]);
  let before = 0;
  try {
    for (let i = 0; i < 3; i++) {
      if (i === 1) before = tf.memory().numTensors; // after tfjs's RMSprop created its accumulators
      const x = tf.randomUniform([6, size, size, 3], 0, 1, 'float32', i);
      const [g, l] = [await graph.train(x, y), await layers.train(x, y)];
      x.dispose();
      assert.ok(Math.abs(g.loss - l.loss) < 1e-5, `step ${i}: loss ${g.loss} vs ${l.loss}`);
      assert.equal(g.acc, l.acc);
    }
    graph.syncModel();
    const [wa, wb] = [a.getWeights(), b.getWeights()];
    for (let i = 0; i < wa.length; i++) {
      const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(wa[i]!, wb[i]!))).dataSync()[0]!);
      assert.ok(diff < 1e-6, `weight ${i} differs by ${diff}`);
    }
    const [ga, lb] = [graph.optimizerState(), layers.optimizerState()];
    assert.equal(ga.iterations, 3);
    assert.equal(lb.iterations, 3);
    const msDiff = tf.tidy(() => tf.max(tf.abs(tf.sub(ga.rms[6]!, lb.rms[6]!))).dataSync()[0]!);
    assert.ok(msDiff < 1e-9);
    const x = tf.randomUniform([6, size, size, 3], 0, 1, 'float32', 9);
    const [ge, le] = [await graph.evaluate(x, y), await layers.evaluate(x, y)];
    x.dispose();
    assert.ok(Math.abs(ge.loss - le.loss) < 1e-5);
    assert.equal(ge.acc, le.acc);
    assert.equal(tf.memory().numTensors, before, 'no tensor leaked by the steps');
  } finally {
    y.dispose();
    graph.dispose();
    layers.dispose();
    a.dispose();
    b.dispose();
  }
});
