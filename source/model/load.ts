// Opens a model file or folder in whichever format claims it, and reads the input it expects.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ModelLoadError } from './errors.js';
import type { ModelFormat, ModelMetadata } from './formats/types.js';
import { tfjsLayers } from './formats/tfjs-layers.js';
import { kerasH5 } from './formats/keras-h5.js';
import { kerasV3 } from './formats/keras-v3.js';
import type { LayersModel, TF } from './tf.js';

export const formats: ModelFormat[] = [tfjsLayers, kerasH5, kerasV3];

export interface LoadedModel {
  model: LayersModel;
  file: string;
  format: string;
  metadata: ModelMetadata;
  input: { height: number; width: number; channels: 1 | 3 };
}

/** The format that reads `path`; throws before any TensorFlow work when there is none. */
export function findFormat(path: string): ModelFormat {
  const full = resolve(path);
  if (!existsSync(full)) throw new ModelLoadError(path, 'no such file or folder');
  const format = formats.find((f) => f.claims(full));
  if (!format) throw new ModelLoadError(path, `not a model convscope can read (expected ${formats.map((f) => f.name).join(', ')})`);
  return format;
}

export async function loadModel(tf: TF, path: string): Promise<LoadedModel> {
  const format = findFormat(path);
  const { model, metadata, file } = await format.load(tf, resolve(path));
  return { model, file, format: format.name, metadata, input: inputOf(model, file) };
}

function inputOf(model: LayersModel, file: string): LoadedModel['input'] {
  const shape = model.inputs[0]?.shape ?? [];
  const [, height, width, channels] = shape;
  if (model.inputs.length !== 1 || shape.length !== 4 || !height || !width || (channels !== 1 && channels !== 3)) {
    throw new ModelLoadError(file, `input shape ${JSON.stringify(shape)} is not supported ` +
      '(convscope needs one image input [batch, height, width, 1 or 3])');
  }
  return { height, width, channels };
}
