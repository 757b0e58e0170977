// The inspector's engine, shared by the Ink UI and the plain outputs: loads the model and images once,
// runs one forward pass per image, and hands back plain data (typed arrays, strings) — never tensors.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ActivationModel, type LayerActivation, type LayerInfo } from '../activations/forward.js';
import { predictionOf, type Prediction } from '../activations/prediction.js';
import { loadBackend, type BackendInfo } from '../model/backend.js';
import { labelFromFileName, openImageFolder, type ImageFolder } from '../model/dataset.js';
import { decodeRgb, prepareFromRgb, prepareImage } from '../model/image.js';
import { findFormat, loadModel, type LoadedModel } from '../model/load.js';
import { UserError } from '../errors.js';
import type { Pixels } from '../model/resize.js';
import type { TF } from '../model/tf.js';
import { seededRandom } from '../util/random.js';

export interface SessionOptions {
  model: string;
  images: string;
  image?: string;
  history?: string;
  seed?: number;
  interpolation: 'nearest' | 'bilinear';
}

export interface Sample {
  id: number;
  path: string;
  trueLabel: string | null;
  prediction: Prediction;
  activations: LayerActivation[];
  /** The image as the model saw it (resized, 8-bit). */
  input: Pixels;
  originalSize: [number, number];
}

export class InspectSession {
  private nextId = 1;
  private readonly random: () => number;
  private lastIndex = -1;

  private constructor(
    readonly tf: TF,
    readonly backend: BackendInfo,
    readonly loaded: LoadedModel,
    readonly folder: ImageFolder,
    readonly classNames: string[],
    readonly historyPath: string | null,
    private readonly probe: ActivationModel,
    private readonly options: SessionOptions,
    /** --image, decoded once when its path was checked, used by first(). */
    private firstRgb: Pixels | undefined,
  ) {
    this.random = seededRandom(options.seed ?? (Date.now() ^ (process.pid << 8)));
  }

  static async open(options: SessionOptions): Promise<InspectSession> {
    // Check every path the user gave before loading TensorFlow (slow, and it prints its own notes).
    const folder = openImageFolder(options.images);
    findFormat(options.model);
    const firstRgb = options.image ? await decodeRgb(options.image) : undefined;
    if (options.history && !existsSync(options.history)) throw new UserError(`${options.history}: no such history file`);
    const { tf, info } = await loadBackend();
    const loaded = await loadModel(tf, options.model);
    const classNames = loaded.metadata.classNames ?? (folder.classNames.length ? folder.classNames : ['class 0', 'class 1']);
    const historyPath = options.history ? resolve(options.history) : findHistory(loaded.file);
    return new InspectSession(tf, info, loaded, folder, classNames, historyPath, new ActivationModel(tf, loaded.model), options, firstRgb);
  }

  get layers(): LayerInfo[] {
    return this.probe.layers;
  }

  /** The image to show first: --image when given, else a random one. */
  first(): Promise<Sample> {
    if (!this.options.image) return this.resample();
    const rgb = this.firstRgb;
    this.firstRgb = undefined;
    return this.load(resolve(this.options.image), null, rgb);
  }

  /** A random image of the folder, never the same one twice in a row. */
  resample(): Promise<Sample> {
    const images = this.folder.images; // never empty: openImageFolder refuses a folder without images
    let index = Math.floor(this.random() * images.length);
    if (images.length > 1 && index === this.lastIndex) index = (index + 1) % images.length;
    this.lastIndex = index;
    const entry = images[index]!;
    return this.load(entry.path, entry.label);
  }

  async load(path: string, label: number | null, decoded?: Pixels): Promise<Sample> {
    const { height, width, channels } = this.loaded.input;
    const spec = { height, width, channels, interpolation: this.options.interpolation };
    const prepared = decoded ? prepareFromRgb(decoded, spec) : await prepareImage(path, spec);
    const activations = await this.probe.run(prepared.input, [height, width, channels]);
    const trueIndex = label ?? labelFromFileName(path, this.classNames);
    return {
      id: this.nextId++,
      path,
      trueLabel: trueIndex === null ? null : this.classNames[trueIndex] ?? null,
      prediction: predictionOf(activations[activations.length - 1]!.data, this.classNames),
      activations,
      input: prepared.pixels,
      originalSize: [prepared.originalWidth, prepared.originalHeight],
    };
  }
}

/** A training run keeps history.json beside model/ (RUN/model, RUN/history.json); samples/ does too. */
function findHistory(modelFile: string): string | null {
  const modelDir = dirname(modelFile);
  for (const candidate of [join(modelDir, 'history.json'), join(dirname(modelDir), 'history.json'), join(dirname(modelDir), 'history.csv')]) {
    if (existsSync(candidate)) return candidate;
  }
  return null;
}
