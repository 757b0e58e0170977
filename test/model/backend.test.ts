import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadBackend, requireNative } from '../../source/model/backend.js';

const inCi = process.env.CONVSCOPE_IN_CI === '1';

test('CI runs on the native TensorFlow backend, never on a fallback', { skip: !inCi && 'only enforced when CI is set' }, async () => {
  const { info } = await loadBackend();
  assert.equal(info.backend, 'tensorflow');
  assert.equal(info.native, true);
  assert.match(info.tensorflowVersion ?? '', /^2\.\d+\.\d+/);
});

test('the backend reports what it is and where libtensorflow came from', async () => {
  const { tf, info } = await loadBackend();
  assert.equal(info.backend, tf.getBackend());
  assert.equal(info.native, info.backend === 'tensorflow');
  assert.ok(info.libtensorflow.source.length > 0);
  if (info.native) assert.ok(info.libtensorflow.path, 'native backend has a library path');
  else assert.ok(info.fallbackReason);
});

test('a conv2d runs on the loaded backend and gives the hand-computed result', async () => {
  const { tf } = await loadBackend();
  // 3×3 input 1..9, one 2×2 kernel of ones, valid padding: each output is the sum of a 2×2 window.
  const x = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);
  const k = tf.ones([2, 2, 1, 1]) as ReturnType<typeof tf.tensor4d>;
  const y = tf.conv2d(x, k, 1, 'valid');
  assert.deepEqual(Array.from(await y.data()), [12, 16, 24, 28]);
  tf.dispose([x, k, y]);
});

test('training requires the native backend (and is allowed on it)', async () => {
  const { info } = await loadBackend();
  if (info.native) await assert.doesNotReject(requireNative('training'));
  else await assert.rejects(requireNative('training'), /needs native TensorFlow/);
});
