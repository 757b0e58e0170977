// charts.png for --export: accuracy and loss, train vs validation, as line plots (the notebook's
// plt.plot figures), drawn as SVG and rasterised by sharp.
import sharp from 'sharp';
import type { HistorySummary } from '../history/summary.js';
import type { History } from '../history/types.js';

const W = 640;
const H = 300;
const PAD = { left: 60, right: 20, top: 34, bottom: 40 };

function panel(title: string, train: number[] | undefined, val: number[] | undefined, epochs: number, best: number | undefined, y0: number): string {
  const values = [...(train ?? []), ...(val ?? [])].filter(Number.isFinite);
  if (values.length === 0) return '';
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (hi === lo) [lo, hi] = [lo - 0.5, hi + 0.5];
  const x = (i: number) => PAD.left + (epochs === 1 ? 0.5 : i / (epochs - 1)) * (W - PAD.left - PAD.right);
  const y = (v: number) => y0 + PAD.top + (1 - (v - lo) / (hi - lo)) * (H - PAD.top - PAD.bottom);
  const path = (s: number[] | undefined) => {
    if (!s) return '';
    let d = '';
    let pen = false;
    s.forEach((v, i) => {
      if (!Number.isFinite(v)) return void (pen = false);
      d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)} `;
      pen = true;
    });
    return d;
  };
  const ticks = [lo, (lo + hi) / 2, hi].map((v) => `<text x="${PAD.left - 6}" y="${y(v) + 4}" text-anchor="end">${v.toFixed(3)}</text><line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(v)}" y2="${y(v)}" stroke="#444"/>`).join('');
  const step = Math.max(1, Math.ceil(epochs / 10));
  const xTicks = Array.from({ length: epochs }, (_, i) => i).filter((i) => i % step === 0 || i === epochs - 1)
    .map((i) => `<text x="${x(i)}" y="${y0 + H - PAD.bottom + 16}" text-anchor="middle">${i + 1}</text>`).join('');
  const bestMark = best ? `<line x1="${x(best - 1)}" x2="${x(best - 1)}" y1="${y0 + PAD.top}" y2="${y0 + H - PAD.bottom}" stroke="#6c6" stroke-dasharray="4 3"/><text x="${x(best - 1) + 4}" y="${y0 + PAD.top + 12}" fill="#6c6">best epoch ${best}</text>` : '';
  return `<g>${ticks}${xTicks}<text x="${PAD.left}" y="${y0 + 20}" font-size="15" fill="#fff">${title}</text>
    <text x="${W - PAD.right}" y="${y0 + 20}" text-anchor="end"><tspan fill="#4cc3ff">— training</tspan>${val ? '  <tspan fill="#ff6ad5">— validation</tspan>' : '  (no validation)'}</text>
    <text x="${(W + PAD.left) / 2}" y="${y0 + H - 6}" text-anchor="middle">epoch</text>${bestMark}
    <path d="${path(train)}" fill="none" stroke="#4cc3ff" stroke-width="2"/><path d="${path(val)}" fill="none" stroke="#ff6ad5" stroke-width="2"/></g>`;
}

export async function chartsPng(h: History, summary: HistorySummary): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${2 * H}" font-family="DejaVu Sans, sans-serif" font-size="12" fill="#ccc">
    <rect width="100%" height="100%" fill="#202020"/>
    ${panel('Training and validation accuracy', h.acc, h.val_acc, h.epochs, summary.bestEpoch, 0)}
    ${panel('Training and validation loss', h.loss, h.val_loss, h.epochs, summary.bestEpoch, H)}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}
