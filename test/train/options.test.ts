import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveTrainOptions, TRAIN_DEFAULTS, TrainUsageError } from '../../source/train/options.js';

test('defaults are the seed notebook settings', () => {
  const o = resolveTrainOptions({ data: 'd', out: 'o' });
  assert.deepEqual(
    { imageSize: o.imageSize, epochs: o.epochs, batchSize: o.batchSize, stepsPerEpoch: o.stepsPerEpoch, validationSteps: o.validationSteps, learningRate: o.learningRate, resume: o.resume, seed: o.seed },
    { imageSize: 150, epochs: 15, batchSize: 20, stepsPerEpoch: 100, validationSteps: 50, learningRate: 0.001, resume: false, seed: undefined },
  );
  assert.equal(TRAIN_DEFAULTS.epochs, 15);
});

test('undefined values fall back to defaults; given ones win', () => {
  const o = resolveTrainOptions({ data: 'd', out: 'o', epochs: undefined, batchSize: 4, seed: 7, resume: true });
  assert.equal(o.epochs, 15);
  assert.equal(o.batchSize, 4);
  assert.equal(o.seed, 7);
  assert.equal(o.resume, true);
});

test('bad values throw a one-line usage error naming the flag', () => {
  const cases: Array<[Record<string, unknown>, RegExp]> = [
    [{ epochs: 0 }, /^--epochs must be an integer from 1/],
    [{ batchSize: 2.5 }, /^--batch-size must be an integer/],
    [{ stepsPerEpoch: -1 }, /^--steps-per-epoch/],
    [{ validationSteps: Number.NaN }, /^--validation-steps/],
    [{ imageSize: 16 }, /^--image-size must be an integer from 22/],
    [{ learningRate: 0 }, /^--learning-rate must be a number in \(0, 10\]/],
    [{ learningRate: Number.POSITIVE_INFINITY }, /^--learning-rate/],
    [{ seed: -3 }, /^--seed must be a non-negative integer/],
    [{ data: '' }, /^--data is required/],
    [{ out: '' }, /^--out is required/],
  ];
  for (const [override, message] of cases) {
    assert.throws(() => resolveTrainOptions({ data: 'd', out: 'o', ...override } as never), (error: Error) => {
      assert.ok(error instanceof TrainUsageError);
      assert.match(error.message, message);
      assert.ok(!error.message.includes('\n'));
      return true;
    });
  }
});
