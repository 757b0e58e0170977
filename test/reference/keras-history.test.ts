// A real Keras History is the reference for the charts summary: the best epoch (lowest val_loss) and the
// epoch where EarlyStopping(monitor='val_loss', patience=P) actually stopped a Keras training run.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { readHistoryFile } from '../../source/history/read.js';
import { summarize } from '../../source/history/summary.js';
import { makeTempDir, runReference, skipWithoutPython } from './helpers.js';

const skip = skipWithoutPython();
let tmp: ReturnType<typeof makeTempDir>;
let reference: { epochs: number; best_epoch: number; stops: Record<string, { epochs_run: number; stopped_epoch: number }> };

before(async () => {
  if (skip) return;
  tmp = makeTempDir('history');
  await runReference('keras_history.py', [tmp.dir], { timeoutMs: 180_000 });
  reference = JSON.parse(readFileSync(join(tmp.dir, 'reference.json'), 'utf8'));
});
after(() => tmp?.remove());

for (const file of ['history.json', 'history.csv']) {
  test(`Keras ${file}: best epoch and EarlyStopping agree with Keras`, { skip }, async () => {
    const history = await readHistoryFile(join(tmp.dir, file));
    assert.equal(history.epochs, reference.epochs);
    for (const [patience, stop] of Object.entries(reference.stops)) {
      const summary = summarize(history, { patience: Number(patience) });
      assert.equal(summary.bestEpoch, reference.best_epoch, 'best epoch = lowest val_loss');
      // Keras ran `epochs_run` epochs; when it stopped early that is where convscope says it would have.
      const expected = stop.epochs_run < reference.epochs ? stop.epochs_run : undefined;
      assert.equal(summary.earlyStopEpoch, expected, `patience ${patience}: Keras ran ${stop.epochs_run} epochs`);
    }
  });
}
