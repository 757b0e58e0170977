// Per-filter standardisation from the notebook, for one layer's channels-last activation (batch item 0):
//   x -= x.mean(); x /= x.std(); x *= 64; x += 128; np.clip(x, 0, 255).astype('uint8')
// Pixel (y, x) of filter c lives at data[(y*W + x)*C + c].

export interface StandardizedFilter {
  /** H*W bytes, row-major. All 0 for a dead filter. */
  pixels: Uint8Array;
  /** std == 0 or some value is NaN/±Inf: nothing meaningful to show. */
  dead: boolean;
  /** Mean and population std (ddof=0) over the finite values, in float64; 0 when there are none. */
  mean: number;
  std: number;
}

function checkShape(data: Float32Array | Float64Array, H: number, W: number, C: number): void {
  if (![H, W, C].every((n) => Number.isInteger(n) && n > 0)) throw new RangeError(`bad shape ${H}x${W}x${C}`);
  if (data.length !== H * W * C) throw new RangeError(`data has ${data.length} values, expected ${H}*${W}*${C}`);
}

/** Standardise `n` values read from data[offset + i*stride]. Shared with the vector view. */
export function standardizeStrided(
  data: ArrayLike<number>, offset: number, stride: number, n: number,
): StandardizedFilter {
  let sum = 0;
  let finite = 0;
  for (let i = 0, j = offset; i < n; i++, j += stride) {
    const v = data[j];
    if (Number.isFinite(v)) { sum += v; finite++; }
  }
  const mean = finite > 0 ? sum / finite : 0;
  let sq = 0;
  for (let i = 0, j = offset; i < n; i++, j += stride) {
    const v = data[j];
    if (Number.isFinite(v)) sq += (v - mean) * (v - mean);
  }
  const std = finite > 0 ? Math.sqrt(sq / finite) : 0;
  const pixels = new Uint8Array(n);
  // NumPy would produce NaN here (0/0 or NaN propagation); we mark the filter dead instead.
  const dead = finite < n || !(std > 0) || !Number.isFinite(std);
  if (!dead) {
    const scale = 64 / std;
    for (let i = 0, j = offset; i < n; i++, j += stride) {
      const v = (data[j] - mean) * scale + 128;
      // clip then truncate, like astype('uint8') on a clipped float array
      pixels[i] = v <= 0 ? 0 : v >= 255 ? 255 : Math.trunc(v);
    }
  }
  return { pixels, dead, mean, std };
}

export function standardizeFilter(
  data: Float32Array | Float64Array, H: number, W: number, C: number, c: number,
): StandardizedFilter {
  checkShape(data, H, W, C);
  if (!Number.isInteger(c) || c < 0 || c >= C) throw new RangeError(`filter ${c} out of range 0..${C - 1}`);
  return standardizeStrided(data, c, C, H * W);
}

export function standardizeAll(
  data: Float32Array | Float64Array, H: number, W: number, C: number,
): StandardizedFilter[] {
  checkShape(data, H, W, C);
  return Array.from({ length: C }, (_, c) => standardizeStrided(data, c, C, H * W));
}
