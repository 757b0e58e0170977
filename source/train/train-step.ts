// One optimisation step on a batch, behind an interface so the trainer does not care how it runs.
// `graph` (default) runs the seed model's step as one TensorFlow graph (see graph/seed-step-graph.ts);
// `layers` is tfjs's own model.trainOnBatch, kept as the reference the graph step is tested against.
import type { LayersModel, Tensor, TF } from '../model/tf.js';
import { batchInput, type Batch } from './data.js';

export type TrainEngine = 'graph' | 'layers';

export interface BatchMetrics {
  loss: number;
  acc: number;
}

/** RMSprop state in tfjs's optimizer.getWeights() terms. Tensors are borrowed: do not dispose. */
export interface OptimizerState {
  iterations: number;
  /** Mean squares, one per model weight, in model.getWeights() order. */
  rms: Tensor[];
}

export interface TrainStep {
  readonly engine: TrainEngine;
  /** The batch as the tensors `train` and `evaluate` take (each engine has its own form of x); caller disposes. */
  tensors(batch: Batch): { x: Tensor; y: Tensor };
  train(x: Tensor, y: Tensor): Promise<BatchMetrics>;
  evaluate(x: Tensor, y: Tensor): Promise<BatchMetrics>;
  /** Makes the Layers model hold the current weights (no copy), so it can be saved. */
  syncModel(): void;
  optimizerState(): OptimizerState;
  dispose(): void;
}

/** tfjs's trainOnBatch / evaluate. Its RMSprop keeps its own accumulators, created on the first step. */
export class LayersTrainStep implements TrainStep {
  readonly engine = 'layers';
  private readonly zeros: Tensor[] = [];

  private constructor(private readonly tf: TF, private readonly model: LayersModel) {}

  tensors(batch: Batch): { x: Tensor; y: Tensor } {
    const size = this.model.inputs[0]!.shape[1]!;
    return {
      x: this.tf.tensor4d(batchInput(batch), [batch.size, size, size, 3]),
      y: this.tf.tensor2d(batch.y, [batch.size, 1]),
    };
  }

  static async create(tf: TF, model: LayersModel, initial?: OptimizerState): Promise<LayersTrainStep> {
    if (initial && initial.rms.length > 0) {
      // tfjs's RMSprop.setWeights layout: iter, mean squares, moments (zero: with momentum 0 they carry no state).
      const iter = tf.scalar(initial.iterations, 'int32');
      await model.optimizer.setWeights([
        { name: 'iter', tensor: iter },
        ...initial.rms.map((t, i) => ({ name: `rms${i}`, tensor: t.clone() })),
        ...initial.rms.map((t, i) => ({ name: `momentum${i}`, tensor: tf.zerosLike(t) })),
      ]);
      iter.dispose();
    }
    return new LayersTrainStep(tf, model);
  }

  async train(x: Tensor, y: Tensor): Promise<BatchMetrics> {
    const [loss, acc] = (await this.model.trainOnBatch(x, y)) as number[];
    return { loss: loss!, acc: acc! };
  }

  async evaluate(x: Tensor, y: Tensor): Promise<BatchMetrics> {
    const out = this.model.evaluate(x, y, { batchSize: x.shape[0] }) as Tensor[];
    const [loss, acc] = await Promise.all(out.map(async (t) => (await t.data())[0]!));
    this.tf.dispose(out);
    return { loss: loss!, acc: acc! };
  }

  syncModel(): void {}

  optimizerState(): OptimizerState {
    const optimizer = this.model.optimizer as unknown as {
      iterations: number;
      accumulatedMeanSquares?: Array<{ variable: Tensor }>;
    };
    const rms = (optimizer.accumulatedMeanSquares ?? []).map((a) => a.variable);
    if (rms.length === 0) {
      // No step taken yet: RMSprop's accumulators start at zero.
      this.tf.dispose(this.zeros.splice(0));
      this.zeros.push(...this.model.getWeights().map((w) => this.tf.zerosLike(w)));
      return { iterations: 0, rms: this.zeros };
    }
    return { iterations: optimizer.iterations, rms };
  }

  dispose(): void {
    this.tf.dispose(this.zeros.splice(0));
  }
}
