import type { LayersModel, TF } from '../tf.js';

/** Extra facts a model file may carry (convscope writes them into model.json's userDefinedMetadata). */
export interface ModelMetadata {
  classNames?: string[];
  interpolation?: 'nearest' | 'bilinear';
  trainedOn?: string;
}

/** One model file format. Adding a format (Keras .h5, .keras) means adding one module like tfjs-layers.ts. */
export interface ModelFormat {
  name: string;
  /** Whether this format claims the path (a file or a folder). */
  claims(path: string): boolean;
  load(tf: TF, path: string): Promise<{ model: LayersModel; metadata: ModelMetadata; file: string }>;
}
