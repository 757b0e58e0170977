// Training options with the defaults of the classic Keras cats-vs-dogs notebook (the "seed"):
// 150×150×3 input, 15 epochs of 100 steps of 20 images, 50 validation steps, RMSprop(lr=0.001).
import { SEED_MIN_IMAGE_SIZE } from './seed-model.js';

export interface TrainOptions {
  /** Folder with train/<class>/ and validation/<class>/. */
  data: string;
  /** Run folder: history, checkpoints/, model/. */
  out: string;
  imageSize: number;
  /** Total epochs to reach (with resume: including the epochs already done). */
  epochs: number;
  batchSize: number;
  stepsPerEpoch: number;
  validationSteps: number;
  learningRate: number;
  resume: boolean;
  /** Seeds weight initialisation and shuffling; unset = random like Keras. */
  seed?: number;
  /** Decode threads running ahead of training; default: one per core. */
  decoders?: number;
  /** Memory for decoded images kept across epochs (MiB); 0 decodes every image every epoch, as Keras does. */
  imageCacheMiB: number;
}

export const TRAIN_DEFAULTS = {
  imageSize: 150,
  epochs: 15,
  batchSize: 20,
  stepsPerEpoch: 100,
  validationSteps: 50,
  learningRate: 0.001,
  resume: false,
  imageCacheMiB: 1024,
} as const;

/** A bad option value; the message is one line, fit for a usage error. */
export class TrainUsageError extends Error {}

export type TrainOptionsInput = Pick<TrainOptions, 'data' | 'out'> & Partial<Omit<TrainOptions, 'data' | 'out'>>;

/** Fills defaults and validates; throws TrainUsageError naming the flag. */
export function resolveTrainOptions(input: TrainOptionsInput): TrainOptions {
  const options = { ...TRAIN_DEFAULTS, ...dropUndefined(input) } as TrainOptions;
  if (typeof options.data !== 'string' || options.data === '') throw new TrainUsageError('--data is required (a folder with train/ and validation/)');
  if (typeof options.out !== 'string' || options.out === '') throw new TrainUsageError('--out is required (the run folder to write)');
  integerInRange('--image-size', options.imageSize, SEED_MIN_IMAGE_SIZE, 4096);
  integerInRange('--epochs', options.epochs, 1, 100_000);
  integerInRange('--batch-size', options.batchSize, 1, 4096);
  integerInRange('--steps-per-epoch', options.stepsPerEpoch, 1, 10_000_000);
  integerInRange('--validation-steps', options.validationSteps, 1, 10_000_000);
  if (typeof options.learningRate !== 'number' || !Number.isFinite(options.learningRate) || options.learningRate <= 0 || options.learningRate > 10) {
    throw new TrainUsageError(`--learning-rate must be a number in (0, 10], got ${String(options.learningRate)}`);
  }
  if (options.seed !== undefined && (!Number.isSafeInteger(options.seed) || options.seed < 0)) {
    throw new TrainUsageError(`--seed must be a non-negative integer, got ${String(options.seed)}`);
  }
  if (options.decoders !== undefined) integerInRange('--decoders', options.decoders, 1, 64);
  integerInRange('--image-cache', options.imageCacheMiB, 0, 1 << 20);
  if (typeof options.resume !== 'boolean') throw new TrainUsageError('--resume takes no value');
  return options;
}

function integerInRange(flag: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new TrainUsageError(`${flag} must be an integer from ${min} to ${max}, got ${String(value)}`);
  }
}

function dropUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
