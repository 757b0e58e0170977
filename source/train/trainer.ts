// The training loop: the seed notebook's model.fit(train_generator, steps_per_epoch, epochs,
// validation_data, validation_steps), as a manual loop so that a stop request can end it cleanly
// after the current batch, with history and model state saved.
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { summarize } from '../history/summary.js';
import type { History, HistoryMeta } from '../history/types.js';
import type { LayersModel, Tensor, TF } from '../model/tf.js';
import {
  checkpointDir, CheckpointError, findLastCheckpoint, interruptedDir, modelLink, pointModelAt, readCheckpoint,
  removeStaleTemps, writeCheckpoint, writeHistoryFiles, type CheckpointMetadata,
} from './checkpoint.js';
import { BatchIndices, BatchPrefetcher, ImageCache, openTrainingData, type Batch, type SkippedFile, type TrainingData } from './data.js';
import { createDecoder, DEFAULT_DECODER, type DecoderKind } from './decode-pool.js';
import type { TrainEvent, TrainResult } from './events.js';
import { GraphTrainStep } from './graph/graph-step.js';
import { TrainUsageError, type TrainOptions } from './options.js';
import { seededRandom } from './random.js';
import { buildSeedModel } from './seed-model.js';
import { LayersTrainStep, type BatchMetrics, type TrainEngine, type TrainStep } from './train-step.js';

export interface TrainingController {
  done: Promise<TrainResult>;
  /** Finish the current batch, save, resolve `done` with interrupted: true. Idempotent. */
  requestStop(): void;
}

export interface TrainInternals {
  engine?: TrainEngine;
  decoder?: DecoderKind;
}

export function startTraining(tf: TF, options: TrainOptions, onEvent: (event: TrainEvent) => void, internals: TrainInternals = {}): TrainingController {
  const control = { stop: false };
  const done = new Trainer(tf, options, onEvent, control, internals).run();
  return {
    done,
    requestStop() {
      if (control.stop) return;
      control.stop = true;
      onEvent({ type: 'stopping' });
    },
  };
}

/**
 * Training batches decoded ahead. More than two keeps the (low-priority) decoder busy while validation runs and the
 * checkpoint is written, so the next epoch starts with batches ready instead of decoding while TensorFlow trains:
 * measured with 3 × 20 steps of 20 at 150×150 on 2 cores, 8 batches ahead (11 MB) gave 226 img/s over epochs 2+,
 * 2 ahead 210 (medians of 3). Bounded in bytes for large images or batches.
 */
const MAX_PREFETCH_BATCHES = 8;
const PREFETCH_BYTES = 16 * 2 ** 20;

const emptyHistory = (): History => ({ epochs: 0, acc: [], loss: [], val_acc: [], val_loss: [], epoch_time_s: [] });

class Trainer {
  private readonly runDir: string;
  private readonly skipped = new Set<string>();
  private history: History = emptyHistory();
  private data!: TrainingData;
  private model!: LayersModel;
  private step!: TrainStep;

  constructor(
    private readonly tf: TF,
    private readonly options: TrainOptions,
    private readonly emit: (event: TrainEvent) => void,
    private readonly control: { stop: boolean },
    private readonly internals: TrainInternals,
  ) {
    this.runDir = resolve(options.out);
  }

  async run(): Promise<TrainResult> {
    const { tf, options } = this;
    await Promise.resolve(); // let the caller subscribe before the first event
    this.data = openTrainingData(options.data);
    const resumeFrom = await this.prepareRunDir();
    this.model = buildSeedModel(tf, { imageSize: options.imageSize, learningRate: options.learningRate, seed: options.seed });
    const decoder = createDecoder(this.internals.decoder ?? DEFAULT_DECODER,
      { height: options.imageSize, width: options.imageSize, channels: 3, interpolation: 'nearest' },
      options.decoders ?? availableParallelism());
    try {
      const initial = resumeFrom ? await this.restore(resumeFrom.dir) : undefined;
      const engine = this.internals.engine ?? 'graph';
      try {
        this.step = engine === 'graph'
          ? await GraphTrainStep.create(tf, this.model, options, initial?.optimizer)
          : await LayersTrainStep.create(tf, this.model, initial?.optimizer);
      } finally {
        if (initial) tf.dispose(initial.optimizer.rms); // the step keeps its own references
      }
      const firstEpoch = this.history.epochs + 1;
      this.emit({
        type: 'start', runDir: this.runDir, data: this.data.root, classNames: this.data.classNames,
        trainImages: this.data.train.files.length, validationImages: this.data.validation.files.length,
        firstEpoch, epochs: options.epochs, stepsPerEpoch: options.stepsPerEpoch, validationSteps: options.validationSteps,
        batchSize: options.batchSize, imageSize: options.imageSize, engine, resumedFrom: resumeFrom?.dir, history: copyHistory(this.history),
      });
      for (const file of [...this.data.train.nonImages, ...this.data.validation.nonImages]) this.skip({ split: 'listing', file, reason: 'not an image file' });
      return await this.loop(decoder, firstEpoch);
    } finally {
      this.step?.dispose();
      this.model.dispose();
      await decoder.close();
    }
  }

  /** Creates RUN_DIR; refuses to overwrite an earlier run unless resuming. Returns the checkpoint to resume from. */
  private async prepareRunDir() {
    await mkdir(this.runDir, { recursive: true });
    await removeStaleTemps(this.runDir);
    const last = await findLastCheckpoint(this.runDir);
    if (this.options.resume && !last) throw new TrainUsageError(`--resume: ${this.runDir} has no complete checkpoint to resume from`);
    if (!this.options.resume && last) {
      throw new TrainUsageError(`${this.runDir} already holds a run (checkpoints up to epoch ${last.epoch}); use --resume to continue it or another --out`);
    }
    return last;
  }

  private async restore(dir: string) {
    const checkpoint = await readCheckpoint(this.tf, dir);
    const names = this.model.weights.map((w) => w.originalName);
    try {
      if (checkpoint.metadata.classNames.join('\0') !== this.data.classNames.join('\0')) {
        throw new CheckpointError(`${dir}: trained on classes ${checkpoint.metadata.classNames.join(', ')}, but ${this.data.root} has ${this.data.classNames.join(', ')}`);
      }
      const weights = names.map((name) => checkpoint.weights.get(name));
      const mismatch = weights.findIndex((w, i) => !w || w.shape.join() !== this.model.weights[i]!.shape.join());
      if (mismatch >= 0) throw new CheckpointError(`${dir}: weight ${names[mismatch]} is missing or has another shape (was it trained with another --image-size?)`);
      this.model.setWeights(weights as never);
      if (checkpoint.optimizer.rms.length !== names.length) throw new CheckpointError(`${dir}: optimizer state is missing or incomplete`);
    } catch (error) {
      this.tf.dispose([...checkpoint.optimizer.rms]);
      throw error;
    } finally {
      this.tf.dispose([...checkpoint.weights.values()]); // model variables keep their own reference
    }
    this.history = checkpoint.history;
    for (const key of ['acc', 'loss', 'val_acc', 'val_loss', 'epoch_time_s'] as const) this.history[key] ??= new Array(this.history.epochs).fill(NaN);
    return checkpoint;
  }

  private async loop(decoder: ReturnType<typeof createDecoder>, firstEpoch: number): Promise<TrainResult> {
    const { options, data } = this;
    const random = options.seed === undefined ? Math.random : seededRandom(options.seed * 7919 + firstEpoch);
    const trainIndices = new BatchIndices(data.train.files.length, options.batchSize, random);
    const onSkip = (s: SkippedFile) => this.skip(s);
    const cache = new ImageCache(options.imageCacheMiB * 2 ** 20);
    const batchBytes = options.batchSize * options.imageSize ** 2 * 3;
    const depth = Math.max(2, Math.min(MAX_PREFETCH_BATCHES, Math.floor(PREFETCH_BYTES / batchBytes)));
    const train = new BatchPrefetcher(data.train, () => trainIndices.next(), decoder, cache, options.imageSize, onSkip, depth);
    const pace = { stepSeconds: 0, validationSeconds: 0 };

    for (let epoch = firstEpoch; epoch <= options.epochs; epoch++) {
      this.emit({ type: 'epoch-start', epoch, epochs: options.epochs });
      const started = performance.now();
      const sums = { loss: 0, acc: 0, images: 0 };
      for (let step = 1; step <= options.stepsPerEpoch; step++) {
        const metrics = await this.runBatch(await this.nextBatch(train), (x, y) => this.step.train(x, y));
        accumulate(sums, metrics);
        const elapsed = (performance.now() - started) / 1000;
        pace.stepSeconds = elapsed / step;
        const epochsLeft = options.epochs - epoch;
        this.emit({
          type: 'batch-end', epoch, epochs: options.epochs, step, steps: options.stepsPerEpoch,
          loss: sums.loss / sums.images, acc: sums.acc / sums.images, imagesPerSecond: sums.images / elapsed,
          etaSeconds: (options.stepsPerEpoch - step) * pace.stepSeconds,
          runEtaSeconds: (options.stepsPerEpoch - step + epochsLeft * options.stepsPerEpoch) * pace.stepSeconds +
            (epochsLeft + 1) * (pace.validationSeconds || options.validationSteps * pace.stepSeconds / 3),
        });
        await yieldToEventLoop();
        if (this.control.stop) return this.interrupt(epoch - 1, step);
      }
      const trainSums = { ...sums };

      const validationStarted = performance.now();
      this.emit({ type: 'validation-start', epoch, steps: options.validationSteps });
      const valIndices = new BatchIndices(data.validation.files.length, options.batchSize);
      let remaining = options.validationSteps;
      const validation = new BatchPrefetcher(data.validation, () => (remaining-- > 0 ? valIndices.next() : undefined), decoder, cache, options.imageSize, onSkip);
      const valSums = { loss: 0, acc: 0, images: 0 };
      for (let step = 1; step <= options.validationSteps; step++) {
        const batch = await validation.next();
        if (batch && batch.size > 0) accumulate(valSums, await this.runBatch(batch, (x, y) => this.step.evaluate(x, y)));
        this.emit({ type: 'validation-batch', epoch, step, steps: options.validationSteps });
        await yieldToEventLoop();
        if (this.control.stop) return this.interrupt(epoch - 1, options.stepsPerEpoch);
      }
      pace.validationSeconds = (performance.now() - validationStarted) / 1000;
      const valLoss = valSums.images > 0 ? valSums.loss / valSums.images : NaN;
      const valAcc = valSums.images > 0 ? valSums.acc / valSums.images : NaN;
      this.emit({ type: 'validation-end', epoch, val_loss: valLoss, val_acc: valAcc, seconds: pace.validationSeconds });

      const logs = {
        loss: trainSums.loss / trainSums.images, acc: trainSums.acc / trainSums.images,
        val_loss: valLoss, val_acc: valAcc, epochSeconds: (performance.now() - started) / 1000,
      };
      this.appendEpoch(logs);
      this.emit({ type: 'epoch-end', epoch, epochs: options.epochs, logs, history: copyHistory(this.history) });
      await this.saveEpoch(epoch);
      if (this.control.stop && epoch < options.epochs) return this.finish(true, modelLink(this.runDir));
    }
    return this.finish(false, existsSync(modelLink(this.runDir)) ? modelLink(this.runDir) : undefined);
  }

  /** The next non-empty batch; gives up when a whole pass over the data yields nothing readable. */
  private async nextBatch(prefetcher: BatchPrefetcher): Promise<Batch> {
    const limit = Math.ceil(this.data.train.files.length / this.options.batchSize) + 1;
    for (let attempt = 0; attempt < limit; attempt++) {
      const batch = await prefetcher.next();
      if (batch && batch.size > 0) return batch;
    }
    throw new TrainUsageError(`${this.data.train.dir}: no readable images (${this.skipped.size} skipped)`);
  }

  private async runBatch(batch: Batch, run: (x: Tensor, y: Tensor) => Promise<BatchMetrics>): Promise<BatchMetrics & { size: number }> {
    const { x, y } = this.step.tensors(batch);
    try {
      return { ...(await run(x, y)), size: batch.size };
    } finally {
      this.tf.dispose([x, y]);
    }
  }

  private skip(s: SkippedFile): void {
    if (this.skipped.has(s.file)) return;
    this.skipped.add(s.file);
    this.emit({ type: 'skipped', split: s.split, file: s.file, reason: s.reason, total: this.skipped.size });
  }

  private appendEpoch(logs: { loss: number; acc: number; val_loss: number; val_acc: number; epochSeconds: number }): void {
    const h = this.history;
    h.acc!.push(logs.acc);
    h.loss!.push(logs.loss);
    h.val_acc!.push(logs.val_acc);
    h.val_loss!.push(logs.val_loss);
    h.epoch_time_s!.push(round(logs.epochSeconds, 3));
    h.epochs++;
  }

  private metadata(epoch: number, extra: Partial<CheckpointMetadata> = {}): CheckpointMetadata {
    return { classNames: this.data.classNames, interpolation: 'nearest', trainedOn: this.data.root, epoch, ...extra };
  }

  private historyMeta(): HistoryMeta {
    const o = this.options;
    return {
      tool: 'convscope train', model: 'seed convnet (3×conv/pool, dense 512, sigmoid)', data: this.data.root,
      classNames: this.data.classNames, imageSize: o.imageSize, batchSize: o.batchSize, stepsPerEpoch: o.stepsPerEpoch,
      validationSteps: o.validationSteps, learningRate: o.learningRate, ...(o.seed === undefined ? {} : { seed: o.seed }),
    };
  }

  /** Checkpoint first, then the model link, then RUN_DIR's history: each step leaves a consistent run folder. */
  private async saveEpoch(epoch: number): Promise<void> {
    const started = performance.now();
    const dir = checkpointDir(this.runDir, epoch);
    this.step.syncModel();
    const history = { ...copyHistory(this.history), meta: this.historyMeta() };
    await writeCheckpoint(this.tf, dir, this.model, this.step.optimizerState(), this.metadata(epoch), history);
    await pointModelAt(this.runDir, dir);
    await writeHistoryFiles(this.runDir, this.history, this.historyMeta());
    await rm(interruptedDir(this.runDir), { recursive: true, force: true }); // older than this checkpoint now
    this.emit({ type: 'saved', epoch, path: dir, kind: 'checkpoint', seconds: (performance.now() - started) / 1000 });
  }

  /** Stop mid-epoch: the partial epoch's weights go to RUN_DIR/interrupted; history keeps complete epochs only. */
  private async interrupt(epochsDone: number, step: number): Promise<TrainResult> {
    const started = performance.now();
    const dir = interruptedDir(this.runDir);
    this.step.syncModel();
    const history = { ...copyHistory(this.history), meta: this.historyMeta() };
    await writeCheckpoint(this.tf, dir, this.model, this.step.optimizerState(), this.metadata(epochsDone, { step, interrupted: true }), history);
    await writeHistoryFiles(this.runDir, this.history, this.historyMeta());
    this.emit({ type: 'saved', epoch: epochsDone, path: dir, kind: 'interrupted', seconds: (performance.now() - started) / 1000 });
    return this.finish(true, dir);
  }

  private finish(interrupted: boolean, savedTo: string | undefined): TrainResult {
    const result: TrainResult = {
      interrupted, savedTo, runDir: this.runDir, epochsCompleted: this.history.epochs, history: copyHistory(this.history),
      summary: summarize(this.history), skipped: { count: this.skipped.size, files: [...this.skipped] },
    };
    this.emit({ type: 'done', result });
    return result;
  }
}

/**
 * A TensorFlow step is synchronous and a cached batch is an already-resolved promise, so without this the loop
 * would never give timers, signals (Ctrl-C) or worker messages a turn: await setImmediate once per batch.
 */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function accumulate(sums: { loss: number; acc: number; images: number }, m: BatchMetrics & { size: number }): void {
  sums.loss += m.loss * m.size;
  sums.acc += m.acc * m.size;
  sums.images += m.size;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

function copyHistory(h: History): History {
  const copy: History = { epochs: h.epochs };
  for (const key of ['acc', 'loss', 'val_acc', 'val_loss', 'epoch_time_s'] as const) if (h[key]) copy[key] = [...h[key]!];
  return copy;
}
