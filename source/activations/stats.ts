// Per-layer numbers the notebook's reader looks for: how sparse a layer is (ReLU zeros grow with depth)
// and how many filters are dead (constant over the whole map) for this image.

export interface LayerStats {
  min: number;
  max: number;
  mean: number;
  /** Fraction of values exactly 0, in [0, 1]. */
  sparsity: number;
  /** Filters (channels) of a 4-D output; null for vectors. */
  filters: number | null;
  /** Filters whose map is constant (std = 0): drawn flat and marked. */
  deadFilters: number | null;
}

/** `shape` excludes the batch dimension: [H, W, C] for feature maps, [N] for vectors. */
export function layerStats(data: Float32Array, shape: number[]): LayerStats {
  let min = Infinity, max = -Infinity, sum = 0, zeros = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    if (v === 0) zeros++;
  }
  const n = data.length || 1;
  const isMap = shape.length === 3;
  return {
    min: data.length ? min : 0,
    max: data.length ? max : 0,
    mean: sum / n,
    sparsity: zeros / n,
    filters: isMap ? shape[2]! : null,
    deadFilters: isMap ? countDeadFilters(data, shape[0]! * shape[1]!, shape[2]!) : null,
  };
}

/**
 * A filter is dead when every value in its map is equal (std = 0), e.g. all zeros after ReLU, or when
 * it holds NaN/Inf: the same rule render/standardize.ts uses to draw it flat and marked.
 */
export function countDeadFilters(data: Float32Array, pixels: number, channels: number): number {
  let dead = 0;
  for (let c = 0; c < channels; c++) {
    const first = data[c]!;
    let constant = true;
    let finite = Number.isFinite(first);
    for (let p = 1; p < pixels && finite; p++) {
      const v = data[p * channels + c]!;
      if (!Number.isFinite(v)) finite = false;
      else if (v !== first) constant = false;
    }
    if (constant || !finite) dead++;
  }
  return dead;
}
