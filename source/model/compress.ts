// Shrinks a tfjs Layers model for shipping: drops optimizer state and stores each float32 weight tensor
// as uint8 with tfjs's own affine quantization (value = q · scale + min, dequantized at load by tfjs).
// For the seed model this is 4× smaller than float32 (the 18496×512 Dense kernel dominates).
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { writeFilesInto } from '../util/staged-files.js';
import { ModelLoadError } from './errors.js';
import { weightBytes } from './formats/tfjs-layers.js';

interface Spec {
  name: string;
  shape: number[];
  dtype: string;
  group?: string;
  quantization?: { dtype: string; scale?: number; min?: number };
}

export interface CompressResult {
  before: number;
  after: number;
  out: string;
}

export function compressModel(model: string, out: string): CompressResult {
  const file = existsSync(model) && statSync(model).isDirectory() ? join(model, 'model.json') : model;
  if (!existsSync(file)) throw new ModelLoadError(model, 'no such model.json');
  const json = JSON.parse(readFileSync(file, 'utf8')) as { weightsManifest: Array<{ paths: string[]; weights: Spec[] }>; trainingConfig?: unknown };
  const weights = Buffer.concat(json.weightsManifest.flatMap((g) => g.paths.map((p) => readFileSync(join(dirname(file), p)))));
  const specs: Spec[] = [];
  const chunks: Buffer[] = [];
  let offset = 0;
  for (const spec of json.weightsManifest.flatMap((g) => g.weights)) {
    if (spec.quantization) throw new ModelLoadError(file, `weight ${spec.name} is already quantized`);
    const size = weightBytes(spec);
    const bytes = weights.subarray(offset, offset + size);
    offset += size;
    if (spec.group === 'optimizer') continue; // training state, not needed to inspect or predict
    if (spec.dtype !== 'float32') {
      specs.push(spec);
      chunks.push(bytes);
      continue;
    }
    const values = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    let min = Infinity, max = -Infinity;
    for (const v of values) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const scale = max > min ? (max - min) / 255 : 1;
    const q = new Uint8Array(values.length);
    for (let i = 0; i < values.length; i++) q[i] = Math.round((values[i]! - min) / scale);
    specs.push({ name: spec.name, shape: spec.shape, dtype: 'float32', quantization: { dtype: 'uint8', scale, min } });
    chunks.push(Buffer.from(q.buffer));
  }
  const data = Buffer.concat(chunks);
  const { trainingConfig: _dropped, ...rest } = json;
  mkdirSync(dirname(resolve(out)), { recursive: true });
  writeFilesInto(out, [
    ['weights.bin', data],
    ['model.json', JSON.stringify({ ...rest, weightsManifest: [{ paths: ['weights.bin'], weights: specs }] })],
  ]);
  return { before: weights.length, after: data.length, out: resolve(out) };
}
