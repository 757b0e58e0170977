import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import { makeImageTree, makeTinyModel, tempDir } from '../helpers/fixtures.js';
import { ourStderr, runCli } from '../helpers/cli.js';
import { readNpy } from '../plain/npy.test.js';

let dir: ReturnType<typeof tempDir>;
let model: string;
let images: string;

before(async () => {
  dir = tempDir();
  model = await makeTinyModel(dir.path, { classNames: ['cats', 'dogs'] });
  images = await makeImageTree(join(dir.path, 'data'), ['cats', 'dogs'], 2);
  writeFileSync(join(dir.path, 'history.json'), JSON.stringify({ acc: [0.5, 0.6], loss: [0.7, 0.6], val_acc: [0.5, 0.55], val_loss: [0.69, 0.68] }));
});
after(() => dir.cleanup());

test('--export writes a PNG and an .npy per layer, the input, charts and summary.json', async () => {
  const out = join(dir.path, 'export');
  const r = await runCli(['--model', model, '--images', images, '--seed', '1', '--export', out, '--history', join(dir.path, 'history.json')]);
  assert.equal(r.code, 0, r.stderr);
  const files = readdirSync(out).sort();
  assert.deepEqual(files, [
    '01-conv2d.npy', '01-conv2d.png', '02-max_pooling2d.npy', '02-max_pooling2d.png', '03-conv2d_1.npy', '03-conv2d_1.png',
    '04-max_pooling2d_1.npy', '04-max_pooling2d_1.png', '05-flatten.npy', '05-flatten.png', '06-dense.npy', '06-dense.png',
    '07-dense_1.npy', '07-dense_1.png', 'charts.png', 'input.npy', 'input.png', 'summary.json',
  ]);
  // conv2d: 30×30×4 → 4 tiles in one row, 2-px gaps, plus a 22-px title bar; width at least 240.
  const png = await sharp(join(out, '01-conv2d.png')).metadata();
  assert.deepEqual([png.width, png.height], [Math.max(240, 4 * 30 + 3 * 2), 30 + 22]);
  const input = await sharp(join(out, 'input.png')).metadata();
  assert.deepEqual([input.width, input.height], [32, 32]);
  const conv = readNpy(readFileSync(join(out, '01-conv2d.npy')));
  assert.deepEqual(conv.shape, [1, 30, 30, 4]);
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  assert.equal(summary.layers[0].name, 'conv2d');
  // The .npy holds the same activations the stats describe.
  assert.equal(Math.max(...conv.data), summary.layers[0].max);
  const x = readNpy(readFileSync(join(out, 'input.npy')));
  assert.deepEqual(x.shape, [1, 32, 32, 3]);
  assert.ok(x.data.every((v) => v >= 0 && v <= 1));
  assert.deepEqual(readdirSync(dir.path).filter((f) => f.includes('.tmp-')), [], 'no staging folder left');
});

test('--export --layer limits the files to one layer', async () => {
  const out = join(dir.path, 'one');
  const r = await runCli(['--model', model, '--images', images, '--export', out, '--layer', 'dense']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(readdirSync(out).filter((f) => /^\d\d-/.test(f)).sort(), ['06-dense.npy', '06-dense.png']);
});

test('--json validates against the documented shape', async () => {
  const r = await runCli(['--model', model, '--images', images, '--seed', '3', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const s = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(s), ['backend', 'model', 'image', 'prediction', 'layers']);
  assert.deepEqual(Object.keys(s.backend), ['name', 'native', 'tensorflow_version']);
  assert.deepEqual(s.model.input_shape, [32, 32, 3]);
  assert.deepEqual(s.model.class_names, ['cats', 'dogs']);
  assert.ok(['cats', 'dogs'].includes(s.image.true_label));
  assert.ok(s.prediction.probability >= 0.5 && s.prediction.probability <= 1);
  assert.equal(s.layers.length, 7);
  for (const l of s.layers) {
    assert.deepEqual(Object.keys(l), ['index', 'name', 'class', 'output_shape', 'sparsity', 'filters', 'dead_filters', 'min', 'max', 'mean']);
    assert.ok(l.sparsity >= 0 && l.sparsity <= 1);
  }
  assert.equal(s.layers[4].filters, null);
});

test('--print has no cursor-control escape codes and lists every layer', async () => {
  const r = await runCli(['--model', model, '--images', images, '--print', '--color', '256', '--width', '80', '--height', '30']);
  assert.equal(r.code, 0, r.stderr);
  // Colours (SGR, ending in "m") are allowed; cursor movement, erase and mode switches are not.
  const controls = r.stdout.match(/\x1b\[[0-9;?]*[A-Za-ln-z]/g) ?? [];
  assert.deepEqual(controls, []);
  assert.equal((r.stdout.match(/^layer \d\/7 /gm) ?? []).length, 7);
  assert.match(r.stdout, /^prediction (cats|dogs) \d\.\d\d/m);
});

test('a non-TTY stdout prints instead of opening the TUI', async () => {
  const r = await runCli(['--model', model, '--images', images]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^layer 1\/7 conv2d/m);
  assert.ok(!r.stdout.includes('\x1b'), 'NO colour when not a TTY and --color auto');
});

test('--export into a path that is a file fails with one line and writes nothing', async () => {
  const file = join(dir.path, 'a-file');
  writeFileSync(file, 'x');
  const r = await runCli(['--model', model, '--images', images, '--export', file]);
  assert.equal(r.code, 1);
  assert.equal(ourStderr(r.stderr).length, 1);
  assert.match(ourStderr(r.stderr)[0]!, /a-file: exists and is not a folder/);
  assert.ok(!existsSync(join(dir.path, 'a-file.tmp')));
});
