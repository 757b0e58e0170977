import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { tempDir } from '../helpers/fixtures.js';
import { ourStderr, runCli } from '../helpers/cli.js';

let dir: ReturnType<typeof tempDir>;
let keras: string;
// A Keras json.dump(history.history): val_loss is lowest at epoch 3, then rises while loss falls.
const history = {
  accuracy: [0.55, 0.65, 0.72, 0.8, 0.87, 0.93],
  loss: [0.69, 0.62, 0.55, 0.45, 0.33, 0.2],
  val_accuracy: [0.6, 0.66, 0.7, 0.71, 0.7, 0.69],
  val_loss: [0.66, 0.61, 0.58, 0.6, 0.65, 0.74],
};

before(() => {
  dir = tempDir();
  keras = join(dir.path, 'history.json');
  writeFileSync(keras, JSON.stringify(history));
});
after(() => dir.cleanup());

test('charts --print draws both charts within the width, with the summary and no escape codes', async () => {
  const r = await runCli(['charts', '--history', keras, '--print', '--width', '80', '--height', '34']);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(!r.stdout.includes('\x1b'), 'plain text when not a TTY');
  const lines = r.stdout.trimEnd().split('\n');
  assert.ok(lines.every((l) => [...l].length <= 80), 'fits 80 columns');
  assert.match(r.stdout, /best epoch 3/);
  assert.match(r.stdout, /overfitting from epoch 4/);
  assert.match(r.stdout, /EarlyStopping\(patience=2\) would have stopped at epoch 5/);
  assert.deepEqual(ourStderr(r.stderr), []);
});

test('charts --json gives the computed summary', async () => {
  const r = await runCli(['charts', '--history', keras, '--json', '--patience', '1']);
  assert.equal(r.code, 0, r.stderr);
  const s = JSON.parse(r.stdout);
  assert.equal(s.bestEpoch, 3);
  assert.equal(s.earlyStopEpoch, 4);
  assert.equal(s.finalTrainAcc, 0.93);
  assert.equal(s.finalValAcc, 0.69);
});

test('a malformed history is one line naming the file, exit 1', async () => {
  const bad = join(dir.path, 'bad.json');
  writeFileSync(bad, '{"nothing": [1,2]}');
  const r = await runCli(['charts', '--history', bad]);
  assert.equal(r.code, 1);
  const lines = ourStderr(r.stderr);
  assert.equal(lines.length, 1);
  assert.match(lines[0]!, /bad\.json/);
});

test('charts without --history is a usage error (exit 2)', async () => {
  const r = await runCli(['charts']);
  assert.equal(r.code, 2);
  assert.match(ourStderr(r.stderr)[0]!, /--history/);
});
