// TensorFlow.js Layers format: model.json (topology + weightsManifest) and binary weight shards.
// Read from disk here rather than with tfjs-node's file:// handler so that the wasm fallback can load too,
// and so that every failure names the file and what is wrong.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ModelFormat, ModelMetadata } from './types.js';
import { ModelLoadError } from '../errors.js';

interface WeightsGroup {
  paths: string[];
  weights: Array<{ name: string; shape: number[]; dtype: string; quantization?: { dtype: string } }>;
}

function modelJsonPath(path: string): string {
  return existsSync(path) && statSync(path).isDirectory() ? join(path, 'model.json') : path;
}

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };

/** Bytes one weight takes in the shard files (quantized weights are stored in their quantized type). */
export function weightBytes(w: { shape: number[]; dtype: string; quantization?: { dtype: string } }): number {
  return w.shape.reduce((a, b) => a * b, 1) * (BYTES[w.quantization?.dtype ?? w.dtype] ?? 4);
}

export const tfjsLayers: ModelFormat = {
  name: 'tfjs-layers',
  claims: (path) => {
    const file = modelJsonPath(path);
    return file.endsWith('.json') && existsSync(file);
  },
  async load(tf, path) {
    const file = modelJsonPath(path);
    const name = basename(file);
    let json: { modelTopology?: unknown; weightsManifest?: WeightsGroup[]; userDefinedMetadata?: ModelMetadata; format?: string };
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new ModelLoadError(file, `not a valid model.json (${(error as Error).message.split('\n')[0]})`);
    }
    if (!json.modelTopology || typeof json.modelTopology !== 'object') {
      throw new ModelLoadError(file, json.format === 'graph-model'
        ? 'this is a tfjs graph model; convscope needs a Layers model (layer-by-layer outputs)'
        : 'no modelTopology: not a TensorFlow.js Layers model.json');
    }
    const groups = json.weightsManifest ?? [];
    const weightSpecs = groups.flatMap((g) => g.weights);
    const buffers: Buffer[] = [];
    for (const group of groups) {
      for (const shard of group.paths) {
        const shardPath = join(dirname(file), shard);
        if (!existsSync(shardPath)) throw new ModelLoadError(shardPath, `weight file listed in ${name} is missing`);
        buffers.push(readFileSync(shardPath));
      }
    }
    const weightData = Buffer.concat(buffers);
    const expected = weightSpecs.reduce((sum, w) => sum + weightBytes(w), 0);
    if (weightData.length !== expected) {
      throw new ModelLoadError(file, `weights are ${weightData.length} bytes but ${name} describes ${expected} ` +
        '(truncated or mismatched weight files)');
    }
    try {
      const model = await tf.loadLayersModel(tf.io.fromMemory({
        modelTopology: json.modelTopology as object,
        weightSpecs: weightSpecs as never,
        weightData: weightData.buffer.slice(weightData.byteOffset, weightData.byteOffset + weightData.length),
      }));
      return { model, metadata: json.userDefinedMetadata ?? {}, file };
    } catch (error) {
      throw new ModelLoadError(file, describeTfjsError(error));
    }
  },
};

function describeTfjsError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /Unknown layer: (\w+)/.exec(message);
  if (unknown) return `layer class ${unknown[1]} is not supported (custom or Lambda layers cannot be loaded)`;
  return message.split('\n')[0]!.slice(0, 240);
}
