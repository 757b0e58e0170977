import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHistory } from '../../source/history/read.js';
import type { History } from '../../source/history/types.js';
import { historyToCsv, historyToJson } from '../../source/history/write.js';

const sample: History = {
  epochs: 3,
  val_loss: [0.68, NaN, 0.5],
  loss: [0.6931471805599453, 0.1 + 0.2, 1e-300],
  val_acc: [0.5, 0.55, Infinity],
  acc: [0.5, 0.625, 0.75],
  epoch_time_s: [10.25, 9.5, 9.75],
};

test('historyToJson writes the convscope format with fixed key order and null for NaN/Infinity', () => {
  assert.equal(
    historyToJson(sample, { run: 'cats_vs_dogs', created: '2024-05-01' }),
    `{
  "format": "convscope-history",
  "version": 1,
  "history": {
    "acc": [0.5, 0.625, 0.75],
    "loss": [0.6931471805599453, 0.30000000000000004, 1e-300],
    "val_acc": [0.5, 0.55, null],
    "val_loss": [0.68, null, 0.5]
  },
  "epoch_time_s": [10.25, 9.5, 9.75],
  "meta": {
    "created": "2024-05-01",
    "run": "cats_vs_dogs"
  }
}
`,
  );
});

test('historyToJson omits absent series, epoch times and meta; meta defaults to history.meta', () => {
  const json = historyToJson({ epochs: 1, loss: [0.5] });
  assert.equal(json, '{\n  "format": "convscope-history",\n  "version": 1,\n  "history": {\n    "loss": [0.5]\n  }\n}\n');
  assert.match(historyToJson({ epochs: 1, loss: [0.5], meta: { a: 1 } }), /"meta": \{\n {4}"a": 1\n {2}\}/);
});

test('meta output does not depend on key insertion order, nested objects included', () => {
  const a = historyToJson({ epochs: 1, loss: [1] }, { b: { y: 1, x: [2, { q: 1, p: 2 }] }, a: true });
  const b = historyToJson({ epochs: 1, loss: [1] }, { a: true, b: { x: [2, { p: 2, q: 1 }], y: 1 } });
  assert.equal(a, b);
  assert.ok(a.indexOf('"p"') < a.indexOf('"q"'));
});

test('JSON round trip through parseHistory keeps every value bit for bit', () => {
  const meta = { model: 'small_1', epochs_planned: 30, tags: ['a', null] };
  const back = parseHistory(historyToJson(sample, meta), 'history.json');
  assert.deepEqual(back, { ...sample, val_acc: [0.5, 0.55, NaN], meta });
  assert.equal(back.loss![2], 1e-300);
});

test('historyToCsv writes CSVLogger layout: sorted keys, 0-based epoch, nan/inf spellings, full precision', () => {
  assert.equal(
    historyToCsv(sample),
    'epoch,acc,loss,val_acc,val_loss\n' +
      '0,0.5,0.6931471805599453,0.5,0.68\n' +
      '1,0.625,0.30000000000000004,0.55,nan\n' +
      '2,0.75,1e-300,inf,0.5\n',
  );
});

test('historyToCsv without validation has only the logged columns', () => {
  assert.equal(historyToCsv({ epochs: 2, acc: [0.5, 0.6], loss: [0.7, -Infinity] }), 'epoch,acc,loss\n0,0.5,0.7\n1,0.6,-inf\n');
});

test('CSV round trip through parseHistory (epoch times are not a Keras log column)', () => {
  const { epoch_time_s: _dropped, ...metrics } = sample;
  assert.deepEqual(parseHistory(historyToCsv(sample), 'training.csv'), { ...metrics, val_acc: [0.5, 0.55, NaN] });
});
