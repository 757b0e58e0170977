// Training data as Keras's ImageDataGenerator(rescale=1/255).flow_from_directory(...) serves it:
// DIR/train/<class>/ and DIR/validation/<class>/, classes = sorted sub-folder names → labels 0, 1,
// images loaded with nearest-neighbour resizing to the target size, batches from an endless iterator.
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { classFolders, DatasetError, isImageFile } from '../model/dataset.js';
import { DecoderFailure, type ImageDecoder } from './decode-pool.js';
import { permutation, type Random } from './random.js';

export type SplitName = 'train' | 'validation';

export interface Split {
  name: SplitName;
  dir: string;
  files: string[];
  /** Class index per file (0 or 1). */
  labels: Uint8Array;
  /** Files in the class folders that are not images by extension; never loaded. */
  nonImages: string[];
}

export interface TrainingData {
  root: string;
  classNames: string[];
  train: Split;
  validation: Split;
}

/** Lists DIR/train and DIR/validation; throws DatasetError (one line) when the layout does not fit a binary model. */
export function openTrainingData(dir: string): TrainingData {
  const root = resolve(dir);
  if (!isDirectory(root)) throw new DatasetError(`${dir}: no such folder`);
  const train = listSplit(root, 'train');
  const validation = listSplit(root, 'validation');
  const classNames = train.classNames;
  if (validation.classNames.join('\0') !== classNames.join('\0')) {
    throw new DatasetError(`${validation.split.dir}: class folders (${validation.classNames.join(', ')}) differ from train/ (${classNames.join(', ')})`);
  }
  return { root, classNames, train: train.split, validation: validation.split };
}

function listSplit(root: string, name: SplitName): { classNames: string[]; split: Split } {
  const dir = join(root, name);
  if (!isDirectory(dir)) throw new DatasetError(`${dir}: no such folder (expected ${name}/<class>/ folders inside ${root})`);
  const classNames = classFolders(dir);
  if (classNames.length !== 2) {
    const found = classNames.length === 0 ? 'no class folders' : `${classNames.length} class folder${classNames.length === 1 ? '' : 's'} (${classNames.join(', ')})`;
    throw new DatasetError(`${dir}: found ${found}; the seed model is binary and needs exactly 2`);
  }
  const files: string[] = [];
  const labels: number[] = [];
  const nonImages: string[] = [];
  classNames.forEach((className, label) => {
    for (const file of walk(join(dir, className))) {
      if (isImageFile(file)) {
        files.push(file);
        labels.push(label);
      } else nonImages.push(file);
    }
  });
  if (files.length === 0) throw new DatasetError(`${dir}: no images in ${classNames.join(' or ')}`);
  return { classNames, split: { name, dir, files, labels: Uint8Array.from(labels), nonImages } };
}

/** Files below `dir` in sorted order (as Keras: sorted walk, sorted names); hidden entries skipped. */
function walk(dir: string): string[] {
  const entries = readdirSync(dir, { withFileTypes: true }).filter((e) => !e.name.startsWith('.'));
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return entries.flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return walk(path);
    if (e.isFile()) return [path];
    if (e.isSymbolicLink()) return isDirectory(path) ? walk(path) : isFile(path) ? [path] : [];
    return [];
  });
}

const isDirectory = (path: string) => stat(path)?.isDirectory() ?? false;
const isFile = (path: string) => stat(path)?.isFile() ?? false;
function stat(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Keras's Iterator._flow_index: an endless walk over the index array in batches; when a pass ends (the last,
 * possibly short, batch) the next batch starts a new pass, reshuffled when `random` is given. With the seed's
 * 2000 images and 100 steps × 20, a pass is exactly an epoch.
 */
export class BatchIndices {
  private order: number[] = [];
  private batchIndex = 0;

  constructor(private readonly count: number, private readonly batchSize: number, private readonly random?: Random) {}

  next(): number[] {
    if (this.batchIndex === 0) this.order = this.random ? permutation(this.count, this.random) : Array.from({ length: this.count }, (_, i) => i);
    const start = (this.batchIndex * this.batchSize) % this.count;
    this.batchIndex = this.count > start + this.batchSize ? this.batchIndex + 1 : 0;
    return this.order.slice(start, start + this.batchSize);
  }
}

export interface Batch {
  /**
   * [size, S, S, 3] channels-last, 8-bit (the model input × 255; see batchInput). Its ArrayBuffer starts with
   * it and is padded to a multiple of 4 bytes, so that the graph step can hand it to TensorFlow as int32 words
   * without a copy (graph/seed-step-graph.ts turns the bytes into x / 255 inside the graph).
   */
  pixels: Uint8Array;
  /** [size, 1] labels 0/1. */
  y: Float32Array;
  size: number;
}

// x / 255 as Float32, exactly what prepareImage's `input` holds.
export const UNIT = Float32Array.from({ length: 256 }, (_, i) => i / 255);

/** The batch as model input, [size, S, S, 3] in [0, 1]: prepareImage's `input` of each image, one after another. */
export function batchInput(batch: Batch): Float32Array {
  const { pixels } = batch;
  const x = new Float32Array(pixels.length);
  for (let j = 0; j < pixels.length; j++) x[j] = UNIT[pixels[j]!]!;
  return x;
}

/** A Uint8Array of `length` bytes whose ArrayBuffer is padded to whole 32-bit words (see Batch.pixels). */
export function wordAlignedBytes(length: number): Uint8Array {
  return new Uint8Array(new ArrayBuffer(Math.ceil(length / 4) * 4), 0, length);
}

export interface SkippedFile {
  /** 'listing': not an image by its extension, seen when listing the class folders. */
  split: SplitName | 'listing';
  file: string;
  reason: string;
}

/**
 * Decoded images (8-bit, already resized) kept across epochs, so that only the first pass over the data
 * decodes: the images never change (no augmentation), and decoding competes with TensorFlow for the cores.
 * Bounded by a byte budget; files beyond it are decoded every time, as Keras does for all of them.
 */
export class ImageCache {
  private readonly images = new Map<string, Uint8Array | null>(); // null: cannot be decoded
  private bytes = 0;

  constructor(private readonly budgetBytes: number) {}

  get(file: string): Uint8Array | null | undefined {
    return this.images.get(file);
  }

  set(file: string, pixels: Uint8Array | null): void {
    const size = pixels?.byteLength ?? 0;
    if (this.bytes + size > this.budgetBytes) return;
    this.images.set(file, pixels);
    this.bytes += size;
  }

  get size(): number {
    return this.images.size;
  }
}

/**
 * Decodes batches ahead of the training step: `depth` batches in flight, every image of a batch at once,
 * so decoding (in other threads or a child process) overlaps TensorFlow's work. Files that fail to decode are left out of their
 * batch and reported through `onSkip`; a batch may therefore be short (or empty, which the caller skips).
 */
export class BatchPrefetcher {
  private readonly queue: Promise<Batch>[] = [];
  private readonly pixels: number;

  constructor(
    private readonly split: Split,
    private readonly nextIndices: () => number[] | undefined,
    private readonly decoder: ImageDecoder,
    private readonly cache: ImageCache,
    imageSize: number,
    private readonly onSkip: (skipped: SkippedFile) => void,
    private readonly depth = 2,
  ) {
    this.pixels = imageSize * imageSize * 3;
  }

  /** The next batch, or undefined when `nextIndices` has run out. */
  async next(): Promise<Batch | undefined> {
    this.fill();
    const batch = this.queue.shift();
    this.fill();
    return batch;
  }

  private fill(): void {
    while (this.queue.length < this.depth) {
      const indices = this.nextIndices();
      if (!indices) return;
      const batch = this.load(indices);
      batch.catch(() => {}); // awaited by next(); avoid an unhandled rejection while it waits in the queue
      this.queue.push(batch);
    }
  }

  private readonly inFlight = new Map<string, Promise<Uint8Array | null>>();

  /** One decode per file at a time (a pass can wrap around into a batch still being loaded). */
  private image(file: string): Promise<Uint8Array | null> {
    const cached = this.cache.get(file);
    if (cached !== undefined) return Promise.resolve(cached);
    let pending = this.inFlight.get(file);
    if (!pending) {
      pending = this.decode(file).finally(() => this.inFlight.delete(file));
      this.inFlight.set(file, pending);
    }
    return pending;
  }

  private async decode(file: string): Promise<Uint8Array | null> {
    try {
      const pixels = await this.decoder.decode(file);
      if (pixels.length !== this.pixels) throw new Error(`decoded to ${pixels.length} values, expected ${this.pixels}`);
      this.cache.set(file, pixels);
      return pixels;
    } catch (error) {
      if (error instanceof DecoderFailure) throw error;
      this.onSkip({ split: this.split.name, file, reason: describe(error, file) });
      this.cache.set(file, null);
      return null;
    }
  }

  private async load(indices: number[]): Promise<Batch> {
    const images = await Promise.all(indices.map((i) => this.image(this.split.files[i]!)));
    const rows = indices.flatMap((index, k) => (images[k] ? [{ index, pixels: images[k]! }] : []));
    // 8-bit, as decoded: a plain copy per image. (The / 255 to float used to happen here, on the thread that
    // runs TensorFlow, ~5 ms per batch of 20 at 150×150 plus 5.4 MB of garbage; the graph does it now.)
    const pixels = wordAlignedBytes(rows.length * this.pixels);
    const y = new Float32Array(rows.length);
    rows.forEach((row, k) => {
      pixels.set(row.pixels, k * this.pixels);
      y[k] = this.split.labels[row.index]!;
    });
    return { pixels, y, size: rows.length };
  }
}

function describe(error: unknown, file: string): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.startsWith(`${file}: `) ? message.slice(file.length + 2) : message;
}
