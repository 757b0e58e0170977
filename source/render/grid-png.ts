// Full-resolution pictures for --export: every filter at its native size, 16 per row like the notebook's
// images_per_row, with the layer name on top — what the notebook's plt.imshow would have drawn.
import sharp from 'sharp';
import type { LayerActivation } from '../activations/forward.js';
import { DEAD_FILL, DEAD_MARK, BACKGROUND } from './compose-grid.js';
import { getColormap, type ColormapName } from './colormap.js';
import type { RgbImage } from './image.js';
import { standardizeAll } from './standardize.js';
import { vectorStrip } from './vector-strip.js';

const PER_ROW = 16;
const GAP = 2;
const TITLE = 22;

export function layerGridImage(a: LayerActivation, colormap: ColormapName): RgbImage {
  const lut = getColormap(colormap);
  if (a.layer.shape.length !== 3) {
    const width = Math.min(512, Math.max(16, a.data.length));
    return vectorStrip(a.data, width, lut, Math.ceil(a.data.length / width / 2) + 1).image;
  }
  const [h, w, c] = a.layer.shape as [number, number, number];
  const filters = standardizeAll(a.data, h, w, c);
  const cols = Math.min(PER_ROW, c);
  const rows = Math.ceil(c / cols);
  const width = cols * w + (cols - 1) * GAP;
  const height = rows * h + (rows - 1) * GAP;
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i += 3) data.set(BACKGROUND, i);
  filters.forEach((f, k) => {
    const x0 = (k % cols) * (w + GAP);
    const y0 = Math.floor(k / cols) * (h + GAP);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const o = ((y0 + y) * width + x0 + x) * 3;
        if (f.dead) data.set(x === y || x === w - 1 - y ? DEAD_MARK : DEAD_FILL, o);
        else data.set(lut.subarray(f.pixels[y * w + x]! * 3, f.pixels[y * w + x]! * 3 + 3), o);
      }
    }
  });
  return { width, height, data };
}

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** PNG bytes of an RGB image with a title bar above it. */
export async function titledPng(img: RgbImage, title: string): Promise<Buffer> {
  const width = Math.max(img.width, 240);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${TITLE}"><text x="4" y="16" font-family="DejaVu Sans Mono, monospace" font-size="14" fill="#e0e0e0">${escapeXml(title)}</text></svg>`;
  const picture = await sharp(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.length), { raw: { width: img.width, height: img.height, channels: 3 } }).png().toBuffer();
  return sharp({ create: { width, height: img.height + TITLE, channels: 3, background: { r: BACKGROUND[0], g: BACKGROUND[1], b: BACKGROUND[2] } } })
    .composite([{ input: Buffer.from(svg), top: 0, left: 0 }, { input: picture, top: TITLE, left: 0 }])
    .png()
    .toBuffer();
}
