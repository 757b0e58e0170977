// --export DIR: NN-<layer>.png + NN-<layer>.npy per layer, input.png/.npy, charts.png, summary.json.
// Everything is written into a temporary folder beside DIR first and moved in only when all files exist,
// so a failure never leaves half the files (or a half-written file) behind.
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { InspectOptions } from '../app/options.js';
import { UserError } from '../errors.js';
import type { LayerActivation } from '../activations/forward.js';
import { readHistoryFile } from '../history/read.js';
import { summarize } from '../history/summary.js';
import { chartsPng } from '../render/chart-svg.js';
import type { ColormapName } from '../render/colormap.js';
import { layerGridImage, titledPng } from '../render/grid-png.js';
import { encodePng } from '../render/input-preview.js';
import { npyBytes } from '../render/npy.js';
import type { InspectSession, Sample } from '../services/inspect-session.js';
import { summaryJson } from './summary-json.js';

const safe = (name: string) => name.replace(/[^\w.-]+/g, '_');

export async function exportAll(dir: string, session: InspectSession, sample: Sample, layers: LayerActivation[], options: InspectOptions): Promise<string[]> {
  const target = resolve(dir);
  if (statSync(target, { throwIfNoEntry: false })?.isFile()) throw new UserError(`${dir}: exists and is not a folder`);
  const parent = dirname(target);
  if (!statSync(parent, { throwIfNoEntry: false })?.isDirectory()) throw new UserError(`${parent}: no such folder (create it first)`);
  const staging = mkdtempSync(join(parent, `.${basename(target)}.tmp-`));
  // Ctrl-C while writing: remove the staging folder too (DIR itself is only touched at the very end).
  const onInterrupt = () => {
    rmSync(staging, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', onInterrupt);
  try {
    const files: Array<[string, Buffer | string]> = [];
    const { height, width, channels } = session.loaded.input;
    files.push(['input.png', await encodePng(sample.input)]);
    files.push(['input.npy', npyBytes(Float32Array.from(sample.input.data, (v) => v / 255), [1, height, width, channels])]);
    for (const a of layers) {
      const stem = `${String(a.layer.index + 1).padStart(2, '0')}-${safe(a.layer.name)}`;
      const title = `${a.layer.name} (${a.layer.className}) ${a.layer.shape.join('×')}`;
      files.push([`${stem}.png`, await titledPng(layerGridImage(a, options.colormap as ColormapName), title)]);
      files.push([`${stem}.npy`, npyBytes(a.data, [1, ...a.layer.shape])]);
    }
    if (session.historyPath) {
      const history = await readHistoryFile(session.historyPath);
      files.push(['charts.png', await chartsPng(history, summarize(history, { patience: options.patience }))]);
    }
    files.push(['summary.json', `${JSON.stringify(summaryJson(session, sample, layers), null, 2)}\n`]);
    for (const [name, data] of files) await writeFile(join(staging, name), data);
    mkdirSync(target, { recursive: true });
    for (const name of readdirSync(staging)) renameSync(join(staging, name), join(target, name));
    return files.map(([name]) => join(target, name));
  } finally {
    process.off('SIGINT', onInterrupt);
    rmSync(staging, { recursive: true, force: true });
  }
}
