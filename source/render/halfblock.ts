// Terminal image encoder: each text cell shows two pixels stacked, as '▀' with fg = top, bg = bottom.
// Output is kept small for slow SSH links: SGR codes are emitted only when fg/bg change, fg and bg
// share one escape, and uniform cells become ' ' / '█' (or '▄' when that avoids a colour change).
import type { ColorLevel } from './color-level.js';
import type { RgbImage } from './image.js';
import { rgbTo16, rgbTo256 } from './palette.js';

const RESET = '\x1b[0m';
/** Dark to bright; used at level 0 where no escape codes may be written. */
export const ASCII_RAMP = ' .:-=+*#%@';
/** "Terminal default colour" (only ever the background, under an odd last pixel row). */
const DEFAULT = -1;

type Encoder = { key: (r: number, g: number, b: number) => number; fg: (k: number) => string; bg: (k: number) => string };

const encoders: Record<1 | 2 | 3, Encoder> = {
  3: {
    key: (r, g, b) => (r << 16) | (g << 8) | b,
    fg: (k) => `38;2;${k >> 16};${(k >> 8) & 255};${k & 255}`,
    bg: (k) => (k === DEFAULT ? '49' : `48;2;${k >> 16};${(k >> 8) & 255};${k & 255}`),
  },
  2: { key: rgbTo256, fg: (k) => `38;5;${k}`, bg: (k) => (k === DEFAULT ? '49' : `48;5;${k}`) },
  1: {
    key: rgbTo16,
    fg: (k) => String(k < 8 ? 30 + k : 82 + k),
    bg: (k) => (k === DEFAULT ? '49' : String(k < 8 ? 40 + k : 92 + k)),
  },
};

/** Palette key per pixel, memoised per RGB because feature maps reuse few colours (one LUT). */
function keysOf(img: RgbImage, enc: Encoder): Int32Array {
  const n = img.width * img.height;
  const keys = new Int32Array(n);
  const memo = new Map<number, number>();
  const d = img.data;
  for (let i = 0, o = 0; i < n; i++, o += 3) {
    const rgb = (d[o] << 16) | (d[o + 1] << 8) | d[o + 2];
    let k = memo.get(rgb);
    if (k === undefined) { k = enc.key(d[o], d[o + 1], d[o + 2]); memo.set(rgb, k); }
    keys[i] = k;
  }
  return keys;
}

function colorLines(img: RgbImage, enc: Encoder): string[] {
  const { width: w, height: h } = img;
  const keys = keysOf(img, enc);
  const lines: string[] = [];
  for (let y = 0; y < h; y += 2) {
    const top = y * w, bottom = y + 1 < h ? (y + 1) * w : -1;
    let line = '';
    let fg = DEFAULT, bg = DEFAULT; // state after the previous line's reset
    for (let x = 0; x < w; x++) {
      const t = keys[top + x];
      const b = bottom < 0 ? DEFAULT : keys[bottom + x];
      let ch: string, nf = fg, nb = bg;
      if (t === b) {
        if (bg === t) ch = ' ';
        else if (fg === t) ch = '█';
        else { ch = ' '; nb = t; }
      } else {
        // '▀' (fg top, bg bottom) or the same cell as '▄' (fg bottom, bg top): whichever changes less.
        const costUpper = (fg !== t ? 1 : 0) + (bg !== b ? 1 : 0);
        const costLower = b === DEFAULT ? 3 : (fg !== b ? 1 : 0) + (bg !== t ? 1 : 0);
        if (costLower < costUpper) { ch = '▄'; nf = b; nb = t; } else { ch = '▀'; nf = t; nb = b; }
      }
      if (nf !== fg || nb !== bg) {
        line += nf !== fg && nb !== bg ? `\x1b[${enc.fg(nf)};${enc.bg(nb)}m` : nf !== fg ? `\x1b[${enc.fg(nf)}m` : `\x1b[${enc.bg(nb)}m`;
        fg = nf; bg = nb;
      }
      line += ch;
    }
    lines.push(line + RESET);
  }
  return lines;
}

/** Level 0: one ASCII character per cell from the mean Rec. 709 luminance of its two pixels. */
function asciiLines(img: RgbImage): string[] {
  const { width: w, height: h, data: d } = img;
  const luma = (p: number) => 0.2126 * d[p * 3] + 0.7152 * d[p * 3 + 1] + 0.0722 * d[p * 3 + 2];
  const lines: string[] = [];
  for (let y = 0; y < h; y += 2) {
    let line = '';
    for (let x = 0; x < w; x++) {
      const top = luma(y * w + x);
      const l = y + 1 < h ? (top + luma((y + 1) * w + x)) / 2 : top;
      line += ASCII_RAMP[Math.min(ASCII_RAMP.length - 1, Math.floor((l / 256) * ASCII_RAMP.length))];
    }
    lines.push(line);
  }
  return lines;
}

/** One string per text row (ceil(height/2) rows), each exactly img.width cells wide. */
export function toAnsiLines(img: RgbImage, level: ColorLevel): string[] {
  if (img.data.length !== img.width * img.height * 3) throw new RangeError('image data does not match its size');
  return level === 0 ? asciiLines(img) : colorLines(img, encoders[level]);
}
