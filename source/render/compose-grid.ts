// Paint a page of standardised filters (or one zoomed filter) into an RGB image for the terminal.
import { GAP_CELLS, pageRange, type GridLayout } from './grid-layout.js';
import { createImage, setPixel, type Rgb, type RgbImage } from './image.js';
import { resizeGray } from './resize.js';

/** What a composer needs from standardize.ts: H*W bytes (row-major) and whether the filter is dead. */
export interface TileSource {
  pixels: Uint8Array;
  dead: boolean;
}

/** Gaps and empty slots: neutral dark grey, distinct from the near-black low end of magma/inferno. */
export const BACKGROUND: Rgb = [32, 32, 32];
/** Dead filters: flat grey with a red X, which no colormap can produce as a feature map. */
export const DEAD_FILL: Rgb = [72, 72, 72];
export const DEAD_MARK: Rgb = [255, 64, 64];

/** Draw tile values through the LUT at (x0, y0). */
function paintTile(img: RgbImage, gray: Uint8Array, w: number, h: number, x0: number, y0: number, lut: Uint8Array): void {
  for (let y = 0; y < h; y++) {
    let o = ((y0 + y) * img.width + x0) * 3;
    for (let x = 0; x < w; x++, o += 3) {
      const l = gray[y * w + x] * 3;
      img.data[o] = lut[l]; img.data[o + 1] = lut[l + 1]; img.data[o + 2] = lut[l + 2];
    }
  }
}

/** Flat tile crossed by both diagonals; steps along the longer side so the lines have no holes. */
function paintDead(img: RgbImage, w: number, h: number, x0: number, y0: number): void {
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) setPixel(img, x0 + x, y0 + y, DEAD_FILL);
  const n = Math.max(w, h);
  for (let i = 0; i < n; i++) {
    const t = n === 1 ? 0 : i / (n - 1);
    const x = Math.round(t * (w - 1)), y = Math.round(t * (h - 1));
    setPixel(img, x0 + x, y0 + y, DEAD_MARK);
    setPixel(img, x0 + (w - 1 - x), y0 + y, DEAD_MARK);
  }
}

function paint(img: RgbImage, f: TileSource, srcW: number, srcH: number, w: number, h: number,
  x0: number, y0: number, lut: Uint8Array): void {
  if (f.dead) paintDead(img, w, h, x0, y0);
  else paintTile(img, resizeGray(f.pixels, srcW, srcH, w, h), w, h, x0, y0, lut);
}

/**
 * One page of the grid. The image is layout.widthCells px wide and 2*layout.heightCells px tall, so each
 * text row of the half-block output lines up with the layout's cells (odd tile heights get a blank row).
 */
export function composeGrid(
  filters: readonly TileSource[], srcW: number, srcH: number, layout: GridLayout, page: number, lut: Uint8Array,
): RgbImage {
  const img = createImage(layout.widthCells, layout.heightCells * 2, BACKGROUND);
  const { start, end } = pageRange(layout, page);
  const { tilePxW: w, tilePxH: h } = layout;
  for (let i = start; i < end; i++) {
    const slot = i - start;
    const col = slot % layout.gridCols, row = Math.floor(slot / layout.gridCols);
    paint(img, filters[i], srcW, srcH, w, h, col * (w + GAP_CELLS), row * (layout.tileRows + GAP_CELLS) * 2, lut);
  }
  return img;
}

/** One filter scaled (either way, keeping its aspect) to the largest size fitting cols x rows cells. */
export function composeSingle(
  filter: TileSource, srcW: number, srcH: number, cols: number, rows: number, lut: Uint8Array,
): RgbImage {
  const k = Math.min(cols / srcW, (rows * 2) / srcH);
  const w = Math.max(0, Math.min(cols, Math.round(srcW * k)));
  const h = Math.max(0, Math.min(rows * 2, Math.round(srcH * k)));
  const img = createImage(w, h, BACKGROUND);
  if (w > 0 && h > 0) paint(img, filter, srcW, srcH, w, h, 0, 0, lut);
  return img;
}
