// Small real models and images generated inside the test run (nothing outside the repo is needed).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { loadBackend } from '../../source/model/backend.js';

export function tempDir(prefix = 'convscope-test-'): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

/** A tiny convnet shaped like the seed's (conv/pool ×2, flatten, dense, sigmoid), saved as tfjs Layers. */
export async function makeTinyModel(dir: string, options: { size?: number; channels?: 1 | 3; classNames?: string[]; seed?: number } = {}): Promise<string> {
  const { tf } = await loadBackend();
  const size = options.size ?? 32;
  const init = (s: number) => tf.initializers.glorotUniform({ seed: (options.seed ?? 1) + s });
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [size, size, options.channels ?? 3], filters: 4, kernelSize: 3, activation: 'relu', name: 'conv2d', kernelInitializer: init(1) }),
      tf.layers.maxPooling2d({ poolSize: 2, name: 'max_pooling2d' }),
      tf.layers.conv2d({ filters: 8, kernelSize: 3, activation: 'relu', name: 'conv2d_1', kernelInitializer: init(2) }),
      tf.layers.maxPooling2d({ poolSize: 2, name: 'max_pooling2d_1' }),
      tf.layers.flatten({ name: 'flatten' }),
      tf.layers.dense({ units: 16, activation: 'relu', name: 'dense', kernelInitializer: init(3) }),
      tf.layers.dense({ units: 1, activation: 'sigmoid', name: 'dense_1', kernelInitializer: init(4) }),
    ],
  });
  const path = join(dir, 'model');
  mkdirSync(path, { recursive: true });
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    const { writeFileSync } = await import('node:fs');
    const weightData = artifacts.weightData as ArrayBuffer;
    writeFileSync(join(path, 'weights.bin'), Buffer.from(weightData));
    writeFileSync(join(path, 'model.json'), JSON.stringify({
      format: 'layers-model',
      modelTopology: artifacts.modelTopology,
      weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
      userDefinedMetadata: options.classNames ? { classNames: options.classNames } : undefined,
    }));
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  model.dispose();
  return path;
}

/** A gradient image with a coloured square; `variant` changes it so images differ. */
export async function writeImage(file: string, variant: number, options: { width?: number; height?: number; channels?: 1 | 3 | 4; format?: 'png' | 'jpeg' } = {}): Promise<string> {
  const width = options.width ?? 48;
  const height = options.height ?? 40;
  const channels = options.channels ?? 3;
  const data = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * channels;
      const inSquare = Math.abs(x - width / 2 - variant * 3) < 8 && Math.abs(y - height / 2) < 8;
      const v = [(x * 5 + variant * 40) % 256, (y * 6) % 256, inSquare ? 250 : (variant * 70) % 256, 200];
      for (let c = 0; c < channels; c++) data[i + c] = channels === 1 ? (v[0]! + v[1]!) >> 1 : v[c]!;
    }
  }
  const img = sharp(data, { raw: { width, height, channels } });
  await (options.format === 'jpeg' ? img.jpeg({ quality: 95 }) : img.png()).toFile(file);
  return file;
}

/** train|validation/<class>/ with `perClass` images each, like cats_and_dogs_filtered. */
export async function makeImageTree(root: string, classes = ['cats', 'dogs'], perClass = 3): Promise<string> {
  for (const split of ['train', 'validation']) {
    for (const [k, name] of classes.entries()) {
      const dir = join(root, split, name);
      mkdirSync(dir, { recursive: true });
      for (let i = 0; i < perClass; i++) await writeImage(join(dir, `${name.replace(/s$/, '')}.${i}.png`), k * 10 + i);
    }
  }
  return root;
}
