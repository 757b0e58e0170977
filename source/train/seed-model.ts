// The seed notebook's convnet, layer for layer, with Keras's names and initialisers (glorot_uniform
// kernels, zero biases; tfjs's defaults are the same, named here so that a seed can be threaded in).
import type { LayersModel, TF } from '../model/tf.js';

export interface SeedModelOptions {
  imageSize: number;
  learningRate: number;
  seed?: number;
}

/** Builds and compiles the seed model: RMSprop(lr), binary cross-entropy, metrics ['acc']. */
export function buildSeedModel(tf: TF, { imageSize, learningRate, seed }: SeedModelOptions): LayersModel {
  // Distinct seeds per layer; undefined means random, as in Keras without a seed.
  const init = (i: number) => ({
    kernelInitializer: tf.initializers.glorotUniform(seed === undefined ? {} : { seed: seed + i }),
    biasInitializer: tf.initializers.zeros(),
  });
  const model = tf.sequential({ name: 'sequential' });
  model.add(tf.layers.conv2d({ name: 'conv2d', inputShape: [imageSize, imageSize, 3], filters: 16, kernelSize: 3, activation: 'relu', ...init(0) }));
  model.add(tf.layers.maxPooling2d({ name: 'max_pooling2d', poolSize: 2 }));
  model.add(tf.layers.conv2d({ name: 'conv2d_1', filters: 32, kernelSize: 3, activation: 'relu', ...init(1) }));
  model.add(tf.layers.maxPooling2d({ name: 'max_pooling2d_1', poolSize: 2 }));
  model.add(tf.layers.conv2d({ name: 'conv2d_2', filters: 64, kernelSize: 3, activation: 'relu', ...init(2) }));
  model.add(tf.layers.maxPooling2d({ name: 'max_pooling2d_2', poolSize: 2 }));
  model.add(tf.layers.flatten({ name: 'flatten' }));
  model.add(tf.layers.dense({ name: 'dense', units: 512, activation: 'relu', ...init(3) }));
  model.add(tf.layers.dense({ name: 'dense_1', units: 1, activation: 'sigmoid', ...init(4) }));
  compileSeedModel(tf, model, learningRate);
  return model;
}

export function compileSeedModel(tf: TF, model: LayersModel, learningRate: number): void {
  model.compile({ optimizer: tf.train.rmsprop(learningRate), loss: 'binaryCrossentropy', metrics: ['acc'] });
}

/** Side of the last feature map: three (3×3 valid conv, 2×2 pool) stages. */
export function seedFeatureSide(imageSize: number): number {
  let side = imageSize;
  for (let i = 0; i < 3; i++) side = Math.floor((side - 2) / 2);
  return side;
}

/** Smallest input the three conv/pool stages can take (leaves a 1×1 feature map). */
export const SEED_MIN_IMAGE_SIZE = 22;

/** Shapes of model.getWeights() in order: kernel, bias for conv2d, conv2d_1, conv2d_2, dense, dense_1. */
export function seedWeightShapes(imageSize: number): number[][] {
  const flat = seedFeatureSide(imageSize) ** 2 * 64;
  return [[3, 3, 3, 16], [16], [3, 3, 16, 32], [32], [3, 3, 32, 64], [64], [flat, 512], [512], [512, 1], [1]];
}
