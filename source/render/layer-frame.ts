// One layer of one image, drawn for a terminal area: the standardised filters tiled into a grid that fits
// (paged when they do not), or one zoomed filter, or a strip for vector layers. Returns plain strings.
import type { LayerActivation } from '../activations/forward.js';
import type { ColorLevel } from './color-level.js';
import { getColormap, type ColormapName } from './colormap.js';
import { composeGrid, composeSingle } from './compose-grid.js';
import { layoutGrid, pageRange, type GridLayout } from './grid-layout.js';
import { toAnsiLines } from './halfblock.js';
import { standardizeAll, type StandardizedFilter } from './standardize.js';
import { renderVector } from './vector-view.js';

export interface FrameRequest {
  activation: LayerActivation;
  /** Standardised filters of this activation (computed once per image and layer, see FrameCache). */
  filters: StandardizedFilter[] | null;
  cols: number;
  rows: number;
  page: number;
  zoom: number | null;
  colormap: ColormapName;
  level: ColorLevel;
}

export interface Frame {
  lines: string[];
  /** Visible width of every line, in cells. */
  width: number;
  tooSmall: boolean;
  layout: GridLayout | null;
  /** "filters 1–16 of 32 · page 1/2" or "filter 5 of 32". */
  caption: string;
}

export const MIN_AREA = { cols: 20, rows: 6 };
const READABLE_TILE_PX = 16;

export function standardizeLayer(activation: LayerActivation): StandardizedFilter[] | null {
  const { shape } = activation.layer;
  return shape.length === 3 ? standardizeAll(activation.data, shape[0]!, shape[1]!, shape[2]!) : null;
}

export function renderFrame(req: FrameRequest): Frame {
  const { activation, cols, rows, level } = req;
  if (cols < MIN_AREA.cols || rows < MIN_AREA.rows) return tooSmall(cols);
  const shape = activation.layer.shape;
  if (shape.length !== 3 || !req.filters) {
    const lines = renderVector(activation.data, cols, rows, getColormap(req.colormap), level);
    return { lines, width: cols, tooSmall: false, layout: null, caption: `${activation.data.length} values` };
  }
  const [h, w, c] = shape as [number, number, number];
  const lut = getColormap(req.colormap);
  if (req.zoom !== null) {
    const index = Math.max(0, Math.min(c - 1, req.zoom));
    const img = composeSingle(req.filters[index]!, w, h, cols, rows, lut);
    const dead = req.filters[index]!.dead ? ' · dead (constant map)' : '';
    return { lines: toAnsiLines(img, level), width: img.width, tooSmall: false, layout: null, caption: `filter ${index + 1} of ${c}${dead}` };
  }
  // Tiles smaller than ~16 px show little of a map, so prefer paging to shrinking below that; in a window
  // too small for even one such tile, fall back to the smallest tiles rather than show nothing.
  let layout = layoutGrid(c, w, h, cols, rows, { minPx: READABLE_TILE_PX });
  if (!layout.fitsAtAll) layout = layoutGrid(c, w, h, cols, rows);
  if (!layout.fitsAtAll) return tooSmall(cols);
  const page = Math.max(0, Math.min(layout.pageCount - 1, req.page));
  const img = composeGrid(req.filters, w, h, layout, page, lut);
  const { start, end } = pageRange(layout, page);
  const paging = layout.pageCount > 1 ? ` · page ${page + 1}/${layout.pageCount}` : '';
  return {
    lines: toAnsiLines(img, level),
    width: img.width,
    tooSmall: false,
    layout,
    caption: `filters ${start + 1}–${end} of ${c}${paging}`,
  };
}

function tooSmall(cols: number): Frame {
  return { lines: [], width: cols, tooSmall: true, layout: null, caption: 'window too small' };
}
