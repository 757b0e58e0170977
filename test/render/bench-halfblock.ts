// Micro benchmark (not a test): node --import tsx test/render/bench-halfblock.ts
// Encodes a 160x88 px viridis image shaped like a feature-map grid (smooth blobs in 16 px tiles with
// 1 px gaps) at every colour level, printing the median time and the bytes one frame costs on the wire.
import { getColormap } from '../../source/render/colormap.js';
import { toAnsiLines } from '../../source/render/halfblock.js';
import { createImage, setPixel } from '../../source/render/image.js';

const W = 160, H = 88, RUNS = 60;
const lut = getColormap('viridis');
const img = createImage(W, H, [32, 32, 32]);
for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
  const tx = Math.floor(x / 17), ty = Math.floor(y / 18);
  if (x % 17 === 16 || y % 18 >= 16) continue; // gaps
  const v = 128 + 60 * Math.sin(x * 0.4 + tx) * Math.cos(y * 0.3 + ty * 2) + 30 * Math.sin(x * y * 0.01 + tx * ty);
  const i = Math.max(0, Math.min(255, Math.round(v)));
  setPixel(img, x, y, [lut[3 * i], lut[3 * i + 1], lut[3 * i + 2]]);
}

for (const level of [3, 2, 1, 0] as const) {
  for (let i = 0; i < 10; i++) toAnsiLines(img, level); // warm up the JIT
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const lines = toAnsiLines(img, level);
    times.push(performance.now() - t0);
    bytes = Buffer.byteLength(lines.join('\n'));
  }
  times.sort((a, b) => a - b);
  console.log(`level ${level}: median ${times[RUNS >> 1].toFixed(2)} ms, ${bytes} bytes/frame`);
}
