// Resizing exactly as Pillow does it, because Keras's load_img(target_size=...) resizes with Pillow:
// `nearest` (Keras's default) and `bilinear` (Pillow's antialiased, fixed-point convolution).
// Matching Pillow bit for bit is what lets convscope's activations equal the notebook's.

export interface Pixels {
  width: number;
  height: number;
  channels: number;
  data: Uint8Array; // row-major, interleaved channels
}

export type Interpolation = 'nearest' | 'bilinear';

export function resize(src: Pixels, width: number, height: number, how: Interpolation): Pixels {
  if (src.width === width && src.height === height) return src;
  return how === 'nearest' ? resizeNearest(src, width, height) : resizeBilinear(src, width, height);
}

/**
 * Pillow's NEAREST (Imaging.resize → ImagingScaleAffine): the source coordinate starts at scale / 2 and is
 * advanced by adding `scale` once per output pixel, in doubles, then truncated. The running sum matters:
 * when upscaling, (x + 0.5) · scale often lands exactly on an integer that the sum misses by an ulp
 * (100 → 150: 1/3 + 2/3 + 2/3 + ... gives 2.9999999999999996, not 3), and Pillow picks the pixel before.
 * Output pixels whose source coordinate falls outside the image stay 0 (Pillow's fill).
 */
function resizeNearest(src: Pixels, width: number, height: number): Pixels {
  const { channels: c } = src;
  const out = new Uint8Array(width * height * c);
  const xs = sourceIndices(src.width, width);
  const ys = sourceIndices(src.height, height);
  for (let y = 0; y < height; y++) {
    const yy = ys[y]!;
    if (yy < 0) continue;
    const row = yy * src.width;
    for (let x = 0; x < width; x++) {
      if (xs[x]! < 0) continue;
      const s = (row + xs[x]!) * c;
      const d = (y * width + x) * c;
      for (let k = 0; k < c; k++) out[d + k] = src.data[s + k]!;
    }
  }
  return { width, height, channels: c, data: out };
}

/** ImagingScaleAffine's pretabulated positions: COORD(xo), xo = scale / 2 + x · scale by repeated addition; -1 = outside. */
function sourceIndices(inSize: number, outSize: number): Int32Array {
  const scale = inSize / outSize; // a[0] = (double)(box[2] - box[0]) / xsize
  const index = new Int32Array(outSize);
  let xo = 0 + scale * 0.5; // a[2] + a[0] * 0.5
  for (let x = 0; x < outSize; x++) {
    const xin = xo < 0 ? -1 : Math.trunc(xo);
    index[x] = xin >= 0 && xin < inSize ? xin : -1;
    xo += scale;
  }
  return index;
}

const PRECISION_BITS = 32 - 8 - 2;

/** Pillow's precompute_coeffs + normalize_coeffs_8bpc for the triangle (bilinear) filter. */
function coefficients(inSize: number, outSize: number) {
  const scale = inSize / outSize;
  const filterScale = Math.max(scale, 1);
  const support = 1.0 * filterScale;
  const kSize = Math.ceil(support) * 2 + 1;
  const bounds = new Int32Array(outSize * 2);
  const kk = new Int32Array(outSize * kSize);
  const pre = new Float64Array(kSize);
  for (let xx = 0; xx < outSize; xx++) {
    const center = (xx + 0.5) * scale;
    const ss = 1.0 / filterScale;
    let xmin = Math.trunc(center - support + 0.5);
    if (xmin < 0) xmin = 0;
    let xmax = Math.trunc(center + support + 0.5);
    if (xmax > inSize) xmax = inSize;
    xmax -= xmin;
    let ww = 0;
    for (let x = 0; x < xmax; x++) {
      const t = Math.abs((x + xmin - center + 0.5) * ss);
      const w = t < 1 ? 1 - t : 0;
      pre[x] = w;
      ww += w;
    }
    for (let x = 0; x < xmax; x++) {
      const v = ww !== 0 ? pre[x]! / ww : pre[x]!;
      kk[xx * kSize + x] = v < 0 ? Math.trunc(-0.5 + v * (1 << PRECISION_BITS)) : Math.trunc(0.5 + v * (1 << PRECISION_BITS));
    }
    bounds[xx * 2] = xmin;
    bounds[xx * 2 + 1] = xmax;
  }
  return { kSize, bounds, kk };
}

const clip8 = (v: number) => {
  const r = Math.floor(v / (1 << PRECISION_BITS)); // arithmetic shift of a value beyond 32 bits
  return r < 0 ? 0 : r > 255 ? 255 : r;
};

/** Pillow resamples horizontally first, then vertically, rounding to 8 bits after each pass. */
function resizeBilinear(src: Pixels, width: number, height: number): Pixels {
  let img = src;
  if (width !== src.width) img = pass(img, width, true);
  if (height !== src.height) img = pass(img, height, false);
  return img;
}

function pass(src: Pixels, size: number, horizontal: boolean): Pixels {
  const c = src.channels;
  const { kSize, bounds, kk } = coefficients(horizontal ? src.width : src.height, size);
  const width = horizontal ? size : src.width;
  const height = horizontal ? src.height : size;
  const out = new Uint8Array(width * height * c);
  const half = 1 << (PRECISION_BITS - 1);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = horizontal ? x : y;
      const min = bounds[i * 2]!;
      const n = bounds[i * 2 + 1]!;
      for (let k = 0; k < c; k++) {
        let ss = half;
        for (let t = 0; t < n; t++) {
          const s = horizontal ? (y * src.width + min + t) * c + k : ((min + t) * src.width + x) * c + k;
          ss += src.data[s]! * kk[i * kSize + t]!;
        }
        out[(y * width + x) * c + k] = clip8(ss);
      }
    }
  }
  return { width, height, channels: c, data: out };
}
