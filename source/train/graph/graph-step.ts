// Runs the seed model's training step as a TensorFlow graph through tfjs-node's SavedModel session.
// Weights and RMSprop mean squares live here as tensors between steps; the Layers model is updated on demand.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LayersModel, Tensor, TF } from '../../model/tf.js';
import type { Batch } from '../data.js';
import type { BatchMetrics, OptimizerState, TrainStep } from '../train-step.js';
import { seedStepGraph, WEIGHT_COUNT } from './seed-step-graph.js';
import { writeSavedModel } from './saved-model.js';

type NamedTensors = Record<string, Tensor>;
interface SessionModel {
  predict(inputs: NamedTensors): NamedTensors;
  dispose(): void;
}
interface TfNode {
  loadSavedModel(path: string, tags: string[], signature: string): Promise<SessionModel>;
}

export class GraphTrainStep implements TrainStep {
  readonly engine = 'graph';
  private constructor(
    private readonly tf: TF,
    private readonly model: LayersModel,
    private readonly trainSession: SessionModel,
    private readonly evalSession: SessionModel,
    private weights: Tensor[],
    private meanSquares: Tensor[],
    private iterations: number,
  ) {}

  /** Starts from the model's current weights and, when given, a saved RMSprop state (else zeros). */
  static async create(tf: TF, model: LayersModel, options: { imageSize: number; learningRate: number }, initial?: OptimizerState) {
    const node = (tf as unknown as { node?: TfNode }).node;
    if (!node) throw new Error('the graph training step needs tfjs-node (native TensorFlow)');
    const weights = model.getWeights().map((w) => w.clone()); // clones share the data; no copy
    if (weights.length !== WEIGHT_COUNT) throw new Error(`expected the seed model's ${WEIGHT_COUNT} weights, got ${weights.length}`);
    const meanSquares = initial && initial.rms.length > 0 ? initial.rms.map((t) => t.clone()) : weights.map((w) => tf.zerosLike(w));
    const dir = await mkdtemp(join(tmpdir(), 'convscope-step-'));
    try {
      const graph = seedStepGraph(options.imageSize, options.learningRate);
      await writeSavedModel(dir, graph.nodes, graph.signatures);
      const trainSession = await node.loadSavedModel(dir, ['serve'], 'train_step');
      const evalSession = await node.loadSavedModel(dir, ['serve'], 'evaluate'); // same session, second signature
      return new GraphTrainStep(tf, model, trainSession, evalSession, weights, meanSquares, initial?.iterations ?? 0);
    } catch (error) {
      tf.dispose([...weights, ...meanSquares]);
      throw error;
    } finally {
      // The session holds the graph in memory; the file is no longer needed.
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** x: the batch's bytes as int32 words (seedStepGraph unpacks them), shared with Batch.pixels' buffer when it can be. */
  tensors(batch: Batch): { x: Tensor; y: Tensor } {
    const { pixels } = batch;
    const words = Math.ceil(pixels.length / 4);
    const aligned = pixels.byteOffset % 4 === 0 && pixels.buffer.byteLength >= pixels.byteOffset + words * 4;
    const packed = aligned ? new Int32Array(pixels.buffer, pixels.byteOffset, words) : padded(pixels, words);
    return { x: this.tf.tensor1d(packed, 'int32'), y: this.tf.tensor2d(batch.y, [batch.size, 1]) };
  }

  private inputs(x: Tensor, y: Tensor): NamedTensors {
    const named: NamedTensors = { x, y };
    this.weights.forEach((w, i) => (named[`w${i}`] = w));
    return named;
  }

  async train(x: Tensor, y: Tensor): Promise<BatchMetrics> {
    const inputs = this.inputs(x, y);
    this.meanSquares.forEach((m, i) => (inputs[`ms${i}`] = m));
    const out = this.trainSession.predict(inputs);
    const metrics = { loss: out.loss!.dataSync()[0]!, acc: out.acc!.dataSync()[0]! };
    this.tf.dispose([out.loss!, out.acc!, ...this.weights, ...this.meanSquares]);
    this.weights = this.weights.map((_, i) => out[`w${i}`]!);
    this.meanSquares = this.meanSquares.map((_, i) => out[`ms${i}`]!);
    this.iterations++;
    return metrics;
  }

  async evaluate(x: Tensor, y: Tensor): Promise<BatchMetrics> {
    const out = this.evalSession.predict(this.inputs(x, y));
    const metrics = { loss: out.loss!.dataSync()[0]!, acc: out.acc!.dataSync()[0]! };
    this.tf.dispose([out.loss!, out.acc!]);
    return metrics;
  }

  syncModel(): void {
    this.model.setWeights(this.weights); // variables take the tensors' data by reference
  }

  optimizerState(): OptimizerState {
    return { iterations: this.iterations, rms: this.meanSquares };
  }

  dispose(): void {
    this.tf.dispose([...this.weights, ...this.meanSquares]);
    this.weights = [];
    this.meanSquares = [];
    this.trainSession.dispose();
    this.evalSession.dispose();
  }
}

function padded(pixels: Uint8Array, words: number): Int32Array {
  const bytes = new Uint8Array(words * 4);
  bytes.set(pixels);
  return new Int32Array(bytes.buffer);
}
