// Nearest terminal palette entries for an RGB colour (for 256- and 16-colour terminals).

/** xterm's 6x6x6 cube channel levels (indices 16..231). */
const CUBE = [0, 95, 135, 175, 215, 255];

function nearestCubeLevel(v: number): number {
  return v < 48 ? 0 : v < 115 ? 1 : Math.min(5, Math.floor((v - 35) / 40));
}

const sq = (a: number, b: number) => (a - b) * (a - b);

/**
 * xterm-256 index: the nearer of the colour cube (16..231) and the grey ramp (232..255, 8 + 10i).
 * Indices 0..15 are skipped because their RGB depends on the user's theme.
 */
export function rgbTo256(r: number, g: number, b: number): number {
  const ri = nearestCubeLevel(r), gi = nearestCubeLevel(g), bi = nearestCubeLevel(b);
  const cubeDist = sq(r, CUBE[ri]) + sq(g, CUBE[gi]) + sq(b, CUBE[bi]);
  // the nearest grey step is one of the two around the channel mean
  const below = Math.min(23, Math.max(0, Math.floor(((r + g + b) / 3 - 8) / 10)));
  let greyIdx = below, greyDist = Infinity;
  for (let i = below; i <= Math.min(23, below + 1); i++) {
    const v = 8 + 10 * i;
    const d = sq(r, v) + sq(g, v) + sq(b, v);
    if (d < greyDist) { greyDist = d; greyIdx = i; }
  }
  return greyDist < cubeDist ? 232 + greyIdx : 16 + 36 * ri + 6 * gi + bi;
}

/** xterm's default RGB for the 16 basic colours (0-7 normal, 8-15 bright). */
export const ANSI16: readonly (readonly [number, number, number])[] = [
  [0, 0, 0], [205, 0, 0], [0, 205, 0], [205, 205, 0], [0, 0, 238], [205, 0, 205], [0, 205, 205], [229, 229, 229],
  [127, 127, 127], [255, 0, 0], [0, 255, 0], [255, 255, 0], [92, 92, 255], [255, 0, 255], [0, 255, 255], [255, 255, 255],
];

/** Index 0..15 of the nearest basic ANSI colour. */
export function rgbTo16(r: number, g: number, b: number): number {
  let best = 0, bestDist = Infinity;
  for (let i = 0; i < 16; i++) {
    const c = ANSI16[i];
    const d = sq(r, c[0]) + sq(g, c[1]) + sq(b, c[2]);
    if (d < bestDist) { bestDist = d; best = i; }
  }
  return best;
}
