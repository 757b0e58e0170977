// The image as the model saw it (after resizing), drawn with terminal-image for --print output
// (in kitty or iTerm2 it uses their image protocols, elsewhere coloured half blocks).
// The feature-map grid does not go through terminal-image: it takes encoded images only, so each frame
// would be PNG-encoded and decoded again; `npm run bench` measures that path against render/halfblock.ts.
import chalk from 'chalk';
import sharp from 'sharp';
import terminalImage from 'terminal-image';
import type { Pixels } from '../model/resize.js';
import type { ColorLevel } from './color-level.js';
import { toAnsiLines } from './halfblock.js';

export async function encodePng(pixels: Pixels): Promise<Buffer> {
  const { width, height, channels, data } = pixels;
  return sharp(Buffer.from(data.buffer, data.byteOffset, data.length), { raw: { width, height, channels: channels as 1 | 3 } }).png().toBuffer();
}

/** Lines of the picture at most `cols` cells wide and `rows` text rows tall. */
export async function inputPreview(pixels: Pixels, cols: number, rows: number, level: ColorLevel): Promise<string[]> {
  if (level === 0) {
    // terminal-image always emits colour codes; the plain path keeps NO_COLOR / dumb terminals clean.
    const scale = Math.min(cols / pixels.width, (rows * 2) / pixels.height, 1);
    const width = Math.max(1, Math.round(pixels.width * scale));
    const height = Math.max(2, Math.round(pixels.height * scale));
    const rgb = await sharp(Buffer.from(pixels.data), { raw: { width: pixels.width, height: pixels.height, channels: pixels.channels as 1 | 3 } })
      .resize(width, height, { fit: 'fill' }).toColourspace('srgb').removeAlpha().raw().toBuffer();
    return toAnsiLines({ width, height, data: new Uint8Array(rgb.buffer, rgb.byteOffset, rgb.length) }, 0);
  }
  chalk.level = level; // terminal-image colours through chalk: use the depth convscope detected (--color)
  const text = await terminalImage.buffer(await encodePng(pixels), { width: cols, height: rows });
  return text.replace(/\n$/, '').split('\n');
}
