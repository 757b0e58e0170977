// --export DIR: NN-<layer>.png + NN-<layer>.npy per layer, input.png/.npy, charts.png, summary.json.
// All files are made in memory, then written all or nothing (util/staged-files.ts).
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
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
import { checkFolderTarget, writeFilesInto } from '../util/staged-files.js';
import { summaryJson } from './summary-json.js';

const safe = (name: string) => name.replace(/[^\w.-]+/g, '_');

export async function exportAll(dir: string, session: InspectSession, sample: Sample, layers: LayerActivation[], options: InspectOptions): Promise<string[]> {
  const parent = dirname(checkFolderTarget(dir));
  if (!statSync(parent, { throwIfNoEntry: false })?.isDirectory()) throw new UserError(`${parent}: no such folder (create it first)`);
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
  return writeFilesInto(dir, files);
}
