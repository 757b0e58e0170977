import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { earlyStoppingEpoch, formatSummaryText, overfittingStart, summarize } from '../../source/history/summary.js';
import type { History } from '../../source/history/types.js';

/** Pads every series with NaN to the longest one, as the readers do. */
function history(series: Omit<History, 'epochs'>): History {
  const epochs = Math.max(...Object.values(series).map((s) => (s as number[]).length));
  const padded = Object.entries(series).map(([key, s]) => [key, Array.from({ length: epochs }, (_, i) => (s as number[])[i] ?? NaN)]);
  return { epochs, ...Object.fromEntries(padded) };
}

// A 15-epoch cats-vs-dogs-like run: training keeps improving, validation peaks around epoch 8.
const realistic = history({
  acc: [0.52, 0.6, 0.66, 0.7, 0.73, 0.76, 0.79, 0.82, 0.85, 0.88, 0.9, 0.92, 0.94, 0.955, 0.97],
  val_acc: [0.55, 0.62, 0.66, 0.69, 0.71, 0.72, 0.735, 0.73, 0.74, 0.725, 0.73, 0.72, 0.715, 0.72, 0.71],
  loss: [0.69, 0.65, 0.6, 0.56, 0.52, 0.48, 0.44, 0.4, 0.35, 0.3, 0.26, 0.22, 0.18, 0.14, 0.11],
  val_loss: [0.683, 0.651, 0.604, 0.577, 0.563, 0.548, 0.561, 0.539, 0.552, 0.571, 0.566, 0.59, 0.612, 0.633, 0.668],
});

test('realistic 15-epoch run: best epoch, finals, gap, overfitting and EarlyStopping', () => {
  const s = summarize(realistic);
  assert.deepEqual(s, {
    epochs: 15,
    hasValidation: true,
    patience: 2,
    bestBy: 'val_loss',
    bestEpoch: 8,
    bestLoss: 0.539,
    valAccAtBest: 0.73,
    finalTrainAcc: 0.97,
    finalValAcc: 0.71,
    gap: 0.97 - 0.71,
    bestValAcc: 0.74,
    bestValAccEpoch: 9,
    overfittingFrom: 9,
    earlyStopEpoch: 10,
    notes: [],
  });
  assert.equal(summarize(realistic, { patience: 1 }).earlyStopEpoch, 7); // epoch 7 (0.561) is worse than epoch 6
  assert.equal(summarize(realistic, { patience: 3 }).earlyStopEpoch, 11);
  assert.equal(summarize(realistic, { patience: 8 }).earlyStopEpoch, undefined); // 7 epochs after the best only
});

test('formatSummaryText for a run with validation', () => {
  assert.deepEqual(formatSummaryText(summarize(realistic)), [
    'best epoch 8: val_loss 0.539, val_acc 0.73',
    'final acc train 0.97 / val 0.71 (gap 0.26)',
    'best val_acc 0.74 at epoch 9',
    'overfitting from epoch 9',
    'EarlyStopping(patience=2) would have stopped at epoch 10 of 15',
  ]);
  const steady = summarize(history({ loss: [1, 0.8, 0.6], val_loss: [1, 0.9, 0.8] }), { patience: 3 });
  assert.deepEqual(formatSummaryText(steady), [
    'best epoch 3: val_loss 0.800',
    'no sustained overfitting',
    'EarlyStopping(patience=3) would not have stopped within 3 epochs',
  ]);
});

test('EarlyStopping: stops once `patience` epochs in a row fail to beat the best, for patience 1, 2, 3', () => {
  const fallsThenRises = [0.9, 0.8, 0.7, 0.75, 0.8, 0.85, 0.9];
  assert.equal(earlyStoppingEpoch(fallsThenRises, 1), 4);
  assert.equal(earlyStoppingEpoch(fallsThenRises, 2), 5);
  assert.equal(earlyStoppingEpoch(fallsThenRises, 3), 6);
  assert.equal(earlyStoppingEpoch([0.9, 0.8, 0.7, 0.6], 1), undefined);
});

test('EarlyStopping: a tie is not an improvement, a later improvement resets the wait', () => {
  assert.equal(earlyStoppingEpoch([0.9, 0.7, 0.7, 0.7, 0.6], 2), 4);
  assert.equal(earlyStoppingEpoch([0.9, 0.7, 0.7, 0.7, 0.6], 3), undefined);
  assert.equal(earlyStoppingEpoch([0.9, 0.7, 0.8, 0.65, 0.7, 0.72], 2), 6); // the 0.65 restarted the count
});

test('EarlyStopping: NaN never improves; patience 0 stops on the first non-improvement after epoch 1', () => {
  assert.equal(earlyStoppingEpoch([0.9, 0.8, NaN, NaN, 0.7], 2), 4);
  assert.equal(earlyStoppingEpoch([0.5, 0.6], 0), 2);
  assert.equal(earlyStoppingEpoch([0.5], 0), undefined);
});

test('EarlyStopping matches Keras 3 on every reference case in fixtures/early_stopping_cases.json', () => {
  const { cases } = JSON.parse(readFileSync(new URL('./fixtures/early_stopping_cases.json', import.meta.url), 'utf8')) as {
    cases: Array<{ name: string; val_loss: Array<number | null>; patience: number; stopped_at: number | null }>;
  };
  assert.ok(cases.length >= 27);
  for (const c of cases) {
    const valLoss = c.val_loss.map((v) => v ?? NaN);
    const expected = c.stopped_at ?? undefined;
    assert.equal(earlyStoppingEpoch(valLoss, c.patience), expected, `${c.name}, patience ${c.patience}`);
    const viaSummary = summarize(history({ loss: valLoss.map(() => 1), val_loss: valLoss }), { patience: c.patience });
    assert.equal(viaSummary.earlyStopEpoch, expected, `summarize: ${c.name}, patience ${c.patience}`);
  }
});

test('overfitting starts the epoch after the val_loss minimum when val_loss stays above it and train loss falls', () => {
  assert.equal(overfittingStart([1, 0.8, 0.6, 0.5, 0.4], [1, 0.8, 0.6, 0.7, 0.75]), 4);
  // Only one epoch after the minimum: not sustained.
  assert.equal(overfittingStart([1, 0.8, 0.6, 0.5], [1, 0.8, 0.6, 0.7]), undefined);
  // val_loss comes back down to its minimum.
  assert.equal(overfittingStart([1, 0.8, 0.6, 0.5, 0.4], [1, 0.6, 0.7, 0.6, 0.8]), undefined);
  // Training loss rose as well: that is not overfitting.
  assert.equal(overfittingStart([1, 0.5, 0.6, 0.7], [1, 0.6, 0.7, 0.8]), undefined);
  // Minimum at the last epoch.
  assert.equal(overfittingStart([1, 0.8, 0.6], [1, 0.8, 0.6]), undefined);
  assert.equal(overfittingStart(undefined, [1, 0.6, 0.7, 0.8]), undefined);
});

test('overfitting detection skips NaN epochs', () => {
  assert.equal(overfittingStart([1, 0.6, 0.5, 0.4, 0.3], [1, 0.6, NaN, 0.7, 0.8]), 3);
  assert.equal(overfittingStart([1, 0.6, 0.5, NaN], [1, 0.5, 0.6, 0.7]), 3);
  assert.equal(overfittingStart([1, 0.6, NaN, NaN], [1, 0.5, 0.6, 0.7]), undefined); // no training loss to compare
});

test('best epoch is the first of equal val_loss minima', () => {
  assert.equal(summarize(history({ loss: [1, 0.9, 0.8], val_loss: [0.5, 0.4, 0.4] })).bestEpoch, 2);
});

test('without validation: best epoch by training loss, no EarlyStopping, a note says so', () => {
  const s = summarize(history({ acc: [0.5, 0.6, 0.55], loss: [0.5, 0.3, 0.4] }));
  assert.equal(s.hasValidation, false);
  assert.equal(s.bestBy, 'loss');
  assert.equal(s.bestEpoch, 2);
  assert.equal(s.earlyStopEpoch, undefined);
  assert.equal(s.overfittingFrom, undefined);
  assert.equal(s.gap, undefined);
  assert.deepEqual(formatSummaryText(s), [
    'best epoch 2: loss 0.300 (no validation loss)',
    'final acc train 0.55',
    'no validation data: best epoch is the lowest training loss',
  ]);
});

test('val_acc without val_loss still counts as validation, but best epoch falls back to training loss', () => {
  const s = summarize(history({ loss: [0.5, 0.3], val_acc: [0.6, 0.7] }));
  assert.equal(s.hasValidation, true);
  assert.equal(s.bestBy, 'loss');
  assert.equal(s.valAccAtBest, 0.7);
  assert.match(s.notes[0], /no val_loss recorded/);
});

test('all-NaN validation series count as missing', () => {
  const s = summarize(history({ loss: [0.5, 0.3], val_loss: [NaN, NaN], val_acc: [NaN, NaN] }));
  assert.equal(s.hasValidation, false);
  assert.equal(s.bestBy, 'loss');
});

test('NaN-safe finals use the last finite value and gaps are listed as epoch ranges', () => {
  const s = summarize(
    history({
      acc: [0.5, 0.6, NaN],
      val_acc: [0.5, 0.55, 0.58],
      loss: [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1],
      val_loss: [0.9, 0.85, NaN, NaN, NaN, 0.8, 0.79, 0.78, NaN],
    }),
  );
  assert.equal(s.finalTrainAcc, 0.6);
  assert.equal(s.finalValAcc, 0.58);
  assert.equal(s.gap, 0.6 - 0.58);
  assert.equal(s.bestEpoch, 8);
  for (const value of Object.values(s)) if (typeof value === 'number') assert.ok(Number.isFinite(value));
  assert.deepEqual(s.notes, [
    'acc missing or not finite at epochs 3-9',
    'val_loss missing or not finite at epochs 3-5, 9',
    'val_acc missing or not finite at epochs 4-9',
  ]);
});

test('no finite loss at all', () => {
  const s = summarize(history({ acc: [0.5, 0.6], loss: [NaN, NaN] }));
  assert.equal(s.bestEpoch, undefined);
  assert.equal(formatSummaryText(s)[0], 'no finite loss recorded');
});

test('patience must be a whole number ≥ 0', () => {
  assert.throws(() => summarize(realistic, { patience: -1 }), RangeError);
  assert.throws(() => summarize(realistic, { patience: 1.5 }), RangeError);
});
