'use strict';
/*
 * Root postinstall: says in one line whether `npm install` ended with native TensorFlow, by loading
 * tfjs-node in a child process (a failed load must not take npm down with it).
 * With CI set it exits non-zero when native TensorFlow is missing, so CI never runs on the slow fallback.
 */
const cp = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { STATUS_FILE } = require('./paths.cjs');

const root = process.env.INIT_CWD && fs.existsSync(path.join(process.env.INIT_CWD, 'node_modules'))
  ? process.env.INIT_CWD : path.join(__dirname, '..', '..');
let status = {};
try {
  status = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', STATUS_FILE), 'utf8'));
} catch {}

const probe = cp.spawnSync(process.execPath, ['-e',
  "const tf=require('@tensorflow/tfjs-node');" +
  "process.stdout.write(JSON.stringify({backend:tf.getBackend(),tf:tf.backend().binding.TF_Version}))"],
{ cwd: root, encoding: 'utf8' });

let ok = false;
if (probe.status === 0) {
  const { backend, tf } = JSON.parse(probe.stdout);
  ok = backend === 'tensorflow';
  const from = status.source || (status.result === 'official' ? 'official download' : 'earlier install');
  console.log(`convscope: native TensorFlow ${tf} ready (backend "${backend}", libtensorflow from ${from})`);
} else if (status.result === 'omitted') {
  console.log('convscope: installed without native TensorFlow (--omit=optional): inspection uses the slow wasm backend, training is off');
} else {
  const why = (probe.stderr || '').split('\n').find((l) => /Error/.test(l)) || 'tfjs-node is missing';
  console.log(`convscope: native TensorFlow is NOT available (${why.trim()}); inspection falls back to wasm, training is off.`);
  console.log('convscope: see README "Native TensorFlow" (CONVSCOPE_LIBTENSORFLOW=/path/to/tensorflow.whl npm install)');
}
if (!ok && process.env.CI && process.env.CI !== 'false') process.exit(1);
