// One forward pass that returns every layer's output, copied out of TensorFlow into plain typed arrays
// (no tensor ever leaves this module: the UI keeps only arrays and strings).
import type { LayersModel, TF } from '../model/tf.js';
import { layerStats, type LayerStats } from './stats.js';

export interface LayerInfo {
  index: number;
  name: string;
  className: string;
  /** Output shape without the batch dimension. */
  shape: number[];
}

export interface LayerActivation {
  layer: LayerInfo;
  data: Float32Array;
  stats: LayerStats;
}

export class ActivationModel {
  readonly layers: LayerInfo[];
  private readonly probe: LayersModel;

  constructor(private readonly tf: TF, model: LayersModel) {
    // A Sequential model's `layers` has no InputLayer, a functional one's does: skip it either way.
    const layers = model.layers.filter((l) => l.getClassName() !== 'InputLayer');
    this.layers = layers.map((l, index) => ({
      index,
      name: l.name,
      className: l.getClassName(),
      shape: (l.outputShape as number[]).slice(1),
    }));
    const outputs = layers.map((l) => l.output as ReturnType<TF['input']>);
    this.probe = tf.model({ inputs: model.inputs, outputs });
  }

  /** `input` is one image, channels-last, already scaled (e.g. / 255). */
  async run(input: Float32Array, inputShape: [number, number, number]): Promise<LayerActivation[]> {
    const tf = this.tf;
    const outputs = tf.tidy(() => {
      const x = tf.tensor4d(input, [1, ...inputShape]);
      const y = this.probe.predict(x);
      return Array.isArray(y) ? y : [y];
    });
    try {
      const arrays = await Promise.all(outputs.map((t) => t.data() as Promise<Float32Array>));
      return arrays.map((data, i) => ({ layer: this.layers[i]!, data, stats: layerStats(data, this.layers[i]!.shape) }));
    } finally {
      for (const t of outputs) t.dispose();
    }
  }
}
