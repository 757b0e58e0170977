// The plain RGB image passed between the composers and the terminal encoders.

export interface RgbImage {
  width: number;
  height: number;
  /** width*height*3 bytes, row-major RGB. */
  data: Uint8Array;
}

export type Rgb = readonly [number, number, number];

export function createImage(width: number, height: number, fill: Rgb = [0, 0, 0]): RgbImage {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new RangeError(`bad image size ${width}x${height}`);
  }
  const data = new Uint8Array(width * height * 3);
  if (fill[0] !== 0 || fill[1] !== 0 || fill[2] !== 0) {
    for (let i = 0; i < data.length; i += 3) { data[i] = fill[0]; data[i + 1] = fill[1]; data[i + 2] = fill[2]; }
  }
  return { width, height, data };
}

export function setPixel(img: RgbImage, x: number, y: number, c: Rgb): void {
  const i = (y * img.width + x) * 3;
  img.data[i] = c[0]; img.data[i + 1] = c[1]; img.data[i + 2] = c[2];
}

export function getPixel(img: RgbImage, x: number, y: number): [number, number, number] {
  const i = (y * img.width + x) * 3;
  return [img.data[i], img.data[i + 1], img.data[i + 2]];
}
