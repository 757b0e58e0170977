// `convscope charts --history FILE`: the accuracy and loss charts and the computed summary, sized to the
// terminal (or --width/--height, or 100×40 when not a TTY); `--json` prints the summary alone.
import type { ChartsOptions, Options } from '../app/options.js';
import { UsageError } from '../errors.js';
import { readHistoryFile } from '../history/read.js';
import { summarize } from '../history/summary.js';
import { resolveColorLevel } from '../render/color-level.js';
import { chartLines } from '../services/charts-data.js';

export async function runCharts(options: ChartsOptions, global: Options): Promise<number> {
  if (!options.history) throw new UsageError('charts needs --history FILE (history.json, a Keras history JSON or a CSVLogger CSV)');
  const history = await readHistoryFile(options.history);
  if (global.json) {
    process.stdout.write(`${JSON.stringify({ history: options.history, ...summarize(history, { patience: options.patience }) }, null, 2)}\n`);
    return 0;
  }
  const isTTY = Boolean(process.stdout.isTTY);
  const width = options.width ?? (isTTY ? process.stdout.columns : 100);
  const height = options.height ?? (isTTY ? process.stdout.rows - 1 : 40);
  const level = resolveColorLevel(options.colorLevel, process.env, isTTY);
  const charts = chartLines(history, options.history, { cols: width, rows: height }, level, options.patience);
  if ('error' in charts) throw new UsageError(charts.error);
  process.stdout.write(`${charts.lines.join('\n')}\n`);
  return 0;
}
