// A disk that fills up while a checkpoint is being saved: the run stops with one line, and what was saved
// before (the previous checkpoint, the history, the `model` link) is intact and loadable.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadBackend } from '../../source/model/backend.js';
import { loadModel } from '../../source/model/load.js';
import { ourStderr, runCli } from '../helpers/cli.js';
import { makeTinyDataset } from './fixtures/tiny-dataset.js';

const mountPoint = mkdtempSync(join(tmpdir(), 'convscope-fulldisk-'));
// A 3 MB file system holds one 1.9 MB checkpoint of the 32-px model but not a second one.
const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', mountPoint]).status === 0;
const skip = mounted ? false : 'mounting a small tmpfs needs root';
if (!mounted) rmSync(mountPoint, { recursive: true, force: true });

test('a full disk during a checkpoint save keeps the previous checkpoint and history', { skip }, async () => {
  const data = await makeTinyDataset();
  const out = join(mountPoint, 'run');
  try {
    const r = await runCli(['train', '--data', data, '--out', out, '--image-size', '32', '--epochs', '3', '--steps-per-epoch', '2', '--validation-steps', '1', '--batch-size', '4', '--seed', '1', '--print']);
    assert.equal(r.code, 1, r.stderr);
    const lines = ourStderr(r.stderr);
    assert.equal(lines.length, 1, JSON.stringify(lines));
    assert.match(lines[0]!, /no space left on device/);
    const history = JSON.parse(readFileSync(join(out, 'history.json'), 'utf8'));
    assert.equal(history.history.loss.length, 1, 'the history of the saved epoch');
    const { tf } = await loadBackend();
    const model = await loadModel(tf, join(out, 'model'));
    assert.equal((model.metadata as { epoch?: number }).epoch, 1);
    model.model.dispose();
    assert.deepEqual(readdirSync(join(out, 'checkpoints')), ['epoch-01'], 'no half-written checkpoint or temp folder');
  } finally {
    rmSync(data, { recursive: true, force: true });
    spawnSync('umount', [mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  }
});
