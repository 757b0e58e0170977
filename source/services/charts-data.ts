// Reads a training history and renders the charts + summary lines for a given area (plain strings).
import { readHistoryFile } from '../history/read.js';
import { formatSummaryText, summarize, type HistorySummary } from '../history/summary.js';
import type { History } from '../history/types.js';
import { renderCharts } from '../render/charts.js';
import type { ColorLevel } from '../render/color-level.js';

export type ChartsData = { lines: string[]; summary: HistorySummary; path: string } | { error: string };

export async function loadHistory(path: string): Promise<History> {
  return readHistoryFile(path);
}

export function chartLines(history: History, path: string, area: { cols: number; rows: number }, level: ColorLevel, patience: number): ChartsData {
  const summary = summarize(history, { patience });
  const text = formatSummaryText(summary);
  const chartRows = Math.max(6, area.rows - text.length - 1);
  const lines = [...renderCharts(history, summary, { width: area.cols, height: chartRows, colorLevel: level }), '', ...text];
  return { lines: lines.slice(0, area.rows), summary, path };
}
