// The --json document (also export's summary.json). Key names are stable and documented in README.
import type { LayerActivation } from '../activations/forward.js';
import type { InspectSession, Sample } from '../services/inspect-session.js';

export interface SummaryJson {
  backend: { name: string; native: boolean; tensorflow_version: string | null };
  model: { path: string; format: string; input_shape: number[]; class_names: string[] };
  image: { path: string; true_label: string | null; original_size: [number, number] };
  prediction: { label: string; probability: number; raw: number[] };
  layers: Array<{
    index: number;
    name: string;
    class: string;
    output_shape: number[];
    sparsity: number;
    filters: number | null;
    dead_filters: number | null;
    min: number;
    max: number;
    mean: number;
  }>;
}

export function summaryJson(session: InspectSession, sample: Sample, layers: LayerActivation[]): SummaryJson {
  const { input } = session.loaded;
  return {
    backend: { name: session.backend.backend, native: session.backend.native, tensorflow_version: session.backend.tensorflowVersion },
    model: { path: session.loaded.file, format: session.loaded.format, input_shape: [input.height, input.width, input.channels], class_names: session.classNames },
    image: { path: sample.path, true_label: sample.trueLabel, original_size: sample.originalSize },
    prediction: { label: sample.prediction.label, probability: sample.prediction.probability, raw: sample.prediction.raw },
    layers: layers.map(({ layer, stats }) => ({
      index: layer.index + 1,
      name: layer.name,
      class: layer.className,
      output_shape: layer.shape,
      sparsity: stats.sparsity,
      filters: stats.filters,
      dead_filters: stats.deadFilters,
      min: stats.min,
      max: stats.max,
      mean: stats.mean,
    })),
  };
}
