// Views of a 2-D layer output (Flatten, Dense: one vector per batch item) that have no spatial layout.
import { DEAD_FILL, BACKGROUND } from './compose-grid.js';
import { createImage, setPixel, type RgbImage } from './image.js';
import { standardizeStrided } from './standardize.js';

export interface VectorStrip {
  image: RgbImage;
  /** How many consecutive values were averaged into each pixel (1 = no downsampling). */
  valuesPerPixel: number;
  /** How many pixels each value spans horizontally (>1 only when the vector is shorter than the width). */
  pixelsPerValue: number;
  dead: boolean;
  mean: number;
  std: number;
}

/**
 * Standardise the vector like a conv filter and lay it out row-major, `widthCells` pixels per row and at
 * most `maxRows` text rows (2 px each). Longer vectors are area-averaged in runs of consecutive values;
 * shorter ones are widened so the strip still fills the width. Unused pixels of the last row are background.
 */
export function vectorStrip(values: ArrayLike<number>, widthCells: number, lut: Uint8Array, maxRows = 8): VectorStrip {
  const n = values.length;
  const width = Math.max(1, Math.floor(widthCells));
  const maxPx = Math.max(1, Math.floor(maxRows)) * 2;
  const s = standardizeStrided(values, 0, 1, n);
  const valuesPerPixel = Math.max(1, Math.ceil(n / (width * maxPx)));
  const count = Math.ceil(n / valuesPerPixel);
  const pixelsPerValue = n > 0 && n < width ? Math.floor(width / n) : 1;
  const w = n === 0 ? 0 : Math.min(width, count * pixelsPerValue);
  const h = n === 0 ? 0 : Math.ceil((count * pixelsPerValue) / width);
  const image = createImage(w, h, BACKGROUND);
  for (let i = 0; i < count; i++) {
    const from = i * valuesPerPixel, to = Math.min(n, from + valuesPerPixel);
    let sum = 0;
    for (let j = from; j < to; j++) sum += s.pixels[j];
    const v = Math.round(sum / (to - from));
    const colour = s.dead ? DEAD_FILL : ([lut[3 * v], lut[3 * v + 1], lut[3 * v + 2]] as const);
    for (let k = 0; k < pixelsPerValue; k++) {
      const p = i * pixelsPerValue + k;
      setPixel(image, p % width, Math.floor(p / width), colour);
    }
  }
  return { image, valuesPerPixel, pixelsPerValue, dead: s.dead, mean: s.mean, std: s.std };
}

export const SPARK_CHARS = '▁▂▃▄▅▆▇█';

/**
 * Text bar chart, one character per value (or per bucket of values, averaged, when there are more values
 * than `width`). Heights span `range` (default: min..max of the finite values); NaN/Inf show as ' '.
 */
export function sparkBars(values: ArrayLike<number>, width: number, range?: readonly [number, number]): string {
  const n = values.length;
  const cells = Math.min(n, Math.max(0, Math.floor(width)));
  const buckets: number[] = [];
  for (let c = 0; c < cells; c++) {
    const from = Math.floor((c * n) / cells), to = Math.floor(((c + 1) * n) / cells);
    let sum = 0;
    for (let j = from; j < to; j++) sum += values[j];
    buckets.push(sum / (to - from));
  }
  const finite = buckets.filter(Number.isFinite);
  const lo = range ? range[0] : Math.min(...finite);
  const hi = range ? range[1] : Math.max(...finite);
  const top = SPARK_CHARS.length - 1;
  return buckets.map((v) => {
    if (!Number.isFinite(v)) return ' ';
    if (!(hi > lo)) return SPARK_CHARS[top >> 1]; // all equal: a flat middle line
    const i = Math.round(((v - lo) / (hi - lo)) * top);
    return SPARK_CHARS[Math.min(top, Math.max(0, i))];
  }).join('');
}
