// Fit N feature-map tiles into a terminal area. One character cell shows 1 px wide x 2 px tall
// (half blocks), so a tile of h px takes ceil(h/2) text rows; tiles are separated by 1 empty cell.

export interface GridOptions {
  /** Smallest tile side in px before we paginate instead of shrinking (clamped to the upscaled source). */
  minPx?: number;
  /** Never enlarge a source more than this: big blurry blocks hide nothing but waste space. */
  maxScale?: number;
}

export interface GridLayout {
  /** Number of filters being laid out. */
  count: number;
  tilePxW: number;
  tilePxH: number;
  /** Text rows one tile occupies: ceil(tilePxH / 2). */
  tileRows: number;
  gridCols: number;
  gridRows: number;
  perPage: number;
  pageCount: number;
  /** Size of a full page in cells (tiles plus 1-cell gaps). */
  widthCells: number;
  heightCells: number;
  /** False when not even one tile at the minimum size fits: show "window too small". */
  fitsAtAll: boolean;
}

export const GAP_CELLS = 1;
const DEFAULT_MIN_PX = 6;
const DEFAULT_MAX_SCALE = 4;

/** Tile size for a given long side, keeping the source aspect ratio. */
function tileFor(longPx: number, srcW: number, srcH: number): { w: number; h: number } {
  if (srcW >= srcH) return { w: longPx, h: Math.max(1, Math.round((longPx * srcH) / srcW)) };
  return { w: Math.max(1, Math.round((longPx * srcW) / srcH)), h: longPx };
}

/** How many tiles of w x h px fit across and down the area. */
function capacity(w: number, h: number, cols: number, rows: number): { across: number; down: number } {
  const across = Math.floor((cols + GAP_CELLS) / (w + GAP_CELLS));
  const down = Math.floor((rows + GAP_CELLS) / (Math.ceil(h / 2) + GAP_CELLS));
  return { across: Math.max(0, across), down: Math.max(0, down) };
}

/** Cells a full page of tiles of long side `l` covers (tiles and the gaps between them). */
export function gridFill(l: number, srcW: number, srcH: number, cols: number, rows: number): number {
  const { w, h } = tileFor(l, srcW, srcH);
  const { across, down } = capacity(w, h, cols, rows);
  if (across * down === 0) return 0;
  return (across * (w + GAP_CELLS) - GAP_CELLS) * (down * (Math.ceil(h / 2) + GAP_CELLS) - GAP_CELLS);
}

export function layoutGrid(
  count: number, srcW: number, srcH: number, cols: number, rows: number, opts: GridOptions = {},
): GridLayout {
  if (![count, srcW, srcH].every((n) => Number.isInteger(n) && n >= 0) || srcW === 0 || srcH === 0) {
    throw new RangeError(`bad grid request: ${count} tiles of ${srcW}x${srcH}`);
  }
  const cellsW = Math.max(0, Math.floor(cols));
  const cellsH = Math.max(0, Math.floor(rows));
  const srcLong = Math.max(srcW, srcH);
  const maxLong = Math.max(1, Math.floor(srcLong * (opts.maxScale ?? DEFAULT_MAX_SCALE)));
  const minLong = Math.max(1, Math.min(opts.minPx ?? DEFAULT_MIN_PX, maxLong));
  const n = Math.max(1, count); // lay out room for at least one tile so an empty layer still gets a size

  // Largest tile that fits every filter on one page. When none does, paginate with the tile size, between
  // the minimum and twice it, whose grid fills the window best (ties go to bigger tiles): the minimum size
  // alone often leaves whole rows of the window empty.
  let long = 0;
  for (let l = maxLong; l >= minLong; l--) {
    const { w, h } = tileFor(l, srcW, srcH);
    const { across, down } = capacity(w, h, cellsW, cellsH);
    if (across * down >= n) { long = l; break; }
  }
  if (long === 0) {
    let best = -1;
    long = minLong;
    for (let l = minLong; l <= Math.min(maxLong, 2 * minLong); l++) {
      const fill = gridFill(l, srcW, srcH, cellsW, cellsH);
      if (fill >= best) { best = fill; long = l; }
    }
  }
  const { w, h } = tileFor(long, srcW, srcH);
  const { across, down } = capacity(w, h, cellsW, cellsH);
  const tileRows = Math.ceil(h / 2);
  if (across * down === 0) {
    return { count, tilePxW: w, tilePxH: h, tileRows, gridCols: 0, gridRows: 0, perPage: 0, pageCount: 0,
      widthCells: 0, heightCells: 0, fitsAtAll: false };
  }
  let gridCols = across;
  let gridRows = down;
  if (across * down >= n) {
    // Everything fits: balance the rows (16 in a 5-wide grid becomes 4x4, not 5+5+5+1).
    gridRows = Math.ceil(n / across);
    gridCols = Math.ceil(n / gridRows);
  }
  const perPage = gridCols * gridRows;
  return {
    count, tilePxW: w, tilePxH: h, tileRows, gridCols, gridRows, perPage,
    pageCount: Math.max(1, Math.ceil(count / perPage)),
    widthCells: gridCols * w + (gridCols - 1) * GAP_CELLS,
    heightCells: gridRows * tileRows + (gridRows - 1) * GAP_CELLS,
    fitsAtAll: true,
  };
}

/** Filters [start, end) shown on a page; the page is clamped into 0..pageCount-1. */
export function pageRange(layout: GridLayout, page: number): { page: number; start: number; end: number } {
  if (layout.pageCount === 0) return { page: 0, start: 0, end: 0 };
  const p = Math.min(layout.pageCount - 1, Math.max(0, Math.floor(page)));
  const start = p * layout.perPage;
  return { page: p, start, end: Math.min(layout.count, start + layout.perPage) };
}
