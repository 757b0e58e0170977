// The TensorFlow.js API type used across convscope. tfjs-node re-exports @tensorflow/tfjs, so the same
// functions exist whichever backend was loaded; only `loadBackend` knows which package provided them.
import type * as tfjs from '@tensorflow/tfjs';

export type TF = typeof tfjs;
export type Tensor = tfjs.Tensor;
export type LayersModel = tfjs.LayersModel;
