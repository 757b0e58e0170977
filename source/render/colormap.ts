// 256-entry RGB lookup tables copied from matplotlib (see gen-colormap-data.py).
import { COLORMAP_HEX } from './colormap-data.js';

export type ColormapName = keyof typeof COLORMAP_HEX;

/** viridis first: it is the default, matching matplotlib. */
export const colormapNames: readonly ColormapName[] = ['viridis', 'magma', 'inferno', 'plasma', 'cividis', 'gray'];
export const defaultColormap: ColormapName = 'viridis';

export function isColormapName(s: string): s is ColormapName {
  return (colormapNames as readonly string[]).includes(s);
}

const cache = new Map<ColormapName, Uint8Array>();

/** RGB LUT of 256*3 bytes; entry i is at [3i, 3i+1, 3i+2]. Decoded once, then shared (do not mutate). */
export function getColormap(name: ColormapName = defaultColormap): Uint8Array {
  let lut = cache.get(name);
  if (!lut) {
    const hex = COLORMAP_HEX[name];
    if (hex === undefined) throw new Error(`unknown colormap: ${String(name)}`);
    lut = Uint8Array.from(Buffer.from(hex, 'hex'));
    if (lut.length !== 768) throw new Error(`colormap ${name} has ${lut.length} bytes, expected 768`);
    cache.set(name, lut);
  }
  return lut;
}
