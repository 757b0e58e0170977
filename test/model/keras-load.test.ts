// Keras .keras / .h5 loading without Python: small files built in the test (Keras 3.15's layout, written with
// fflate and h5wasm), a forward pass checked against a direct computation, and every refusal checked to be a
// one-line ModelLoadError that names the file.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { loadBackend } from '../../source/model/backend.js';
import { ModelLoadError } from '../../source/model/errors.js';
import { loadModel } from '../../source/model/load.js';
import { stringListAttr, withHdf5 } from '../../source/model/formats/keras/hdf5.js';
import { makeTempDir } from '../reference/helpers.js';
import {
  buildHdf5, functionalConfig, tinyForward, tinyFunctionalLayers, tinyWeights, writeKerasH5, writeKerasV3, type TinyLayer,
} from '../reference/keras-fixtures.js';

const temp = makeTempDir('keras-load');
after(() => temp.remove());
const path = (name: string) => join(temp.dir, name);

const input = Float32Array.from({ length: 36 }, (_, i) => ((i * 5) % 13) / 13);

async function predict(file: string): Promise<number> {
  const { tf } = await loadBackend();
  const loaded = await loadModel(tf, file);
  try {
    assert.deepEqual(loaded.input, { height: 6, width: 6, channels: 1 });
    const y = tf.tidy(() => (loaded.model.predict(tf.tensor4d(input, [1, 6, 6, 1])) as ReturnType<typeof tf.tensor>).dataSync());
    return y[0]!;
  } finally {
    loaded.model.dispose();
  }
}

async function refused(file: string, pattern: RegExp): Promise<string> {
  const { tf } = await loadBackend();
  let message = '';
  await assert.rejects(loadModel(tf, file), (error: unknown) => {
    assert.ok(error instanceof ModelLoadError, `expected a ModelLoadError, got ${String(error)}`);
    message = error.message;
    assert.ok(!message.includes('\n'), `one line: ${JSON.stringify(message)}`);
    assert.ok(message.startsWith(`${file}: `), `names the file: ${message}`);
    assert.match(message, pattern);
    return true;
  });
  return message;
}

describe('Keras files load without Python', () => {
  test('a .keras (Keras 3 zip) loads, weights matched through the class-derived vars paths', async () => {
    await writeKerasV3(path('tiny.keras'), functionalConfig(tinyFunctionalLayers()), tinyWeights());
    const y = await predict(path('tiny.keras'));
    assert.ok(Math.abs(y - tinyForward(input)) < 1e-6, `${y} vs ${tinyForward(input)}`);
  });

  test('a .keras without recorded layer names (older Keras 3) loads through the derived paths alone', async () => {
    await writeKerasV3(path('unnamed.keras'), functionalConfig(tinyFunctionalLayers()), tinyWeights(), { names: false });
    const y = await predict(path('unnamed.keras'));
    assert.ok(Math.abs(y - tinyForward(input)) < 1e-6, `${y} vs ${tinyForward(input)}`);
  });

  test('a legacy .h5 loads, weights matched by layer name and weight_names order', async () => {
    await writeKerasH5(path('tiny.h5'), functionalConfig(tinyFunctionalLayers()), tinyWeights());
    const y = await predict(path('tiny.h5'));
    assert.ok(Math.abs(y - tinyForward(input)) < 1e-6, `${y} vs ${tinyForward(input)}`);
  });

  test('a legacy .h5 whose layer_names attribute is split in chunks (layer_names0, layer_names1) loads', async () => {
    await writeKerasH5(path('split.h5'), functionalConfig(tinyFunctionalLayers()), tinyWeights(), { splitLayerNames: true });
    const y = await predict(path('split.h5'));
    assert.ok(Math.abs(y - tinyForward(input)) < 1e-6, `${y} vs ${tinyForward(input)}`);
  });

  test('split string-list attributes are read in order, and empty lists as []', async () => {
    const bytes = await buildHdf5((f) => {
      f.create_attribute('weight_names0', ['a/kernel:0', 'a/bias:0']);
      f.create_attribute('weight_names1', ['b/kernel:0']);
      f.create_attribute('empty', new Float64Array(0), [0]);
      f.create_attribute('one', 'only');
    });
    const lists = await withHdf5(bytes, (f) => [stringListAttr(f, 'weight_names'), stringListAttr(f, 'empty'), stringListAttr(f, 'one'), stringListAttr(f, 'none')]);
    assert.deepEqual(lists, [['a/kernel:0', 'a/bias:0', 'b/kernel:0'], [], ['only'], null]);
  });

  test('formats claim .h5, .hdf5 and .keras files by extension', async () => {
    await writeKerasH5(path('tiny.HDF5'), functionalConfig(tinyFunctionalLayers()), tinyWeights());
    const { tf } = await loadBackend();
    const loaded = await loadModel(tf, path('tiny.HDF5'));
    assert.equal(loaded.format, 'keras-h5');
    loaded.model.dispose();
  });

  test('loading leaves no file behind in the temp folder', async () => {
    const before = readdirSync(tmpdir()).sort();
    await predict(path('tiny.keras'));
    await predict(path('tiny.h5'));
    assert.deepEqual(readdirSync(tmpdir()).sort().filter((f) => !before.includes(f) && !f.startsWith('convscope-')), []);
  });
});

describe('Keras files that cannot be loaded are refused in one line naming the file', () => {
  test('a truncated .h5', async () => {
    await writeKerasH5(path('full.h5'), functionalConfig(tinyFunctionalLayers()), tinyWeights());
    const bytes = readFileSync(path('full.h5'));
    writeFileSync(path('truncated.h5'), bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    await refused(path('truncated.h5'), /truncated HDF5 file \(\d+ bytes, the file says it has \d+\)/);
    writeFileSync(path('stub.h5'), bytes.subarray(0, 40));
    await refused(path('stub.h5'), /truncated HDF5 file|damaged or truncated HDF5 file \(.+\)/);
  });

  test('an .h5 that is not HDF5 and a .keras that is not a zip', async () => {
    writeFileSync(path('text.h5'), 'hello, not HDF5\n');
    await refused(path('text.h5'), /: not an HDF5 file$/);
    writeFileSync(path('text.keras'), 'hello, not a zip\n');
    await refused(path('text.keras'), /not a \.keras file \(not a zip archive\)/);
  });

  test('a truncated .keras', async () => {
    await writeKerasV3(path('whole.keras'), functionalConfig(tinyFunctionalLayers()), tinyWeights());
    const bytes = readFileSync(path('whole.keras'));
    writeFileSync(path('cut.keras'), bytes.subarray(0, Math.floor(bytes.length / 2)));
    await refused(path('cut.keras'), /damaged or truncated zip archive/);
  });

  test('a .keras with the weights file removed', async () => {
    await writeKerasV3(path('no-weights.keras'), functionalConfig(tinyFunctionalLayers()), null);
    await refused(path('no-weights.keras'), /model\.weights\.h5 is missing from the archive/);
  });

  test('a model whose config has a Lambda layer (.keras and .h5), without running its code', async () => {
    const layers = tinyFunctionalLayers();
    // What Keras writes for Lambda(lambda t: t * 2): marshalled Python bytecode, base64. Never decoded here.
    layers.splice(2, 0, {
      module: 'keras.layers', class_name: 'Lambda', registered_name: null, name: 'double',
      config: { name: 'double', trainable: true, function: { class_name: '__lambda__', config: { code: '4wEAAAAAAAAAAAAAAAIAAAAD', defaults: null, closure: null } }, arguments: {} },
      inbound_nodes: [{ args: [{ class_name: '__keras_tensor__', config: { shape: [null, 4, 4, 2], dtype: 'float32', keras_history: ['conv', 0, 0] } }], kwargs: { mask: null } }],
    });
    (layers[3]!.inbound_nodes![0] as { args: Array<{ config: { keras_history: unknown[] } }> }).args[0]!.config.keras_history = ['double', 0, 0];
    await writeKerasV3(path('lambda.keras'), functionalConfig(layers), tinyWeights());
    await refused(path('lambda.keras'), /layer 'double' \(Lambda\) is a Lambda layer: its Python code cannot be loaded/);
    await writeKerasH5(path('lambda.h5'), functionalConfig(layers), tinyWeights());
    await refused(path('lambda.h5'), /layer 'double' \(Lambda\) is a Lambda layer/);
  });

  test('an unknown layer class, and a custom (registered) one', async () => {
    const unknown = tinyFunctionalLayers();
    unknown[2] = { ...unknown[2]!, class_name: 'Flattenator' } as TinyLayer;
    await writeKerasV3(path('unknown.keras'), functionalConfig(unknown), tinyWeights());
    await refused(path('unknown.keras'), /layer 'flat' \(Flattenator\): layer class Flattenator is not supported/);

    const custom = tinyFunctionalLayers();
    custom[2] = { ...custom[2]!, module: null, class_name: 'MyFlatten', registered_name: 'my_package>MyFlatten' } as TinyLayer;
    await writeKerasH5(path('custom.h5'), functionalConfig(custom), tinyWeights());
    await refused(path('custom.h5'), /layer 'flat' \(MyFlatten\) is a custom layer class \(my_package>MyFlatten\)/);
  });

  test('missing weights for a layer, and a weight of the wrong shape, name the layer', async () => {
    await writeKerasH5(path('missing.h5'), functionalConfig(tinyFunctionalLayers()), tinyWeights(), { skip: 'out' });
    await refused(path('missing.h5'), /no weights for layer 'out' \(Dense\) in the file/);
    await writeKerasV3(path('shape.keras'), functionalConfig(tinyFunctionalLayers()), tinyWeights(), { shapes: { convKernel: [3, 3, 2, 1] } });
    await refused(path('shape.keras'), /layer 'conv' \(Conv2D\): weight conv2d\/vars\/0 has shape \[3, 3, 2, 1\] but the layer needs \[3, 3, 1, 2\]/);
  });

  test('a weights-only .h5 and a subclassed model', async () => {
    await writeKerasH5(path('weights-only.h5'), null, tinyWeights());
    await refused(path('weights-only.h5'), /holds only weights, no model config/);
    await writeKerasV3(path('subclassed.keras'), { module: 'my_models', class_name: 'MyNet', config: { units: 3 }, registered_name: 'MyNet' }, tinyWeights());
    await refused(path('subclassed.keras'), /model class MyNet is not a Sequential or functional model/);
  });
});
