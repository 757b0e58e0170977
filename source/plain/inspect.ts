// Headless inspection: --print (text + terminal images, no cursor movement), --json, --export.
import type { InspectOptions, Options } from '../app/options.js';
import { UsageError } from '../errors.js';
import type { LayerActivation } from '../activations/forward.js';
import { resolveColorLevel, type ColorLevel } from '../render/color-level.js';
import type { ColormapName } from '../render/colormap.js';
import { inputPreview } from '../render/input-preview.js';
import { renderFrame, standardizeLayer } from '../render/layer-frame.js';
import { chartLines, loadHistory } from '../services/charts-data.js';
import { InspectSession, type Sample } from '../services/inspect-session.js';
import { shapeText, statsText } from '../render/format.js';
import { summaryJson } from './summary-json.js';

export async function runPlainInspect(options: InspectOptions, global: Options): Promise<number> {
  const session = await InspectSession.open(options);
  const sample = await session.first();
  const layers = selectLayers(sample.activations, options.layer);
  if (global.exportDir !== undefined) {
    const { exportAll } = await import('./export.js');
    const files = await exportAll(global.exportDir, session, sample, layers, options);
    if (!global.json && !global.print) {
      process.stdout.write(`exported ${files.length} files to ${global.exportDir}\n`);
      return 0;
    }
  }
  if (global.json) {
    process.stdout.write(`${JSON.stringify(summaryJson(session, sample, layers), null, 2)}\n`);
    return 0;
  }
  const isTTY = Boolean(process.stdout.isTTY);
  const level = resolveColorLevel(options.colorLevel, process.env, isTTY);
  const width = options.width ?? (isTTY ? process.stdout.columns : 100);
  const height = options.height ?? (isTTY ? process.stdout.rows : 40);
  const out: string[] = [...describeSample(session, sample)];
  if (!options.layer) out.push(...(await inputPreview(sample.input, Math.min(width, 60), Math.min(20, Math.max(4, height - 2)), level)));
  for (const activation of layers) out.push('', ...describeLayer(activation, session.layers.length, width, height, options.colormap as ColormapName, level));
  if (session.historyPath && !options.layer) {
    try {
      const history = await loadHistory(session.historyPath);
      const charts = chartLines(history, session.historyPath, { cols: width, rows: Math.max(16, height) }, level, options.patience);
      if ('lines' in charts) out.push('', `training history: ${session.historyPath}`, ...charts.lines);
    } catch (error) {
      out.push('', `training history: ${(error as Error).message}`);
    }
  }
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

export function selectLayers(all: LayerActivation[], layer: string | undefined): LayerActivation[] {
  if (layer === undefined) return all;
  const byName = all.find((a) => a.layer.name === layer);
  if (byName) return [byName];
  const index = Number(layer);
  if (Number.isInteger(index) && index >= 1 && index <= all.length) return [all[index - 1]!];
  throw new UsageError(`--layer ${layer}: no such layer; use a name (${all.map((a) => a.layer.name).join(', ')}) or 1..${all.length}`);
}

function describeSample(session: InspectSession, sample: Sample): string[] {
  const verdict = sample.trueLabel === null ? '' : sample.trueLabel === sample.prediction.label ? ' (correct)' : ` (wrong: true label ${sample.trueLabel})`;
  return [
    `model ${session.loaded.file} (${session.loaded.format}) on ${session.backend.backend}${session.backend.tensorflowVersion ? ` ${session.backend.tensorflowVersion}` : ''}`,
    `image ${sample.path} ${sample.originalSize.join('×')}${sample.trueLabel ? ` · true label ${sample.trueLabel}` : ''}`,
    `prediction ${sample.prediction.label} ${sample.prediction.probability.toFixed(2)}${verdict}`,
  ];
}

function describeLayer(a: LayerActivation, count: number, width: number, height: number, colormap: ColormapName, level: ColorLevel): string[] {
  const { layer, stats } = a;
  const head = `layer ${layer.index + 1}/${count} ${layer.name} (${layer.className}) · ${shapeText(layer.shape)} · ${statsText(stats)}`;
  const filters = standardizeLayer(a);
  const lines: string[] = [head];
  let page = 0;
  for (;;) {
    const frame = renderFrame({ activation: a, filters, cols: width, rows: Math.max(6, height - 2), page, zoom: null, colormap, level });
    if (frame.tooSmall) return [...lines, `(--width ${width} --height ${height} is too small to draw this layer)`];
    lines.push(...frame.lines, frame.caption);
    page++;
    if (!frame.layout || page >= frame.layout.pageCount) return lines;
  }
}

