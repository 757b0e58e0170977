// Every bad input gets one line naming the file, exit 1 (2 for usage), no stack trace, and no output files.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { makeImageTree, makeTinyModel, tempDir, writeImage } from '../helpers/fixtures.js';
import { ourStderr, runCli } from '../helpers/cli.js';

let dir: ReturnType<typeof tempDir>;
let model: string;
let images: string;
const p = (...parts: string[]) => join(dir.path, ...parts);

function modelVariant(name: string, edit: (json: Record<string, any>, weights: Buffer) => { json?: unknown; weights?: Buffer | null }): string {
  const folder = p('models', name);
  mkdirSync(folder, { recursive: true });
  const json = JSON.parse(readFileSync(join(model, 'model.json'), 'utf8'));
  const weights = readFileSync(join(model, 'weights.bin'));
  const out = edit(json, weights);
  writeFileSync(join(folder, 'model.json'), typeof out.json === 'string' ? out.json : JSON.stringify(out.json ?? json));
  if (out.weights !== null) writeFileSync(join(folder, 'weights.bin'), out.weights ?? weights);
  return folder;
}

before(async () => {
  dir = tempDir();
  model = await makeTinyModel(dir.path);
  images = await makeImageTree(p('data'), ['cats', 'dogs'], 1);
  writeFileSync(p('text.jpg'), 'this is not a picture');
  const jpeg = await writeImage(p('good.jpg'), 1, { width: 64, height: 64, format: 'jpeg' });
  writeFileSync(p('truncated.jpg'), readFileSync(jpeg).subarray(0, 300));
  writeFileSync(p('history.json'), '{"epochs": "many"}');
  mkdirSync(p('empty'));
  mkdirSync(p('out'));
  copyFileSync(jpeg, p('out', 'keep.jpg')); // something the user already had there
});
after(() => dir.cleanup());

interface Row {
  name: string;
  args: () => string[];
  code: 1 | 2;
  names: RegExp;
}

const inspect = (...args: string[]) => ['--images', images, '--export', p('out', 'run'), ...args];

const rows: Row[] = [
  { name: 'unknown flag', args: () => ['--frobnicate'], code: 2, names: /--frobnicate/ },
  { name: 'flag of another command', args: () => ['doctor', '--epochs', '3'], code: 2, names: /--epochs/ },
  { name: 'not a number', args: () => ['--seed', 'abc'], code: 2, names: /--seed/ },
  { name: 'unknown colormap', args: () => ['--colormap', 'rainbow'], code: 2, names: /rainbow/ },
  { name: 'missing model', args: () => inspect('--model', p('nope')), code: 1, names: /nope: no such file/ },
  { name: 'folder without model.json', args: () => inspect('--model', p('empty')), code: 1, names: /empty/ },
  { name: 'missing images folder', args: () => ['--model', model, '--images', p('nofolder'), '--export', p('out', 'run')], code: 1, names: /nofolder: no such folder/ },
  { name: 'images folder without images', args: () => ['--model', model, '--images', p('empty'), '--export', p('out', 'run')], code: 1, names: /empty: no images found/ },
  { name: 'missing image', args: () => inspect('--model', model, '--image', p('missing.png')), code: 1, names: /missing\.png/ },
  { name: 'text file named .jpg', args: () => inspect('--model', model, '--image', p('text.jpg')), code: 1, names: /text\.jpg/ },
  { name: 'truncated JPEG', args: () => inspect('--model', model, '--image', p('truncated.jpg')), code: 1, names: /truncated\.jpg/ },
  { name: 'model.json is not JSON', args: () => inspect('--model', modelVariant('badjson', () => ({ json: '{"modelTopology": ' }))), code: 1, names: /badjson\/model\.json/ },
  { name: 'weights file missing', args: () => inspect('--model', modelVariant('noweights', () => ({ weights: null }))), code: 1, names: /weights\.bin/ },
  { name: 'weights truncated', args: () => inspect('--model', modelVariant('short', (_j, w) => ({ weights: w.subarray(0, 100) }))), code: 1, names: /short\/model\.json.*truncated/ },
  {
    name: 'unknown layer class',
    args: () => inspect('--model', modelVariant('custom', (j) => {
      j.modelTopology.config.layers[1].class_name = 'MyCustomPool';
      return { json: j };
    })),
    code: 1,
    names: /custom\/model\.json.*MyCustomPool/,
  },
  {
    name: 'unsupported input shape',
    args: () => inspect('--model', modelVariant('flat', (j) => {
      j.modelTopology.config.layers = [{ class_name: 'Dense', config: { units: 2, batch_input_shape: [null, 8], name: 'd' } }];
      j.weightsManifest = [{ paths: ['weights.bin'], weights: [{ name: 'd/kernel', shape: [8, 2], dtype: 'float32' }, { name: 'd/bias', shape: [2], dtype: 'float32' }] }];
      return { json: j, weights: Buffer.alloc(18 * 4) };
    })),
    code: 1,
    names: /flat\/model\.json.*input shape/,
  },
  { name: 'malformed history', args: () => ['charts', '--history', p('history.json')], code: 1, names: /history\.json/ },
  { name: 'missing history', args: () => inspect('--model', model, '--history', p('gone.json')), code: 1, names: /gone\.json/ },
  { name: 'export into a file', args: () => ['--model', model, '--images', images, '--export', p('text.jpg')], code: 1, names: /text\.jpg/ },
];

for (const row of rows) {
  test(`bad input: ${row.name}`, async () => {
    const before = readdirSync(p('out')).sort();
    const r = await runCli(row.args());
    const lines = ourStderr(r.stderr);
    assert.equal(r.code, row.code, `exit code; stderr: ${r.stderr}`);
    assert.equal(lines.length, 1, `one line: ${JSON.stringify(lines)}`);
    assert.match(lines[0]!, /^convscope: /);
    assert.match(lines[0]!, row.names);
    assert.ok(!/\n\s+at /.test(r.stderr), 'no stack trace');
    assert.deepEqual(readdirSync(p('out')).sort(), before, 'no new files in the output folder');
    assert.deepEqual(readdirSync(dir.path).filter((f) => f.includes('.tmp-')), []);
  });
}

test('--debug shows the stack trace', async () => {
  const r = await runCli(['--debug', '--images', images, '--model', p('nope')]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /\n\s+at /);
});
