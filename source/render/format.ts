// Text formatting of numbers, shapes, paths and layer stats, shared by the Ink views and the plain output.
import { basename, isAbsolute, relative } from 'node:path';
import type { LayerStats } from '../activations/stats.js';

export const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function num(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a < 0.001 || a >= 1e5)) return x.toExponential(2);
  return Number(x.toPrecision(3)).toString();
}

export const shapeText = (shape: number[]) => shape.join('×');

export const fileName = (path: string) => basename(path);

/** Cuts to `width` characters with an ellipsis, keeping the end of a path (the file name). */
export function fitLeft(text: string, width: number): string {
  if (text.length <= width) return text;
  if (width <= 1) return '…'.slice(0, width);
  return `…${text.slice(text.length - width + 1)}`;
}

/** A path as short as it can be said: relative to the working folder when inside it. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/** "sparsity 41.8% · dead 0/16 · min 0 max 1.42 mean 0.106": the layer numbers, in the TUI and in --print. */
export function statsText(stats: LayerStats): string {
  const dead = stats.deadFilters === null ? '' : ` · dead ${stats.deadFilters}/${stats.filters}`;
  return `sparsity ${pct(stats.sparsity)}${dead} · min ${num(stats.min)} max ${num(stats.max)} mean ${num(stats.mean)}`;
}
