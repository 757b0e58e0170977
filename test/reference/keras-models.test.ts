// Keras is the reference: Python Keras 3 writes the seed model (Sequential and functional, .h5 and .keras, a
// Keras 2 style .h5 and a tfjs model.json) and its activations for one fixed image; convscope loads each file
// with loadModel, prepares the image with prepareImage, runs ActivationModel and must agree on every layer.
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { unzipSync, zipSync } from 'fflate';
import { ActivationModel } from '../../source/activations/forward.js';
import { loadBackend } from '../../source/model/backend.js';
import { ModelLoadError } from '../../source/model/errors.js';
import { prepareImage } from '../../source/model/image.js';
import { loadModel } from '../../source/model/load.js';
import { makeTempDir, maxAbsDiff, readNpy, runReference, skipWithoutPython } from './helpers.js';

interface Manifest {
  image: string;
  models: Record<string, {
    layers: Array<{ name: string; className: string; shape: number[]; file: string }>;
    prediction: number[];
  }>;
}

const ACTIVATION_TOLERANCE = 1e-4;
const PREDICTION_TOLERANCE = 1e-5;

// [file written by keras_models.py, the Keras model whose activations it must reproduce, expected format]
const CASES: Array<[string, string, string]> = [
  ['seq.h5', 'seq', 'keras-h5'],
  ['seq.keras', 'seq', 'keras'],
  ['fn.h5', 'fn', 'keras-h5'],
  ['fn.keras', 'fn', 'keras'],
  ['keras2.h5', 'seq', 'keras-h5'],
  ['tfjs/model.json', 'seq', 'tfjs-layers'],
  ['extras.h5', 'extras', 'keras-h5'],
  ['extras.keras', 'extras', 'keras'],
  ['zoo.keras', 'zoo', 'keras'],
  ['zoo-unnamed.keras', 'zoo', 'keras'],
];

describe('Keras reference: convscope reproduces Keras activations layer by layer', { skip: skipWithoutPython() }, () => {
  const temp = makeTempDir('keras-ref');
  const dir = temp.dir;
  let manifest: Manifest;

  before(async () => {
    await runReference('keras_models.py', [dir], { timeoutMs: 180_000 });
    manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  });
  after(() => temp.remove());

  for (const [file, key, format] of CASES) {
    test(`${file}: every layer within ${ACTIVATION_TOLERANCE}, prediction within ${PREDICTION_TOLERANCE}`, async (t) => {
      const { tf } = await loadBackend();
      const expected = manifest.models[key]!;
      const loaded = await loadModel(tf, join(dir, file));
      assert.equal(loaded.format, format);
      assert.deepEqual(loaded.input, { height: 150, width: 150, channels: 3 });
      const probe = new ActivationModel(tf, loaded.model);
      try {
        const image = await prepareImage(join(dir, manifest.image), { ...loaded.input, interpolation: 'nearest' });
        const activations = await probe.run(image.input, [150, 150, 3]);
        const byName = new Map(activations.map((a) => [a.layer.name, a]));
        assert.equal(activations.length, expected.layers.length, 'one activation per Keras layer');
        const report: string[] = [];
        for (const layer of expected.layers) {
          const ours = byName.get(layer.name);
          assert.ok(ours, `layer ${layer.name} is in the loaded model`);
          assert.equal(ours.layer.className, layer.className, `${layer.name}: class`);
          assert.deepEqual(ours.layer.shape, layer.shape, `${layer.name}: shape`);
          const reference = readNpy(join(dir, layer.file));
          assert.deepEqual(reference.shape, layer.shape);
          const diff = maxAbsDiff(ours.data, reference.data);
          report.push(`${layer.name} ${diff.toExponential(1)}`);
          assert.ok(diff <= ACTIVATION_TOLERANCE, `${layer.name}: max |Δ| ${diff} > ${ACTIVATION_TOLERANCE}`);
        }
        const last = activations.at(-1)!;
        const predictionDiff = maxAbsDiff(last.data, expected.prediction);
        report.push(`prediction ${predictionDiff.toExponential(1)}`);
        assert.ok(predictionDiff <= PREDICTION_TOLERANCE, `prediction differs by ${predictionDiff}`);
        t.diagnostic(`max |Δ|: ${report.join(', ')}`);
      } finally {
        loaded.model.dispose();
      }
    });
  }

  const refuses = async (file: string, pattern: RegExp) => {
    const { tf } = await loadBackend();
    const path = join(dir, file);
    await assert.rejects(loadModel(tf, path), (error: unknown) => {
      assert.ok(error instanceof ModelLoadError, `ModelLoadError, got ${String(error)}`);
      assert.ok(!error.message.includes('\n'), `one line: ${error.message}`);
      assert.ok(error.message.startsWith(`${path}: `), `names the file: ${error.message}`);
      assert.match(error.message, pattern);
      return true;
    });
  };

  test('a Lambda layer (.keras and .h5) is refused by name, its code never run', async () => {
    await refuses('lambda.keras', /layer 'times_two' \(Lambda\) is a Lambda layer/);
    await refuses('lambda.h5', /layer 'times_two' \(Lambda\) is a Lambda layer/);
  });

  test('a registered custom layer class is refused by name', async () => {
    await refuses('custom.keras', /layer 'doubler' \(Doubler\) is a custom layer class \(convscope_test>Doubler\)/);
  });

  test('a Keras layer class TensorFlow.js lacks is refused by name', async () => {
    await refuses('unknown.keras', /layer class RandomFlip is not supported/);
  });

  test('a truncated .h5 and a truncated .keras are refused in one line', async () => {
    for (const [from, to] of [['seq.h5', 'truncated.h5'], ['seq.keras', 'truncated.keras']] as const) {
      const bytes = readFileSync(join(dir, from));
      writeFileSync(join(dir, to), bytes.subarray(0, Math.floor(bytes.length / 2)));
    }
    await refuses('truncated.h5', /truncated HDF5 file \(\d+ bytes, the file says it has \d+\)/);
    await refuses('truncated.keras', /damaged or truncated zip archive/);
  });

  test('a .keras without model.weights.h5 is refused', async () => {
    const entries = unzipSync(readFileSync(join(dir, 'seq.keras')));
    delete entries['model.weights.h5'];
    writeFileSync(join(dir, 'no-weights.keras'), zipSync(entries));
    await refuses('no-weights.keras', /model\.weights\.h5 is missing/);
  });

  test('an .h5 that is not HDF5, and a .keras that is not a zip, are refused', async () => {
    copyFileSync(join(dir, 'input.png'), join(dir, 'picture.h5'));
    copyFileSync(join(dir, 'input.png'), join(dir, 'picture.keras'));
    await refuses('picture.h5', /not an HDF5 file/);
    await refuses('picture.keras', /not a zip archive/);
  });
});
