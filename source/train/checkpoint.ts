// The run folder, written so that at any instant the last complete checkpoint on disk is intact:
//
//   RUN_DIR/history.json, history.csv       every finished epoch so far (atomic replace)
//   RUN_DIR/checkpoints/epoch-NN/           model.json + weights.bin (+ history.json of that moment);
//                                           written in .epoch-NN.tmp-* then renamed, so never half there
//   RUN_DIR/model -> checkpoints/epoch-NN   symlink to the latest checkpoint, swapped by rename
//   RUN_DIR/interrupted/                    mid-epoch state saved on a stop request (not used by --resume)
//
// model.json is tfjs's Layers format with the optimizer included as tfjs's own `save(…, {includeOptimizer:
// true})` writes it: trainingConfig plus weights of group "optimizer" (iter, mean squares, moments), so
// tf.loadLayersModel restores a compiled model with its RMSprop state, and --resume continues exactly.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, symlink, lstat } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { readHistoryFile } from '../history/read.js';
import type { History, HistoryMeta } from '../history/types.js';
import { historyToCsv, historyToJson } from '../history/write.js';
import type { LayersModel, Tensor, TF } from '../model/tf.js';
import { syncDirectory, writeFileAtomic, writeFileDurable } from '../util/atomic-write.js';
import type { OptimizerState } from './train-step.js';

/** model.json's userDefinedMetadata (read back by source/model/load.ts). */
export interface CheckpointMetadata {
  classNames: string[];
  interpolation: 'nearest';
  trainedOn: string;
  /** Epochs completed by these weights. */
  epoch: number;
  /** Steps into the next epoch, for an interrupted (mid-epoch) save. */
  step?: number;
  interrupted?: boolean;
}

export class CheckpointError extends Error {}

export const checkpointsDir = (runDir: string) => join(runDir, 'checkpoints');
export const checkpointDir = (runDir: string, epoch: number) => join(checkpointsDir(runDir), `epoch-${String(epoch).padStart(2, '0')}`);
export const modelLink = (runDir: string) => join(runDir, 'model');
export const interruptedDir = (runDir: string) => join(runDir, 'interrupted');

interface WeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
  group?: 'optimizer';
}

/**
 * Writes a checkpoint folder atomically (temp folder, fsync, rename). An existing folder of the same name is
 * replaced; that only happens for interrupted/ or an epoch being redone after an earlier crash.
 */
export async function writeCheckpoint(
  tf: TF,
  dir: string,
  model: LayersModel,
  optimizer: OptimizerState,
  metadata: CheckpointMetadata,
  history: History,
): Promise<void> {
  const parent = dirname(dir);
  await mkdir(parent, { recursive: true });
  const temp = join(parent, `.${basename(dir)}.tmp-${randomBytes(4).toString('hex')}`);
  await mkdir(temp);
  try {
    const specs: WeightSpec[] = [];
    const handle = await open(join(temp, 'weights.bin'), 'w');
    try {
      const append = async (spec: WeightSpec, data: Uint8Array) => {
        specs.push(spec);
        await handle.write(data);
      };
      const bytes = async (t: Tensor) => {
        const data = (await t.data()) as Float32Array;
        return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      };
      for (const w of model.weights) await append({ name: w.originalName, shape: w.shape as number[], dtype: 'float32' }, await bytes(w.read()));
      // tfjs's RMSprop.getWeights() layout: iter, then every mean square, then every moment.
      await append({ name: 'iter', shape: [], dtype: 'int32', group: 'optimizer' }, new Uint8Array(Int32Array.of(optimizer.iterations).buffer));
      for (const [i, w] of model.weights.entries()) {
        await append({ name: `${w.originalName}/rms`, shape: w.shape as number[], dtype: 'float32', group: 'optimizer' }, await bytes(optimizer.rms[i]!));
      }
      for (const w of model.weights) {
        // Momentum is 0, so the moments never feed into an update: zeros restore the same behaviour.
        const size = (w.shape as number[]).reduce((a, b) => a * b, 1);
        await append({ name: `${w.originalName}/momentum`, shape: w.shape as number[], dtype: 'float32', group: 'optimizer' }, new Uint8Array(size * 4));
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    const modelJson = {
      format: 'layers-model',
      generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
      convertedBy: 'convscope train',
      modelTopology: model.toJSON(null, false),
      trainingConfig: (model as unknown as { getTrainingConfig(): unknown }).getTrainingConfig(),
      weightsManifest: [{ paths: ['weights.bin'], weights: specs }],
      userDefinedMetadata: metadata,
    };
    await writeFileDurable(join(temp, 'model.json'), JSON.stringify(modelJson));
    await writeFileDurable(join(temp, 'history.json'), historyToJson(history));
    await syncDirectory(temp);
    await replaceDir(temp, dir);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}

async function replaceDir(temp: string, dir: string): Promise<void> {
  if (existsSync(dir)) {
    // rename cannot replace a non-empty folder: move the old one aside first (brief window without it).
    const old = `${temp}.old`;
    await rename(dir, old);
    await rename(temp, dir);
    await rm(old, { recursive: true, force: true });
  } else {
    await rename(temp, dir);
  }
  await syncDirectory(dirname(dir));
}

/** Points RUN_DIR/model at a checkpoint: a new symlink renamed over the old one, atomic on POSIX. */
export async function pointModelAt(runDir: string, checkpoint: string): Promise<void> {
  const link = modelLink(runDir);
  const stat = await lstat(link).catch(() => undefined);
  if (stat && !stat.isSymbolicLink()) throw new CheckpointError(`${link}: exists and is not the link convscope maintains; move it away`);
  const temp = join(runDir, `.model.tmp-${randomBytes(4).toString('hex')}`);
  await symlink(relative(runDir, checkpoint), temp, 'dir');
  try {
    await rename(temp, link);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(runDir);
}

export async function writeHistoryFiles(runDir: string, history: History, meta?: HistoryMeta): Promise<void> {
  await writeFileAtomic(join(runDir, 'history.json'), historyToJson(history, meta));
  await writeFileAtomic(join(runDir, 'history.csv'), historyToCsv(history));
}

/** Highest complete checkpoints/epoch-NN (temp folders are dot-named and ignored). */
export async function findLastCheckpoint(runDir: string): Promise<{ epoch: number; dir: string } | undefined> {
  const names = await readdir(checkpointsDir(runDir)).catch(() => [] as string[]);
  const epochs = names.flatMap((name) => {
    const match = /^epoch-(\d+)$/.exec(name);
    return match && existsSync(join(checkpointsDir(runDir), name, 'model.json')) ? [Number(match[1])] : [];
  });
  if (epochs.length === 0) return undefined;
  const epoch = Math.max(...epochs);
  return { epoch, dir: checkpointDir(runDir, epoch) };
}

/** Removes temp folders and links left by a run that was killed mid-write. */
export async function removeStaleTemps(runDir: string): Promise<void> {
  for (const dir of [runDir, checkpointsDir(runDir)]) {
    const names = await readdir(dir).catch(() => [] as string[]);
    // Ours: .epoch-NN.tmp-<hex>[.old], .model.tmp-<hex>; writeFileAtomic's: .history.json.<pid>.<hex>.tmp
    const stale = (n: string) => /^\..*\.tmp-[0-9a-f]+(\.old)?$/.test(n) || /^\..*\.tmp$/.test(n);
    await Promise.all(names.filter(stale).map((n) => rm(join(dir, n), { recursive: true, force: true })));
  }
}

export interface LoadedCheckpoint {
  metadata: CheckpointMetadata;
  history: History;
  /** Model weights by tfjs name (e.g. "conv2d/kernel"). Owned by the caller. */
  weights: Map<string, Tensor>;
  /** RMSprop state; its tensors are owned by the caller. */
  optimizer: OptimizerState;
  modelTopology: unknown;
}

export async function readCheckpoint(tf: TF, dir: string): Promise<LoadedCheckpoint> {
  const fail = (why: string): never => {
    throw new CheckpointError(`${dir}: ${why}`);
  };
  let json: { modelTopology?: unknown; weightsManifest?: Array<{ paths: string[]; weights: WeightSpec[] }>; userDefinedMetadata?: CheckpointMetadata };
  try {
    json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
  } catch (error) {
    return fail(`cannot read model.json (${(error as Error).message.split('\n')[0]})`);
  }
  const metadata = json.userDefinedMetadata;
  if (!metadata || typeof metadata.epoch !== 'number' || !Array.isArray(metadata.classNames)) fail('model.json has no convscope training metadata');
  const group = json.weightsManifest?.[0];
  if (!group || json.weightsManifest!.length !== 1) return fail('unexpected weightsManifest');
  const buffer = await readFile(join(dir, group.paths[0]!));
  const named = tf.io.decodeWeights(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.length), group.weights);
  const weights = new Map<string, Tensor>();
  const rms: Tensor[] = [];
  let iterations = 0;
  for (const spec of group.weights) {
    const tensor = named[spec.name]!;
    if (spec.group !== 'optimizer') weights.set(spec.name, tensor);
    else if (spec.name === 'iter') iterations = tensor.dataSync()[0]!;
    else if (spec.name.endsWith('/rms')) rms.push(tensor);
    if (spec.group === 'optimizer' && !spec.name.endsWith('/rms')) tensor.dispose();
  }
  const history = await readHistoryFile(join(dir, 'history.json'));
  return { metadata: metadata!, history, weights, optimizer: { iterations, rms }, modelTopology: json.modelTopology };
}
