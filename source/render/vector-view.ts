// The view of a vector layer (Flatten, Dense): a standardised heat strip plus a bar line of raw values,
// so a 2-D output is never a blank screen.
import type { ColorLevel } from './color-level.js';
import { toAnsiLines } from './halfblock.js';
import { sparkBars, vectorStrip } from './vector-strip.js';

export function renderVector(data: Float32Array, cols: number, rows: number, lut: Uint8Array, level: ColorLevel): string[] {
  let min = Infinity, max = -Infinity;
  for (const v of data) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (data.length <= 4) {
    // A Dense(1) sigmoid or a tiny softmax: the numbers say more than a picture.
    return Array.from(data, (v, i) => `unit ${i}: ${v.toFixed(4)}  ${'█'.repeat(Math.round(Math.max(0, Math.min(1, v)) * Math.max(0, cols - 20)))}`);
  }
  const stripRows = Math.max(1, rows - 4);
  const strip = vectorStrip(data, cols, lut, stripRows);
  const lines = toAnsiLines(strip.image, level);
  const per = strip.valuesPerPixel > 1 ? `, each pixel = mean of ${strip.valuesPerPixel} values` : '';
  lines.push('', sparkBars(data, cols, [min, max]), `${data.length} values${per} · bars: raw values from ${min.toPrecision(3)} to ${max.toPrecision(3)}`);
  return lines.slice(0, rows);
}
