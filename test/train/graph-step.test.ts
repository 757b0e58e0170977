import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requireNative } from '../../source/model/backend.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UNIT, wordAlignedBytes, type Batch } from '../../source/train/data.js';
import { GraphTrainStep } from '../../source/train/graph/graph-step.js';
import { pb } from '../../source/train/graph/protobuf.js';
import { writeSavedModel } from '../../source/train/graph/saved-model.js';
import { unpackGraph } from '../../source/train/graph/seed-step-graph.js';
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

/** A batch of random 8-bit images (as the prefetcher builds them), labels [0, 1, 1, 0, 1, 0][:n]. */
function randomBatch(n: number, size: number, seed: number): Batch {
  const pixels = wordAlignedBytes(n * size * size * 3);
  let state = seed;
  for (let i = 0; i < pixels.length; i++) pixels[i] = (state = (state * 1103515245 + 12345) >>> 0) >>> 24;
  return { pixels, y: Float32Array.from([0, 1, 1, 0, 1, 0].slice(0, n)), size: n };
}

test('the graph unpacks the batch bytes to exactly prepareImage input (x / 255 as float32), padding dropped', async () => {
  const { tf } = await requireNative('training');
  const node = (tf as unknown as { node: { loadSavedModel(p: string, t: string[], s: string): Promise<{ predict(i: Record<string, unknown>): Record<string, { dataSync(): Float32Array; shape: number[]; dispose(): void }>; dispose(): void }> } }).node;
  for (const [size, n] of [[16, 1], [15, 3]] as const) { // 15×15×3×3 = 2025 bytes: padded to 2028
    const dir = await mkdtemp(join(tmpdir(), 'convscope-unpack-'));
    try {
      const graph = unpackGraph(size);
      await writeSavedModel(dir, graph.nodes, graph.signatures);
      const session = await node.loadSavedModel(dir, ['serve'], 'unpack');
      const batch = randomBatch(n, size, 7);
      for (let i = 0; i < 256; i++) batch.pixels[i] = i; // every byte value at least once
      const words = new Int32Array(batch.pixels.buffer, 0, batch.pixels.buffer.byteLength / 4);
      const x = tf.tensor1d(words, 'int32');
      const y = tf.tensor2d(batch.y, [n, 1]);
      const out = session.predict({ x, y });
      assert.deepEqual(out.x!.shape, [n, size, size, 3]);
      const got = out.x!.dataSync();
      const expected = Float32Array.from(batch.pixels, (v) => UNIT[v]!);
      assert.equal(got.length, expected.length);
      assert.ok(got.every((v, i) => v === expected[i]), 'bit-identical to prepareImage input');
      tf.dispose([x, y, out.x!]);
      session.dispose();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
});

test('the graph step computes what tfjs trainOnBatch computes (loss, acc, weights, RMSprop state)', async () => {
  const { tf } = await requireNative('training');
  const size = 32;
  const a = buildSeedModel(tf, { imageSize: size, learningRate: 0.001, seed: 3 });
  const b = buildSeedModel(tf, { imageSize: size, learningRate: 0.001, seed: 3 });
  const graph = await GraphTrainStep.create(tf, a, { imageSize: size, learningRate: 0.001 });
  const layers = await LayersTrainStep.create(tf, b);
  let before = 0;
  // Each engine takes the batch in its own form (graph: packed bytes; layers: float input).
  const run = async (step: typeof graph | typeof layers, batch: Batch, how: 'train' | 'evaluate') => {
    const { x, y } = step.tensors(batch);
    try {
      return await step[how](x, y);
    } finally {
      tf.dispose([x, y]);
    }
  };
  try {
    for (let i = 0; i < 3; i++) {
      if (i === 1) before = tf.memory().numTensors; // after tfjs's RMSprop created its accumulators
      const batch = randomBatch(6, size, i + 1);
      const [g, l] = [await run(graph, batch, 'train'), await run(layers, batch, 'train')];
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
    const batch = randomBatch(6, size, 9);
    const [ge, le] = [await run(graph, batch, 'evaluate'), await run(layers, batch, 'evaluate')];
    assert.ok(Math.abs(ge.loss - le.loss) < 1e-5);
    assert.equal(ge.acc, le.acc);
    assert.equal(tf.memory().numTensors, before, 'no tensor leaked by the steps');
  } finally {
    graph.dispose();
    layers.dispose();
    a.dispose();
    b.dispose();
  }
});
