// Small Keras files built without Python, for tests that must run everywhere: a hand-written Keras 3 config
// (the shape Keras 3.15 writes, see keras_models.py for the real thing) and HDF5 written with h5wasm in memory.
// Layout written here mirrors what Keras writes: `.keras` = zip(config.json, metadata.json, model.weights.h5
// with layers/<snake_class>/vars/<i>), `.h5` = model_config attribute + model_weights/<layer>/<weight_names>.
import { writeFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import type * as H5 from 'h5wasm';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const policy = { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null };
const glorot = { module: 'keras.initializers', class_name: 'GlorotUniform', config: { seed: null }, registered_name: null };
const zeros = { module: 'keras.initializers', class_name: 'Zeros', config: {}, registered_name: null };
const tensor = (shape: Json[], from: string) => ({
  class_name: '__keras_tensor__', config: { shape, dtype: 'float32', keras_history: [from, 0, 0] },
});

export interface TinyLayer {
  module?: string | null;
  class_name: string;
  config: Record<string, Json>;
  registered_name?: string | null;
  name?: string;
  inbound_nodes?: Json[];
}

/** Input 6×6×1 → Conv2D(2, 3) 'conv' → Flatten 'flat' → Dense(1, sigmoid) 'out', as a Keras 3 functional config. */
export function tinyFunctionalLayers(): TinyLayer[] {
  return [
    { module: 'keras.layers', class_name: 'InputLayer', registered_name: null, name: 'pixels', inbound_nodes: [],
      config: { batch_shape: [null, 6, 6, 1], dtype: 'float32', sparse: false, ragged: false, name: 'pixels', optional: false } },
    { module: 'keras.layers', class_name: 'Conv2D', registered_name: null, name: 'conv',
      config: { name: 'conv', trainable: true, dtype: policy, filters: 2, kernel_size: [3, 3], strides: [1, 1],
        padding: 'valid', data_format: 'channels_last', dilation_rate: [1, 1], groups: 1, activation: 'relu',
        use_bias: true, kernel_initializer: glorot, bias_initializer: zeros, kernel_regularizer: null,
        bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, bias_constraint: null },
      inbound_nodes: [{ args: [tensor([null, 6, 6, 1], 'pixels')], kwargs: {} }] },
    { module: 'keras.layers', class_name: 'Flatten', registered_name: null, name: 'flat',
      config: { name: 'flat', trainable: true, dtype: policy, data_format: 'channels_last' },
      inbound_nodes: [{ args: [tensor([null, 4, 4, 2], 'conv')], kwargs: {} }] },
    { module: 'keras.layers', class_name: 'Dense', registered_name: null, name: 'out',
      config: { name: 'out', trainable: true, dtype: policy, units: 1, activation: 'sigmoid', use_bias: true,
        kernel_initializer: glorot, bias_initializer: zeros, kernel_regularizer: null, bias_regularizer: null,
        kernel_constraint: null, bias_constraint: null, quantization_config: null },
      inbound_nodes: [{ args: [tensor([null, 32], 'flat')], kwargs: {} }] },
  ];
}

export function functionalConfig(layers: TinyLayer[], output = 'out'): Json {
  return {
    module: 'keras', class_name: 'Functional', registered_name: 'Functional',
    config: { name: 'tiny', trainable: true, layers: layers as unknown as Json[], input_layers: [layers[0]!.name!, 0, 0], output_layers: [output, 0, 0] },
    build_config: { input_shape: null }, compile_config: {},
  };
}

export interface TinyWeights {
  conv: { kernel: Float32Array; bias: Float32Array };
  out: { kernel: Float32Array; bias: Float32Array };
}

/** Deterministic small weights: kernel[i] = ((i * 7) % 11 - 5) / 10, biases 0.1, -0.2 / 0.05. */
export function tinyWeights(): TinyWeights {
  const ramp = (n: number, scale: number) => Float32Array.from({ length: n }, (_, i) => (((i * 7) % 11) - 5) * scale);
  return {
    conv: { kernel: ramp(3 * 3 * 1 * 2, 0.1), bias: Float32Array.of(0.1, -0.2) },
    out: { kernel: ramp(32, 0.02), bias: Float32Array.of(0.05) },
  };
}

/** The tiny model's output for one 6×6×1 input, computed directly in float64. */
export function tinyForward(input: Float32Array, w = tinyWeights()): number {
  const feat: number[] = [];
  for (let y = 0; y < 4; y++) {
    for (let x = 0; x < 4; x++) {
      for (let f = 0; f < 2; f++) {
        let s = w.conv.bias[f]!;
        for (let dy = 0; dy < 3; dy++) for (let dx = 0; dx < 3; dx++) {
          s += input[(y + dy) * 6 + (x + dx)]! * w.conv.kernel[((dy * 3 + dx) * 1 + 0) * 2 + f]!;
        }
        feat.push(Math.max(0, s));
      }
    }
  }
  const z = feat.reduce((acc, v, i) => acc + v * w.out.kernel[i]!, w.out.bias[0]!);
  return 1 / (1 + Math.exp(-z));
}

let h5Promise: Promise<typeof H5> | undefined;
const h5wasm = () => (h5Promise ??= import('h5wasm').then(async (h5) => {
  await h5.ready;
  return h5;
}));

let counter = 0;

/** Builds an HDF5 file in h5wasm's memory filesystem and returns its bytes (nothing is written to disk). */
export async function buildHdf5(fill: (file: H5.File, h5: typeof H5) => void): Promise<Uint8Array> {
  const h5 = await h5wasm();
  const FS = h5.FS as unknown as { readFile(p: string): Uint8Array; unlink(p: string): void };
  const path = `/fixture-${process.pid}-${++counter}.h5`;
  const file = new h5.File(path, 'w');
  try {
    fill(file, h5);
  } finally {
    file.close();
  }
  const bytes = FS.readFile(path).slice();
  FS.unlink(path);
  return bytes;
}

function group(parent: H5.Group, path: string): H5.Group {
  let g = parent;
  for (const part of path.split('/')) g = (g.keys().includes(part) ? g.get(part) : g.create_group(part)) as H5.Group;
  return g;
}

export function dataset(parent: H5.Group, path: string, data: Float32Array, shape: number[]): void {
  const parts = path.split('/');
  const name = parts.pop()!;
  const g = parts.length ? group(parent, parts.join('/')) : parent;
  g.create_dataset({ name, data, shape, dtype: '<f' });
}

/** A Keras 3 `.keras` zip; `weights: null` leaves model.weights.h5 out. */
export async function writeKerasV3(path: string, config: Json, weights: TinyWeights | null, options: { shapes?: Partial<Record<'convKernel', number[]>>; names?: boolean } = {}) {
  const entries: Record<string, Uint8Array> = {
    'metadata.json': new TextEncoder().encode(JSON.stringify({ keras_version: '3.15.1', date_saved: '2026-01-01@00:00:00' })),
    'config.json': new TextEncoder().encode(JSON.stringify(config)),
  };
  if (weights) {
    entries['model.weights.h5'] = await buildHdf5((f) => {
      const layers = group(f, 'layers');
      for (const [key, name] of [['input_layer', 'pixels'], ['conv2d', 'conv'], ['flatten', 'flat'], ['dense', 'out']]) {
        const vars = group(layers, `${key}/vars`);
        if (options.names !== false) vars.create_attribute('name', name!); // Keras ≥ 3.x records the layer name
      }
      dataset(layers, 'conv2d/vars/0', weights.conv.kernel, options.shapes?.convKernel ?? [3, 3, 1, 2]);
      dataset(layers, 'conv2d/vars/1', weights.conv.bias, [2]);
      dataset(layers, 'dense/vars/0', weights.out.kernel, [32, 1]);
      dataset(layers, 'dense/vars/1', weights.out.bias, [1]);
      group(f, 'vars').create_attribute('name', 'tiny');
    });
  }
  writeFileSync(path, zipSync(entries));
}

/**
 * A Keras legacy `.h5` (Keras 3 writer layout). `skip` leaves a layer's weight group out; `config: null` omits
 * model_config; `splitLayerNames` writes layer_names the way Keras does for very long lists.
 */
export async function writeKerasH5(path: string, config: Json | null, weights: TinyWeights, options: { skip?: string; splitLayerNames?: boolean } = {}) {
  const bytes = await buildHdf5((f) => {
    f.create_attribute('backend', 'tensorflow');
    f.create_attribute('keras_version', '3.15.1');
    if (config !== null) f.create_attribute('model_config', JSON.stringify(config));
    const mw = group(f, 'model_weights');
    const names = ['pixels', 'conv', 'flat', 'out'].filter((n) => n !== options.skip);
    if (options.splitLayerNames) {
      // Keras splits attributes too long for an HDF5 object header into layer_names0, layer_names1, ...
      mw.create_attribute('layer_names0', names.slice(0, 2));
      mw.create_attribute('layer_names1', names.slice(2));
    } else {
      mw.create_attribute('layer_names', names);
    }
    for (const name of names) {
      const g = group(mw, name);
      const w = name === 'conv' ? weights.conv : name === 'out' ? weights.out : null;
      if (!w) {
        g.create_attribute('weight_names', new Float64Array(0), [0]);
        continue;
      }
      g.create_attribute('weight_names', [`${name}/kernel`, `${name}/bias`]);
      dataset(g, `${name}/kernel`, w.kernel, name === 'conv' ? [3, 3, 1, 2] : [32, 1]);
      dataset(g, `${name}/bias`, w.bias, [w.bias.length]);
    }
  });
  writeFileSync(path, bytes);
}
