import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireNative } from '../../source/model/backend.js';
import { loadModel } from '../../source/model/load.js';
import { readCheckpoint } from '../../source/train/checkpoint.js';
import type { TrainEvent } from '../../source/train/events.js';
import { resolveTrainOptions, TrainUsageError, type TrainOptionsInput } from '../../source/train/options.js';
import { startTraining } from '../../source/train/trainer.js';
import { makeTinyDataset } from './fixtures/tiny-dataset.js';

const tiny = { imageSize: 32, epochs: 2, stepsPerEpoch: 2, validationSteps: 2, batchSize: 4, seed: 1 };

async function train(input: TrainOptionsInput, stopWhen?: (e: TrainEvent) => boolean) {
  const { tf } = await requireNative('training');
  const events: TrainEvent[] = [];
  const controller = startTraining(tf, resolveTrainOptions(input), (e) => {
    events.push(e);
    if (stopWhen?.(e)) controller.requestStop();
  });
  return { result: await controller.done, events, tf };
}

function scratch() {
  return join(mkdtempSync(join(tmpdir(), 'convscope-train-')), 'run');
}

test('a short real training writes history, checkpoints and a loadable model; tensors stay flat', async () => {
  const data = await makeTinyDataset();
  const out = scratch();
  try {
    const { tf } = await requireNative('training');
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    const { result, events } = await train({ data, out, ...tiny, epochs: 3 }, (e) => {
      if (e.type === 'epoch-end') counts.push(tf.memory().numTensors);
      return false;
    });
    assert.equal(result.interrupted, false);
    assert.equal(result.epochsCompleted, 3);
    assert.equal(counts[0], counts[1], 'tensor count flat across epochs');
    assert.equal(counts[1], counts[2], 'tensor count flat across epochs');
    assert.equal(tf.memory().numTensors, before, 'everything freed when training ends');

    const history = JSON.parse(readFileSync(join(out, 'history.json'), 'utf8'));
    assert.deepEqual(Object.keys(history.history).sort(), ['acc', 'loss', 'val_acc', 'val_loss']);
    for (const key of ['acc', 'loss', 'val_acc', 'val_loss']) assert.equal(history.history[key].length, 3);
    assert.equal(history.epoch_time_s.length, 3);
    assert.ok(history.epoch_time_s.every((t: number) => t > 0));
    const epochEnds = events.filter((e) => e.type === 'epoch-end');
    assert.deepEqual(history.history.val_acc, epochEnds.map((e) => e.type === 'epoch-end' && e.logs.val_acc));

    const csv = readFileSync(join(out, 'history.csv'), 'utf8').trim().split('\n');
    assert.equal(csv[0], 'epoch,acc,loss,val_acc,val_loss');
    assert.equal(csv.length, 4);
    assert.match(csv[1]!, /^0,[\d.e-]+,[\d.e-]+,[\d.e-]+,[\d.e-]+$/);

    assert.deepEqual(readdirSync(join(out, 'checkpoints')).sort(), ['epoch-01', 'epoch-02', 'epoch-03']);
    assert.equal(readlinkSync(join(out, 'model')), join('checkpoints', 'epoch-03'));
    assert.equal(result.savedTo, join(out, 'model'));
    for (const dir of ['checkpoints/epoch-01', 'model']) {
      const loaded = await loadModel(tf, join(out, dir));
      assert.deepEqual(loaded.input, { height: 32, width: 32, channels: 3 });
      assert.deepEqual(loaded.metadata.classNames, ['cats', 'dogs']);
      assert.equal(loaded.metadata.interpolation, 'nearest');
      assert.equal(loaded.metadata.trainedOn, data);
      assert.equal((loaded.metadata as { epoch?: number }).epoch, dir === 'model' ? 3 : 1);
      loaded.model.dispose();
    }
    const json = JSON.parse(readFileSync(join(out, 'model', 'model.json'), 'utf8'));
    assert.equal(json.format, 'layers-model');
    assert.equal(json.trainingConfig.optimizer_config.class_name, 'RMSProp');
    assert.equal(json.weightsManifest[0].weights.filter((w: { group?: string }) => w.group === 'optimizer').length, 21);

    // tfjs's own loader restores a compiled model with the RMSprop state (iterations = 3 epochs × 2 steps).
    const restored = await tf.loadLayersModel(`file://${join(out, 'model', 'model.json')}`);
    assert.equal((restored.optimizer as unknown as { iterations: number }).iterations, 6);
    restored.dispose();
    assert.ok(!readdirSync(out).some((n) => n.includes('.tmp-')), 'no temp files left');
  } finally {
    rmSync(join(out, '..'), { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  }
});

test('--resume continues from the last checkpoint with its history appended', async () => {
  const data = await makeTinyDataset();
  const out = scratch();
  try {
    const first = await train({ data, out, ...tiny, epochs: 1 });
    assert.equal(first.result.epochsCompleted, 1);
    await assert.rejects(train({ data, out, ...tiny, epochs: 2 }), (e: Error) => e instanceof TrainUsageError && /already holds a run.*--resume/.test(e.message));
    const { result, events, tf } = await train({ data, out, ...tiny, epochs: 2, resume: true });
    const start = events.find((e) => e.type === 'start');
    assert.equal(start?.type === 'start' && start.firstEpoch, 2);
    assert.deepEqual(events.filter((e) => e.type === 'epoch-start').map((e) => e.type === 'epoch-start' && e.epoch), [2]);
    assert.equal(result.epochsCompleted, 2);
    assert.equal(result.history.acc![0], first.result.history.acc![0]);
    const history = JSON.parse(readFileSync(join(out, 'history.json'), 'utf8'));
    assert.equal(history.history.loss.length, 2);
    assert.equal(history.history.loss[0], first.result.history.loss![0]);
    assert.equal(readlinkSync(join(out, 'model')), join('checkpoints', 'epoch-02'));
    const checkpoint = await readCheckpoint(tf, join(out, 'checkpoints', 'epoch-02'));
    assert.equal(checkpoint.optimizer.iterations, 4, 'optimizer state carried over');
    assert.equal(checkpoint.metadata.epoch, 2);
    tf.dispose([...checkpoint.weights.values(), ...checkpoint.optimizer.rms]);
    await assert.rejects(train({ data, out: scratch(), ...tiny, resume: true }), /no complete checkpoint to resume from/);
  } finally {
    rmSync(join(out, '..'), { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  }
});

test('a stop request finishes the batch, keeps complete history and leaves loadable checkpoints', async () => {
  const data = await makeTinyDataset();
  const out = scratch();
  try {
    const { result, events, tf } = await train({ data, out, ...tiny, epochs: 3 }, (e) => e.type === 'batch-end' && e.epoch === 2 && e.step === 1);
    assert.equal(result.interrupted, true);
    assert.equal(result.epochsCompleted, 1);
    assert.equal(result.savedTo, join(out, 'interrupted'));
    assert.ok(events.some((e) => e.type === 'stopping'));
    assert.equal(events.filter((e) => e.type === 'batch-end').length, 3, 'no batch after the stop request');
    const history = JSON.parse(readFileSync(join(out, 'history.json'), 'utf8'));
    assert.equal(history.history.acc.length, 1);
    const interrupted = await loadModel(tf, join(out, 'interrupted'));
    assert.deepEqual(interrupted.metadata, { classNames: ['cats', 'dogs'], interpolation: 'nearest', trainedOn: data, epoch: 1, step: 1, interrupted: true });
    interrupted.model.dispose();
    const last = await loadModel(tf, join(out, 'model'));
    last.model.dispose();
    // --resume starts again from the last complete epoch, and then drops the stale interrupted state.
    const resumed = await train({ data, out, ...tiny, epochs: 2, resume: true });
    assert.equal(resumed.result.epochsCompleted, 2);
    assert.ok(!existsSync(join(out, 'interrupted')));
  } finally {
    rmSync(join(out, '..'), { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  }
});

test('a corrupt image and a non-image file are skipped and counted, never fatal', async () => {
  const data = await makeTinyDataset();
  const out = scratch();
  try {
    writeFileSync(join(data, 'train', 'cats', 'x.jpg'), 'text, not a JPEG');
    writeFileSync(join(data, 'validation', 'dogs', 'notes.txt'), 'a note');
    const { result, events } = await train({ data, out, ...tiny, epochs: 2, stepsPerEpoch: 4 }); // 16 images > 13: every file is read
    assert.equal(result.interrupted, false);
    assert.equal(result.skipped.count, 2);
    const skipped = events.filter((e) => e.type === 'skipped');
    assert.deepEqual(skipped.map((e) => e.type === 'skipped' && e.file.split('/').pop()).sort(), ['notes.txt', 'x.jpg']);
    const corrupt = skipped.find((e) => e.type === 'skipped' && e.file.endsWith('x.jpg'));
    assert.equal(corrupt?.type === 'skipped' && corrupt.split, 'train');
    assert.equal(result.history.epochs, 2);
  } finally {
    rmSync(join(out, '..'), { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  }
});
