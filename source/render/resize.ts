// Resize a single-channel uint8 image: area-average when shrinking (keeps thin activations visible
// as dimmer pixels instead of dropping them), nearest neighbour when enlarging (keeps pixels crisp).

/** For each destination index along one axis: the source indices and weights that make it up. */
function axisWeights(src: number, dst: number): { idx: number[]; w: number[] }[] {
  const out: { idx: number[]; w: number[] }[] = [];
  if (dst >= src) {
    for (let i = 0; i < dst; i++) out.push({ idx: [Math.min(src - 1, Math.floor(((i + 0.5) * src) / dst))], w: [1] });
    return out;
  }
  const scale = src / dst;
  for (let i = 0; i < dst; i++) {
    const a = i * scale, b = (i + 1) * scale;
    const idx: number[] = [], w: number[] = [];
    for (let s = Math.floor(a); s < Math.min(src, Math.ceil(b)); s++) {
      const overlap = Math.min(b, s + 1) - Math.max(a, s);
      if (overlap > 1e-9) { idx.push(s); w.push(overlap / scale); }
    }
    out.push({ idx, w });
  }
  return out;
}

export function resizeGray(src: Uint8Array, srcW: number, srcH: number, dstW: number, dstH: number): Uint8Array {
  if (src.length !== srcW * srcH) throw new RangeError(`source has ${src.length} px, expected ${srcW}x${srcH}`);
  if (dstW === srcW && dstH === srcH) return src.slice();
  const xs = axisWeights(srcW, dstW), ys = axisWeights(srcH, dstH);
  const out = new Uint8Array(dstW * dstH);
  const row = new Float64Array(srcW);
  for (let y = 0; y < dstH; y++) {
    // Blend the contributing source rows first, then resample that row horizontally.
    row.fill(0);
    const { idx: yi, w: yw } = ys[y];
    for (let k = 0; k < yi.length; k++) {
      const base = yi[k] * srcW, wk = yw[k];
      for (let x = 0; x < srcW; x++) row[x] += src[base + x] * wk;
    }
    for (let x = 0; x < dstW; x++) {
      const { idx, w } = xs[x];
      let v = 0;
      for (let k = 0; k < idx.length; k++) v += row[idx[k]] * w[k];
      out[y * dstW + x] = Math.min(255, Math.max(0, Math.round(v)));
    }
  }
  return out;
}
