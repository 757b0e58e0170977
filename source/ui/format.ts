// Number and text formatting shared by the views and the plain output.
import { basename, isAbsolute, relative } from 'node:path';

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
