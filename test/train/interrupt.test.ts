import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireNative } from '../../source/model/backend.js';
import { loadModel } from '../../source/model/load.js';
import { installInterruptHandler, STOP_MESSAGE } from '../../source/train/interrupt.js';
import { makeTinyDataset } from './fixtures/tiny-dataset.js';

const root = new URL('../..', import.meta.url).pathname;

/** Starts the child trainer; sends SIGINT `times` times once a stdout line matches `when`. */
function runChild(data: string, out: string, when: RegExp, times: number, steps = 50, signal: NodeJS.Signals = 'SIGINT', extra: string[] = []): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; stdout: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', './test/setup.ts', 'test/train/fixtures/train-child.ts', data, out, String(steps), ...extra], { cwd: root });
  let stdout = '';
  let stderr = '';
  let sent = false;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk;
    if (!sent && when.test(stdout)) {
      sent = true;
      for (let i = 0; i < times; i++) child.kill(signal);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve) => child.on('exit', (code, sig) => {
    clearTimeout(timer);
    resolve({ code, signal: sig, stderr, stdout });
  }));
}

test('SIGINT finishes the batch, saves, and exits 130 with complete history and a loadable checkpoint', async () => {
  const data = await makeTinyDataset();
  const out = join(mkdtempSync(join(tmpdir(), 'convscope-sigint-')), 'run');
  try {
    const { code, stderr, stdout } = await runChild(data, out, /batch-end 2 1\n/, 1);
    assert.equal(code, 130, stderr);
    assert.ok(stderr.includes(STOP_MESSAGE));
    assert.match(stdout, /saved interrupted 1\n/);
    const history = JSON.parse(readFileSync(join(out, 'history.json'), 'utf8'));
    assert.equal(history.history.acc.length, 1, 'history holds the complete epoch');
    assert.equal(history.history.val_loss.length, 1);
    const { tf } = await requireNative('training');
    for (const dir of ['interrupted', 'model']) {
      const loaded = await loadModel(tf, join(out, dir));
      assert.deepEqual(loaded.metadata.classNames, ['cats', 'dogs']);
      loaded.model.dispose();
    }
  } finally {
    rmSync(join(out, '..'), { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  }
});

test('a second SIGINT exits 130 at once; the last complete checkpoint stays intact', async () => {
  const data = await makeTinyDataset();
  const out = join(mkdtempSync(join(tmpdir(), 'convscope-sigint-')), 'run');
  try {
    const { code, stderr } = await runChild(data, out, /saved checkpoint 1\n/, 2, 3);
    assert.equal(code, 130, stderr);
    assert.ok(!existsSync(join(out, 'interrupted')) || existsSync(join(out, 'interrupted', 'model.json')));
    const { tf } = await requireNative('training');
    const loaded = await loadModel(tf, join(out, 'model'));
    assert.ok(((loaded.metadata as { epoch?: number }).epoch ?? 0) >= 1);
    loaded.model.dispose();
  } finally {
    rmSync(join(out, '..'), { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  }
});

test('kill -9 during an epoch leaves the previous checkpoint and history intact, and --resume works', async () => {
  const data = await makeTinyDataset();
  const out = join(mkdtempSync(join(tmpdir(), 'convscope-kill9-')), 'run');
  try {
    const killed = await runChild(data, out, /batch-end 2 2\n/, 1, 3, 'SIGKILL');
    assert.equal(killed.signal, 'SIGKILL');
    const history = JSON.parse(readFileSync(join(out, 'history.json'), 'utf8'));
    assert.equal(history.history.loss.length, 1, 'epoch 1 complete, epoch 2 not recorded');
    const { tf } = await requireNative('training');
    const loaded = await loadModel(tf, join(out, 'model'));
    assert.equal((loaded.metadata as { epoch?: number }).epoch, 1);
    loaded.model.dispose();
    // Resume to 2 epochs in all: it continues from epoch 1's checkpoint and appends epoch 2.
    const resumed = await runChild(data, out, /^$/, 0, 3, 'SIGINT', ['2', 'resume']);
    assert.equal(resumed.code, 0, resumed.stderr);
    const after = JSON.parse(readFileSync(join(out, 'history.json'), 'utf8'));
    assert.equal(after.history.loss.length, 2);
    assert.equal(after.history.loss[0], history.history.loss[0], 'epoch 1 kept as it was');
  } finally {
    rmSync(join(out, '..'), { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  }
});

test('installInterruptHandler: first interrupt asks to stop, the second exits 130', () => {
  const calls: string[] = [];
  const handler = installInterruptHandler({ requestStop: () => calls.push('stop') }, (m) => calls.push(m), { exit: (code) => calls.push(`exit ${code}`), signals: [] });
  handler.interrupt();
  handler.interrupt();
  handler.uninstall();
  assert.deepEqual(calls, [STOP_MESSAGE, 'stop', 'exit 130']);
});
