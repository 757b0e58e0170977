// Inspector timings measured in-process: forward pass alone, resample (decode + resize + forward + first
// frame), and encoding one grid frame with render/halfblock.ts vs terminal-image (which needs a PNG).
import terminalImage from 'terminal-image';
import chalk from 'chalk';
import { renderFrame, standardizeLayer } from '../../source/render/layer-frame.js';
import { encodePng } from '../../source/render/input-preview.js';
import { composeGrid } from '../../source/render/compose-grid.js';
import { layoutGrid } from '../../source/render/grid-layout.js';
import { getColormap } from '../../source/render/colormap.js';
import { toAnsiLines } from '../../source/render/halfblock.js';
import { prepareImage } from '../../source/model/image.js';
import { InspectSession } from '../../source/services/inspect-session.js';
import { median, percentile } from './stats.js';

export interface Timing {
  name: string;
  p50: number;
  p95: number;
  n: number;
}

async function time(name: string, n: number, f: () => Promise<unknown> | unknown): Promise<Timing> {
  await f(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await f();
    samples.push(performance.now() - t0);
  }
  return { name, p50: median(samples), p95: percentile(samples, 95), n };
}

export async function benchInspector(model: string, images: string): Promise<Timing[]> {
  const session = await InspectSession.open({ model, images, seed: 1, interpolation: 'nearest' });
  const { height, width, channels } = session.loaded.input;
  const entry = session.folder.images[0]!;
  const prepared = await prepareImage(entry.path, { height, width, channels, interpolation: 'nearest' });
  const probe = (session as unknown as { probe: { run(i: Float32Array, s: number[]): Promise<unknown> } }).probe;
  const results: Timing[] = [];
  results.push(await time('forward pass (all layers, to typed arrays)', 50, () => probe.run(prepared.input, [height, width, channels])));
  results.push(await time('resample: decode + resize + forward + first frame (160×40)', 30, async () => {
    const s = await session.resample();
    renderFrame({ activation: s.activations[0]!, filters: standardizeLayer(s.activations[0]!), cols: 160, rows: 40, page: 0, zoom: null, colormap: 'viridis', level: 3 });
  }));
  const sample = await session.resample();
  const a = sample.activations[0]!;
  const filters = standardizeLayer(a)!;
  const [h, w, c] = a.layer.shape as [number, number, number];
  const layout = layoutGrid(c, w, h, 160, 40);
  const img = composeGrid(filters, w, h, layout, 0, getColormap('viridis'));
  results.push(await time('grid frame → ANSI, render/halfblock.ts (truecolor)', 50, () => toAnsiLines(img, 3)));
  chalk.level = 3;
  results.push(await time('grid frame → ANSI, terminal-image (PNG encode + decode + render)', 10, async () =>
    terminalImage.buffer(await encodePng({ width: img.width, height: img.height, channels: 3, data: img.data }), { width: img.width, height: img.height / 2 })));
  return results;
}
