import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ourStderr, runCli } from '../helpers/cli.js';

test('doctor --json reports backend, TensorFlow, node and terminal', async () => {
  const r = await runCli(['doctor', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.equal(report.node, process.version);
  assert.equal(report.terminal.stdoutIsTTY, false);
  assert.equal(typeof report.terminal.colorLevel, 'number');
  if (process.env.CONVSCOPE_IN_CI === '1') assert.equal(report.backend, 'tensorflow');
  assert.equal(report.native, report.backend === 'tensorflow');
  assert.deepEqual(ourStderr(r.stderr), []);
});

test('doctor prints a readable table', async () => {
  const r = await runCli(['doctor']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^backend\s+\S+/m);
  assert.match(r.stdout, /^libtensorflow\s+\S+/m);
  assert.match(r.stdout, /^terminal\s+stdout is not a TTY/m);
});

test('an unknown command is a usage error: one line, exit 2', async () => {
  const r = await runCli(['frobnicate']);
  assert.equal(r.code, 2);
  assert.deepEqual(ourStderr(r.stderr), ['convscope: unknown command "frobnicate"; use one of inspect, train, charts, compress, doctor']);
});
