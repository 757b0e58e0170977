/**
 * Where epochs land on a plot whose columns are samples 0..samples-1 (asciichart style: sample 0 sits on the
 * y-axis, each later sample one column further right).
 */
export interface EpochScale {
  samples: number;
  /** Column offset from the y-axis of a 0-based epoch index. */
  column(epochIndex: number): number;
}

/**
 * Fewer epochs than columns: stretch by a whole number of columns per epoch, so every epoch sits exactly on a
 * column (leaving up to epochs-2 columns unused beats uneven spacing). More epochs than columns: bucket them.
 */
export function epochScale(epochs: number, maxSamples: number): EpochScale {
  if (maxSamples < 2) throw new RangeError(`need at least 2 plot columns, got ${maxSamples}`);
  // A single epoch is drawn as one short segment rather than stretched into a misleading long line.
  if (epochs <= 1) return { samples: 2, column: () => 0 };
  if (epochs <= maxSamples) {
    const step = Math.floor((maxSamples - 1) / (epochs - 1));
    return { samples: step * (epochs - 1) + 1, column: (epoch) => epoch * step };
  }
  return { samples: maxSamples, column: (epoch) => Math.floor((epoch * maxSamples) / epochs) };
}

/**
 * Resamples a per-epoch series onto `scale.samples` points, keeping NaN as gaps. Stretching interpolates linearly
 * (a point next to a gap is a gap); shrinking averages the finite values that fall on the same column.
 */
export function resample(series: readonly number[], scale: EpochScale): number[] {
  const epochs = series.length;
  const { samples } = scale;
  if (epochs <= 1) return new Array<number>(samples).fill(epochs === 1 ? series[0] : NaN);
  if (epochs <= samples) {
    return Array.from({ length: samples }, (_, k) => {
      const position = (k * (epochs - 1)) / (samples - 1);
      const lo = Math.floor(position);
      const hi = Math.min(Math.ceil(position), epochs - 1);
      return series[lo] + (series[hi] - series[lo]) * (position - lo); // NaN propagates: gaps stay gaps
    });
  }
  const sums = new Array<number>(samples).fill(0);
  const counts = new Array<number>(samples).fill(0);
  series.forEach((value, epoch) => {
    if (!Number.isFinite(value)) return;
    const column = scale.column(epoch);
    sums[column] += value;
    counts[column] += 1;
  });
  return sums.map((sum, k) => (counts[k] > 0 ? sum / counts[k] : NaN));
}
