// Keras 3 native format (.keras): a zip with config.json (the model config), metadata.json (Keras version) and
// model.weights.h5. In the weights file each layer's variables are datasets `layers/<path>/vars/0, 1, ...`,
// where <path> is not the layer's name but its class in snake case, numbered per class in layer order
// (conv2d, conv2d_1, ...; see keras/src/saving/saving_lib.py `_save_container_state`). Recent Keras 3 (3.15) also writes
// the layer's real name as the `name` attribute of the vars group, which is preferred when present.
// Sequential and functional models both use `layers/...` (a Sequential has no input_layer group). .keras files from
// Keras 2.13–2.15 may keep Sequential layers under `_layer_checkpoint_dependencies/...`; that root is tried too
// (not verified against such a file: Keras 2 is not installed here).
// Everything is unzipped in memory (fflate) and read in memory (h5wasm): nothing touches the disk.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { unzipSync } from 'fflate';
import type { ModelFormat } from './types.js';
import { KerasConfigError, toSnakeCase, translateModelConfig, type TranslatedModel } from './keras/config.js';
import { asModelLoadError, buildKerasModel, firstLine, type LayerWeights } from './keras/build.js';
import { getEntity, isDataset, isGroup, readFloat32, stringAttr, withHdf5, type H5Group } from './keras/hdf5.js';

const WANTED = new Set(['config.json', 'metadata.json', 'model.weights.h5']);

export const kerasV3: ModelFormat = {
  name: 'keras',
  claims: (path) => /\.keras$/i.test(path) && existsSync(path) && statSync(path).isFile(),
  async load(tf, path) {
    const file = path;
    try {
      const entries = unzip(readFileSync(file));
      const configBytes = entries['config.json'];
      if (!configBytes) throw new KerasConfigError('config.json is missing from the archive: not a Keras 3 model');
      const config = parseJson(configBytes, 'config.json') as { class_name?: unknown };
      const metadata = entries['metadata.json'] ? parseJson(entries['metadata.json'], 'metadata.json') as { keras_version?: unknown } : {};
      const kerasVersion = typeof metadata.keras_version === 'string' ? metadata.keras_version : '3';
      const translated = translateModelConfig(config, kerasVersion);
      const weightsBytes = entries['model.weights.h5'];
      if (!weightsBytes) {
        throw new KerasConfigError('model.weights.h5 is missing from the archive (the weights are needed; ' +
          'sharded or .npz weights are not supported)');
      }
      const weights = await withHdf5(weightsBytes, (h5) => readV3Weights(h5, translated));
      const model = await buildKerasModel(tf, file, translated, weights);
      return { model, metadata: {}, file };
    } catch (error) {
      throw asModelLoadError(file, error);
    }
  },
};

function unzip(bytes: Uint8Array): Record<string, Uint8Array> {
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)) {
    throw new KerasConfigError('not a .keras file (not a zip archive)');
  }
  try {
    return unzipSync(bytes, { filter: (f) => WANTED.has(f.name) });
  } catch (error) {
    throw new KerasConfigError(`damaged or truncated zip archive (${firstLine(error)})`);
  }
}

function parseJson(bytes: Uint8Array, name: string): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new KerasConfigError(`${name} in the archive is not valid JSON`);
  }
}

function readV3Weights(h5: H5Group, translated: TranslatedModel): LayerWeights {
  const root = [getEntity(h5, 'layers'), getEntity(h5, '_layer_checkpoint_dependencies')].find(isGroup);
  const weights: LayerWeights = new Map();
  if (!root) return weights; // every layer that needs weights is then reported as missing
  // Groups by the layer name recorded in their vars group (newer Keras 3 files).
  const byName = new Map<string, string>();
  for (const key of root.keys()) {
    const vars = getEntity(root, `${key}/vars`);
    const name = isGroup(vars) ? stringAttr(vars, 'name') : null;
    if (name !== null) byName.set(name, key);
  }
  const used = new Map<string, number>();
  for (const layer of translated.layers) {
    // The class-derived path, counted exactly as Keras counts it.
    const base = toSnakeCase(layer.className);
    const n = used.get(base);
    used.set(base, n === undefined ? 0 : n + 1);
    const derived = n === undefined ? base : `${base}_${n + 1}`;
    let key = byName.get(layer.name);
    if (key === undefined) {
      // Older files carry no names: trust the derived path unless it is recorded as another layer's.
      const derivedVars = getEntity(root, `${derived}/vars`);
      if (!isGroup(derivedVars) || stringAttr(derivedVars, 'name') !== null) continue;
      key = derived;
    }
    const vars = getEntity(root, `${key}/vars`);
    if (!isGroup(vars)) continue;
    const indices = vars.keys().filter((k) => /^\d+$/.test(k)).map(Number).sort((a, b) => a - b);
    weights.set(layer.name, indices.map((i) => {
      const dataset = getEntity(vars, String(i));
      if (!isDataset(dataset)) throw new KerasConfigError(`weight ${i} of layer '${layer.name}' is not a dataset`);
      return { label: `${key}/vars/${i}`, ...readFloat32(dataset) };
    }));
  }
  return weights;
}
