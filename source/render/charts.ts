import { createRequire } from 'node:module';
import { epochScale, resample, type EpochScale } from '../history/resample.js';
import { formatSummaryText, type HistorySummary } from '../history/summary.js';
import type { History } from '../history/types.js';

// asciichart ships no type declarations. Its plot() cannot be used directly: 1.5.25 throws on NaN ("Invalid array
// length"), has one symbol set per call and no width option. So we draw with its algorithm, symbols and colours.
interface AsciichartColors {
  cyan: string;
  magenta: string;
  green: string;
  colored(text: string, color?: string): string;
}
const asciichart = createRequire(import.meta.url)('asciichart') as AsciichartColors;

export interface ChartOptions {
  width: number;
  height: number;
  /** 0 = no ANSI escapes at all (validation then drawn with double lines), 1-3 = asciichart's 16 colours. */
  colorLevel: 0 | 1 | 2 | 3;
}

type Cell = { ch: string; color?: string };
type Row = Cell[];

interface LineSymbols {
  start: string;
  flat: string;
  vertical: string;
  fallLeave: string;
  fallArrive: string;
  riseLeave: string;
  riseArrive: string;
}
// asciichart's symbols; the double-line set keeps validation distinguishable without colour.
const LIGHT: LineSymbols = { start: '┼', flat: '─', vertical: '│', fallLeave: '╮', fallArrive: '╰', riseLeave: '╯', riseArrive: '╭' };
const DOUBLE: LineSymbols = { start: '╪', flat: '═', vertical: '║', fallLeave: '╗', fallArrive: '╚', riseLeave: '╝', riseArrive: '╔' };
const TRAIN_COLOR = asciichart.cyan;
const VALIDATION_COLOR = asciichart.magenta;
const MARKER_COLOR = asciichart.green;

// Per panel: title, x-axis, tick labels and best-epoch marker around the plot rows; one shared legend line.
const PANEL_EXTRA_LINES = 4;
const MIN_PLOT_ROWS = 2;
const MIN_LABEL_WIDTH = 5; // room for "epoch" left of the x-axis labels
const MIN_PLOT_COLUMNS = 4;

interface Panel {
  title: string;
  train?: number[];
  validation?: number[];
  empty: string;
}

interface Geometry {
  rows: number;
  labelWidth: number;
  scale: EpochScale;
  epochs: number;
  bestEpoch?: number;
  colorLevel: number;
  boxWidth: number;
}

/**
 * Accuracy chart above loss chart, training and validation overlaid, filling exactly `height` lines of exactly
 * `width` visible cells. Too small a box falls back to the summary text.
 */
export function renderCharts(history: History, summary: HistorySummary, options: ChartOptions): string[] {
  const width = Math.max(0, Math.floor(options.width));
  const height = Math.max(0, Math.floor(options.height));
  const { colorLevel } = options;
  const accRows = Math.floor((height - 1 - 2 * PANEL_EXTRA_LINES) / 2);
  const lossRows = height - 1 - 2 * PANEL_EXTRA_LINES - accRows; // the odd line goes to the loss chart

  const { bestEpoch } = summary;
  const panels: Panel[] = [
    {
      title: `accuracy${bestEpoch === undefined ? '' : `  best epoch ${bestEpoch}`}${summary.valAccAtBest === undefined ? '' : ` (val_acc ${summary.valAccAtBest.toFixed(2)})`}`,
      train: finiteOrUndefined(history.acc),
      validation: finiteOrUndefined(history.val_acc),
      empty: 'no accuracy recorded',
    },
    {
      title: `loss${bestEpoch === undefined ? '' : `  best epoch ${bestEpoch} (${summary.bestBy} ${summary.bestLoss?.toFixed(3)})`}`,
      train: finiteOrUndefined(history.loss),
      validation: finiteOrUndefined(history.val_loss),
      empty: 'no loss recorded',
    },
  ];
  // One label width for both panels so the epoch columns line up vertically.
  const labelWidth = Math.max(MIN_LABEL_WIDTH, ...panels.map((p, i) => maxLabelLength(p, i === 0 ? accRows : lossRows)));
  const maxSamples = width - labelWidth - 1;
  if (accRows < MIN_PLOT_ROWS || maxSamples < MIN_PLOT_COLUMNS + 1) {
    return fitBox(formatSummaryText(summary).map((line) => textRow(line)), width, height, colorLevel);
  }
  const scale = epochScale(history.epochs, maxSamples);
  const geometry = (rows: number): Geometry => ({ rows, labelWidth, scale, epochs: history.epochs, bestEpoch, colorLevel, boxWidth: width });
  const rows = [
    ...renderPanel(panels[0], geometry(accRows)),
    ...renderPanel(panels[1], geometry(lossRows)),
    legendRow(panels.some((p) => p.validation !== undefined), colorLevel, width),
  ];
  return fitBox(rows, width, height, colorLevel);
}

function renderPanel(panel: Panel, g: Geometry): Row[] {
  const axis = g.labelWidth + 1;
  const lineWidth = axis + g.scale.samples;
  const range = valueRange(panel);
  const title = textRow(panel.title);
  if (range === undefined) {
    return [title, textRow(`${' '.repeat(axis)}${panel.empty}`), ...blankRows(g.rows - 1 + PANEL_EXTRA_LINES - 1)];
  }
  const grid: Row[] = yLabels(range, g.rows).map((label) => [
    ...textRow(label.padStart(g.labelWidth) + ' ┤'),
    ...blankRows(1, lineWidth - axis - 1)[0],
  ]);
  const rowOf = (value: number) => Math.round(((range.max - value) / (range.max - range.min)) * (g.rows - 1));
  const plain = g.colorLevel === 0;
  if (panel.train) drawSeries(grid, resample(panel.train, g.scale), rowOf, axis, LIGHT, plain ? undefined : TRAIN_COLOR);
  if (panel.validation) {
    drawSeries(grid, resample(panel.validation, g.scale), rowOf, axis, plain ? DOUBLE : LIGHT, plain ? undefined : VALIDATION_COLOR);
  }
  const ticks = chooseTicks(g.epochs, (epoch) => axis + g.scale.column(epoch - 1), lineWidth);
  const xAxis = textRow(' '.repeat(axis) + '└' + '─'.repeat(lineWidth - axis - 1));
  for (const tick of ticks) if (tick.column > axis) xAxis[tick.column] = { ch: '┬' };
  return [title, ...grid, xAxis, tickLabelRow(ticks, lineWidth), markerRow(g, axis)];
}

/** asciichart's line algorithm: the step from sample k to k+1 is drawn in column axis+k+1, NaN ends the line. */
function drawSeries(grid: Row[], samples: number[], rowOf: (v: number) => number, axis: number, s: LineSymbols, color?: string) {
  const put = (row: number, column: number, ch: string) => (grid[row][column] = { ch, color });
  const finite = (k: number) => k >= 0 && k < samples.length && Number.isFinite(samples[k]);
  if (finite(0)) put(rowOf(samples[0]), axis, s.start);
  for (let k = 0; k + 1 < samples.length; k++) {
    const column = axis + k + 1;
    if (!finite(k) || !finite(k + 1)) {
      // A lone point between gaps would otherwise vanish.
      if (finite(k + 1) && !finite(k + 2)) put(rowOf(samples[k + 1]), column, s.flat);
      continue;
    }
    const from = rowOf(samples[k]);
    const to = rowOf(samples[k + 1]);
    if (from === to) put(from, column, s.flat);
    else {
      const falling = to > from; // rows grow downwards
      put(to, column, falling ? s.fallArrive : s.riseArrive);
      put(from, column, falling ? s.fallLeave : s.riseLeave);
      for (let row = Math.min(from, to) + 1; row < Math.max(from, to); row++) put(row, column, s.vertical);
    }
  }
}

interface Tick {
  epoch: number;
  column: number;
  start: number;
  text: string;
}

/** 1, N and multiples of the smallest of 1, 2, 5, 10, 20, 50… whose labels leave a space between them. */
function chooseTicks(epochs: number, columnOf: (epoch: number) => number, lineWidth: number): Tick[] {
  const place = (epoch: number): Tick => {
    const text = String(epoch);
    const column = columnOf(epoch);
    const start = Math.max(0, Math.min(column - Math.floor((text.length - 1) / 2), lineWidth - text.length));
    return { epoch, column, start, text };
  };
  const fits = (a: Tick, b: Tick) => b.start >= a.start + a.text.length + 1;
  for (let i = 0; ; i++) {
    const step = [1, 2, 5][i % 3] * 10 ** Math.floor(i / 3);
    const ticks = [place(1)];
    for (let epoch = step; epoch <= epochs; epoch += step) if (epoch > 1) ticks.push(place(epoch));
    if (ticks.at(-1)!.epoch !== epochs) {
      const last = place(epochs);
      if (ticks.length > 1 && !fits(ticks.at(-1)!, last)) ticks.pop(); // the last epoch matters more than a multiple
      ticks.push(last);
    }
    if (ticks.every((tick, j) => j === 0 || fits(ticks[j - 1], tick)) || step >= epochs) return ticks;
  }
}

function tickLabelRow(ticks: Tick[], lineWidth: number): Row {
  const row = blankRows(1, lineWidth)[0];
  for (const tick of ticks) [...tick.text].forEach((ch, i) => (row[tick.start + i] = { ch }));
  if (ticks[0].start >= 6) [...'epoch'].forEach((ch, i) => (row[ticks[0].start - 6 + i] = { ch }));
  return row;
}

/** "▲ best" under the best epoch's column, flipped to "best ▲" when it would run off the right edge. */
function markerRow(g: Geometry, axis: number): Row {
  const row = blankRows(1, g.boxWidth)[0];
  if (g.bestEpoch === undefined) return row;
  const column = axis + g.scale.column(g.bestEpoch - 1);
  const label = column + 6 <= g.boxWidth ? '▲ best' : 'best ▲';
  const start = label === '▲ best' ? column : column - 5;
  const color = g.colorLevel === 0 ? undefined : MARKER_COLOR;
  [...label].forEach((ch, i) => (row[start + i] = { ch, color }));
  return row;
}

function legendRow(hasValidation: boolean, colorLevel: number, width: number): Row {
  const plain = colorLevel === 0;
  const train = [{ ch: LIGHT.flat, color: plain ? undefined : TRAIN_COLOR }, ...textRow(' train  ')];
  if (!hasValidation) {
    const long = 'validation missing: training only';
    return [...train, ...textRow(train.length + long.length <= width ? long : '(no validation)')];
  }
  return [...train, { ch: plain ? DOUBLE.flat : LIGHT.flat, color: plain ? undefined : VALIDATION_COLOR }, ...textRow(' validation')];
}

interface Range {
  min: number;
  max: number;
}

function valueRange(panel: Panel): Range | undefined {
  const values = [...(panel.train ?? []), ...(panel.validation ?? [])].filter(Number.isFinite);
  if (values.length === 0) return undefined;
  const min = Math.min(...values);
  const max = Math.max(...values);
  if (max > min) return { min, max };
  const pad = Math.abs(min) * 0.05 || 0.05; // a flat line is drawn mid-height
  return { min: min - pad, max: max + pad };
}

/** asciichart labels every row; use as many decimals as it takes for neighbouring rows to differ (2 to 6). */
function yLabels(range: Range, rows: number): string[] {
  const step = (range.max - range.min) / (rows - 1);
  const decimals = Math.min(6, Math.max(2, Math.ceil(-Math.log10(step))));
  return Array.from({ length: rows }, (_, r) => (range.max - r * step).toFixed(decimals));
}

function maxLabelLength(panel: Panel, rows: number): number {
  const range = valueRange(panel);
  return range === undefined || rows < MIN_PLOT_ROWS ? 0 : Math.max(...yLabels(range, rows).map((l) => l.length));
}

function finiteOrUndefined(series: number[] | undefined): number[] | undefined {
  return series?.some(Number.isFinite) ? series : undefined;
}

function textRow(text: string): Row {
  return [...text].map((ch) => ({ ch }));
}

function blankRows(count: number, width = 0): Row[] {
  return Array.from({ length: Math.max(0, count) }, () => textRow(' '.repeat(width)));
}

/** Crops or pads to exactly width × height cells, then joins runs of one colour into a single escape sequence. */
function fitBox(rows: Row[], width: number, height: number, colorLevel: number): string[] {
  return Array.from({ length: height }, (_, i) => {
    const row = (rows[i] ?? []).slice(0, width);
    while (row.length < width) row.push({ ch: ' ' });
    let out = '';
    for (let start = 0; start < row.length; ) {
      let end = start;
      while (end < row.length && row[end].color === row[start].color) end++;
      const text = row.slice(start, end).map((cell) => cell.ch).join('');
      out += colorLevel === 0 ? text : asciichart.colored(text, row[start].color);
      start = end;
    }
    return out;
  });
}
