// Decoding and preprocessing like Keras: load_img(path, target_size) → img_to_array → / 255.
// Decoding uses sharp (libvips + libjpeg-turbo, the decoder Pillow also uses for JPEG): it handles EXIF
// orientation, CMYK, palettes, 16-bit PNG, WebP and alpha. Resizing is Pillow's (resize.ts).
import sharp from 'sharp';
import { resize, type Interpolation, type Pixels } from './resize.js';

export class ImageError extends Error {
  constructor(readonly file: string, reason: string) {
    super(`${file}: ${reason}`);
  }
}

export interface InputSpec {
  height: number;
  width: number;
  channels: 1 | 3;
  interpolation: Interpolation;
}

export interface PreparedImage {
  /** Resized 8-bit pixels (what the model sees, before / 255): for previews and input.png. */
  pixels: Pixels;
  /** Model input, channels-last, values in [0, 1]. */
  input: Float32Array;
  originalWidth: number;
  originalHeight: number;
}

// Large photos (8000×8000) decode fine, but refuse absurd ones before allocating gigabytes.
const MAX_INPUT_PIXELS = 16384 * 16384;

/** Decodes to 8-bit RGB, EXIF-oriented, alpha dropped (as Pillow's convert('RGB') does). */
export async function decodeRgb(file: string): Promise<Pixels> {
  try {
    const { data, info } = await sharp(file, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate() // apply EXIF orientation
      .toColourspace('srgb')
      .removeAlpha()
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    const rgb = info.channels === 3 ? new Uint8Array(data.buffer, data.byteOffset, data.length) : expandGray(data, info.channels);
    return { width: info.width, height: info.height, channels: 3, data: rgb };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/no such file|ENOENT/i.test(message)) throw new ImageError(file, 'no such file');
    if (/unsupported image format/i.test(message)) throw new ImageError(file, 'not an image (unsupported or unknown format)');
    throw new ImageError(file, `cannot decode image (${message.split('\n')[0]})`);
  }
}

function expandGray(data: Buffer, channels: number): Uint8Array {
  const n = data.length / channels;
  const out = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) out[i * 3] = out[i * 3 + 1] = out[i * 3 + 2] = data[i * channels]!;
  return out;
}

/** Pillow's convert('L'): ITU-R 601-2 luma, L = (R·299 + G·587 + B·114) / 1000, rounded. */
export function toGray(rgb: Pixels): Pixels {
  const n = rgb.width * rgb.height;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const r = rgb.data[i * 3]!, g = rgb.data[i * 3 + 1]!, b = rgb.data[i * 3 + 2]!;
    // Pillow: L24(rgb) = r*19595 + g*38470 + b*7471 + 0x8000, >> 16
    out[i] = (r * 19595 + g * 38470 + b * 7471 + 0x8000) >>> 16;
  }
  return { width: rgb.width, height: rgb.height, channels: 1, data: out };
}

export function toInput(pixels: Pixels): Float32Array {
  const out = new Float32Array(pixels.data.length);
  for (let i = 0; i < out.length; i++) out[i] = pixels.data[i]! / 255;
  return out;
}

export async function prepareImage(file: string, spec: InputSpec): Promise<PreparedImage> {
  return prepareFromRgb(await decodeRgb(file), spec);
}

/** The resize-and-scale half of prepareImage, for pixels already decoded. */
export function prepareFromRgb(rgb: Pixels, spec: InputSpec): PreparedImage {
  const converted = spec.channels === 1 ? toGray(rgb) : rgb;
  const pixels = resize(converted, spec.width, spec.height, spec.interpolation);
  return { pixels, input: toInput(pixels), originalWidth: rgb.width, originalHeight: rgb.height };
}
