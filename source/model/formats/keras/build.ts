// Builds a tfjs LayersModel from a translated Keras config and sets every layer's weights from the file,
// matched by layer name and, within a layer, by order (Keras and tfjs both list trainable weights first, in
// creation order: kernel, bias; gamma, beta, moving_mean, moving_variance). Shapes are checked one by one.
import { ModelLoadError } from '../../errors.js';
import type { LayersModel, TF } from '../../tf.js';
import { KerasConfigError, type TranslatedModel } from './config.js';
import { Hdf5Error } from './hdf5.js';

export interface WeightValue {
  /** Where the value came from in the file, for messages (e.g. 'conv2d/kernel:0' or 'layers/conv2d/vars/0'). */
  label: string;
  shape: number[];
  data: Float32Array;
}

/** Layer name → its weights in order. */
export type LayerWeights = Map<string, WeightValue[]>;

export async function buildKerasModel(tf: TF, file: string, translated: TranslatedModel, weights: LayerWeights): Promise<LayersModel> {
  let model: LayersModel;
  try {
    model = await tf.models.modelFromJSON({ modelTopology: translated.topology as never });
  } catch (error) {
    throw new ModelLoadError(file, `TensorFlow.js could not build the model: ${firstLine(error)}`);
  }
  try {
    for (const layer of model.layers) {
      const expected = layer.weights;
      if (expected.length === 0) continue;
      const values = weights.get(layer.name);
      const what = `layer '${layer.name}' (${layer.getClassName()})`;
      if (!values || values.length === 0) throw new ModelLoadError(file, `no weights for ${what} in the file`);
      if (values.length !== expected.length) {
        throw new ModelLoadError(file, `${what} has ${values.length} weights in the file but needs ${expected.length}`);
      }
      expected.forEach((variable, i) => {
        const got = values[i]!;
        const shape = variable.shape as number[];
        if (got.shape.length !== shape.length || got.shape.some((d, k) => d !== shape[k])) {
          throw new ModelLoadError(file, `${what}: weight ${got.label} has shape [${got.shape.join(', ')}] ` +
            `but the layer needs [${shape.join(', ')}]`);
        }
        const size = shape.reduce((a, b) => a * b, 1);
        if (got.data.length !== size) throw new ModelLoadError(file, `${what}: weight ${got.label} has ${got.data.length} values, expected ${size}`);
      });
      const tensors = values.map((v) => tf.tensor(v.data, v.shape, 'float32'));
      try {
        layer.setWeights(tensors);
      } finally {
        tf.dispose(tensors);
      }
    }
    return model;
  } catch (error) {
    model.dispose();
    throw error;
  }
}

/** Any failure while loading becomes a one-line ModelLoadError naming the file. */
export function asModelLoadError(file: string, error: unknown): ModelLoadError {
  if (error instanceof ModelLoadError) return error;
  if (error instanceof KerasConfigError || error instanceof Hdf5Error) return new ModelLoadError(file, oneLine(error.message));
  return new ModelLoadError(file, firstLine(error));
}

export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return oneLine(text.split('\n')[0] ?? '').slice(0, 300);
}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();
