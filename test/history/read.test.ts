import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHistory, readHistoryFile } from '../../source/history/read.js';
import { HistoryFormatError } from '../../source/history/types.js';

const fixture = (name: string) => readFile(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

test('reads convscope history.json with epoch times and meta', () => {
  const text = JSON.stringify({
    format: 'convscope-history',
    version: 1,
    history: { acc: [0.5, 0.6], loss: [0.7, 0.6], val_acc: [0.55, null], val_loss: [0.68, 0.65] },
    epoch_time_s: [12.5, 11.9],
    meta: { model: 'cats_and_dogs_small_1.h5', note: 'NaN in a string stays text' },
  });
  assert.deepEqual(parseHistory(text, 'history.json'), {
    epochs: 2,
    acc: [0.5, 0.6],
    loss: [0.7, 0.6],
    val_acc: [0.55, NaN],
    val_loss: [0.68, 0.65],
    epoch_time_s: [12.5, 11.9],
    meta: { model: 'cats_and_dogs_small_1.h5', note: 'NaN in a string stays text' },
  });
});

test('reads the plain Keras shape (Keras 2 "acc" keys) without a format marker', () => {
  const h = parseHistory('{"acc":[0.5,0.6,0.7],"loss":[0.7,0.6,0.5],"val_acc":[0.5,0.5,0.6],"val_loss":[0.7,0.7,0.6]}', 'h.json');
  assert.equal(h.epochs, 3);
  assert.deepEqual(h.val_loss, [0.7, 0.7, 0.6]);
  assert.deepEqual(h.acc, [0.5, 0.6, 0.7]);
});

test('reads a Python json.dump(history.history): bare NaN/Infinity become gaps, accuracy aliases, extra metrics ignored', async () => {
  const h = parseHistory(await fixture('keras_history_dump.json'), 'keras_history_dump.json');
  assert.deepEqual(h, {
    epochs: 3,
    acc: [0.5, 0.6, NaN],
    loss: [0.69, NaN, 0.5],
    val_acc: [0.51, 0.55, 0.6],
    val_loss: [0.68, 0.66, NaN],
  });
  assert.equal('precision' in h, false);
});

test('JSON without validation keys has no val_* series', () => {
  const h = parseHistory('{"accuracy":[0.5,0.6],"loss":[0.7,0.6]}', 'train-only.json');
  assert.deepEqual(h, { epochs: 2, acc: [0.5, 0.6], loss: [0.7, 0.6] });
});

test('JSON accepts lowercase nan/inf tokens, null and numeric strings', () => {
  const h = parseHistory('{"loss":[nan, -inf, null, "0.25", "NaN", 1e400]}', 'odd.json');
  assert.deepEqual(h.loss, [NaN, NaN, NaN, 0.25, NaN, NaN]);
});

test('shorter series are padded with gaps so epochs stay aligned', () => {
  const h = parseHistory('{"loss":[0.7,0.6,0.5],"val_loss":[0.8]}', 'ragged.json');
  assert.deepEqual(h.val_loss, [0.8, NaN, NaN]);
  assert.equal(h.epochs, 3);
});

test('reads a Keras 3 CSVLogger file: CRLF, accuracy columns, learning_rate ignored, nan gaps', async () => {
  const h = parseHistory(await fixture('csvlogger_with_val.csv'), 'training.log');
  assert.deepEqual(h, {
    epochs: 4,
    acc: [0.5215, 0.616, 0.6735, 0.712],
    loss: [0.6921, 0.6553, 0.601, 0.5612],
    val_acc: [0.544, 0.632, NaN, 0.693],
    val_loss: [0.681, 0.6421, NaN, 0.5804],
  });
});

test('CSVLogger without validation writes NA columns, read as gaps; inf is a gap too', async () => {
  const h = parseHistory(await fixture('csvlogger_no_val.csv'), 'no_val.csv');
  assert.deepEqual(h, { epochs: 2, acc: [0.5, 0.625], loss: [0.69, NaN], val_acc: [NaN, NaN], val_loss: [NaN, NaN] });
});

test('CSV columns in any order, "epoch" places rows, missing epochs are gaps, repeated header skipped', () => {
  const csv = ['val_loss,loss,epoch,lr,acc', '0.9,1.0,0,0.1,0.4', '0.7,0.8,2,0.1,0.6', 'val_loss,loss,epoch,lr,acc', '0.65,0.75,2,0.1,0.61', ''].join('\n');
  assert.deepEqual(parseHistory(csv, 'log.csv'), {
    epochs: 3,
    acc: [0.4, NaN, 0.61],
    loss: [1.0, NaN, 0.75],
    val_loss: [0.9, NaN, 0.65],
  });
});

test('CSV without an epoch column uses row order; other separators and quoted fields work', () => {
  const csv = 'loss;acc;note\n0.9;0.5;"a; b"\n0.8;0.6;"say ""hi"""\n';
  assert.deepEqual(parseHistory(csv, 'log.csv'), { epochs: 2, acc: [0.5, 0.6], loss: [0.9, 0.8] });
});

test('readHistoryFile reads from disk and names the path in errors', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'convscope-read-'));
  const good = join(dir, 'history.csv');
  await writeFile(good, 'epoch,loss\n0,0.5\n1,0.25\n');
  assert.deepEqual(await readHistoryFile(good), { epochs: 2, loss: [0.5, 0.25] });
  const bad = join(dir, 'bad.json');
  await writeFile(bad, '{"val_loss":[1]}');
  await assert.rejects(readHistoryFile(bad), { name: 'HistoryFormatError', message: `${bad}: no 'loss' or 'acc' series found` });
});

const malformed: Array<[string, string, string]> = [
  ['history.json', '', 'history.json: file is empty'],
  ['history.json', '  \n', 'history.json: file is empty'],
  ['history.json', '{"loss": [0.5,', 'history.json: invalid JSON'],
  ['history.json', '[0.5, 0.4]', 'history.json: expected a JSON object of per-epoch series'],
  ['history.json', '{"val_loss":[0.5],"val_acc":[0.5]}', "history.json: no 'loss' or 'acc' series found"],
  ['history.json', '{"loss": 0.5}', "history.json: 'loss' is not an array"],
  ['history.json', '{"loss": [0.5, "abc"]}', `history.json: 'loss'[1] is not a number: "abc"`],
  ['history.json', '{"loss": [0.5, true]}', "history.json: 'loss'[1] is not a number: true"],
  ['history.json', '{"loss": []}', 'history.json: no epochs recorded'],
  ['history.json', '{"format":"other","history":{"loss":[1]}}', 'history.json: unknown format "other"'],
  ['history.json', '{"format":"convscope-history","version":2,"history":{"loss":[1]}}', 'history.json: unsupported convscope-history version 2 (expected 1)'],
  ['history.json', '{"format":"convscope-history","version":1,"history":[1]}', "history.json: 'history' is not an object"],
  ['history.json', '{"loss":[1],"meta":"x"}', "history.json: 'meta' is not an object"],
  ['log.csv', 'epoch,val_loss\n0,0.5\n', "log.csv: no 'loss' or 'acc' column in the CSV header"],
  ['log.csv', 'hello world', "log.csv: no 'loss' or 'acc' column in the CSV header"],
  ['log.csv', 'epoch,acc,loss\n0,0.5\n', 'log.csv: line 2: expected 3 fields, found 2'],
  ['log.csv', 'epoch,acc,loss\n0,0.5,0.7\n1,abc,0.6\n', "log.csv: line 3: 'acc' value 'abc' is not a number"],
  ['log.csv', 'epoch,acc,loss\n-1,0.5,0.7\n', "log.csv: line 2: bad epoch '-1'"],
  ['log.csv', 'epoch,acc,loss\n99999999,0.5,0.7\n', "log.csv: line 2: bad epoch '99999999'"],
  ['log.csv', 'epoch,acc,loss\r\n', 'log.csv: no epochs recorded'],
];

for (const [file, text, expected] of malformed) {
  test(`malformed ${file} ${JSON.stringify(text.slice(0, 40))} → ${expected}`, () => {
    assert.throws(
      () => parseHistory(text, file),
      (error: unknown) => {
        assert.ok(error instanceof HistoryFormatError);
        assert.ok(error.message.startsWith(expected), error.message);
        assert.doesNotMatch(error.message, /[\r\n]/);
        return true;
      },
    );
  });
}
