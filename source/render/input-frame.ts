// The input image as the model sees it (resized, before / 255), scaled to fit a terminal area: the `i` view.
import type { Pixels } from '../model/resize.js';
import type { ColorLevel } from './color-level.js';
import { toAnsiLines } from './halfblock.js';
import { resizeGray } from './resize.js';

export function renderInputLines(pixels: Pixels, cols: number, rows: number, level: ColorLevel): string[] {
  const { width: w, height: h, channels: c } = pixels;
  const k = Math.min(cols / w, (rows * 2) / h);
  const width = Math.max(1, Math.min(cols, Math.floor(w * k)));
  const height = Math.max(1, Math.min(rows * 2, Math.floor(h * k)));
  const planes = Array.from({ length: c }, (_, ch) => {
    const plane = new Uint8Array(w * h);
    for (let i = 0; i < plane.length; i++) plane[i] = pixels.data[i * c + ch]!;
    return resizeGray(plane, w, h, width, height);
  });
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    for (let ch = 0; ch < 3; ch++) data[i * 3 + ch] = planes[c === 1 ? 0 : ch]![i]!;
  }
  return toAnsiLines({ width, height, data }, level);
}
