import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatSummaryText, summarize } from '../../source/history/summary.js';
import type { History } from '../../source/history/types.js';
import { renderCharts, type ChartOptions } from '../../source/render/charts.js';

const ANSI = /\x1b\[[0-9;]*m/g;
const strip = (line: string) => line.replace(ANSI, '');
// Every glyph we draw is one cell wide, so code points = cells once escapes are gone.
const visibleWidth = (line: string) => [...strip(line)].length;
const DOUBLE_LINE = /[═║╔╗╚╝╪]/;

/** A run whose validation loss bottoms out sharply at `bestEpoch` (1-based); a few gaps when `gaps`. */
function run(epochs: number, bestEpoch = Math.ceil(epochs / 3), gaps = false): History {
  const gap = (i: number) => gaps && i % 7 === 3;
  const loss = Array.from({ length: epochs }, (_, i) => 0.7 * Math.exp(-i / Math.max(1, epochs / 4)) + 0.05);
  const valLoss = Array.from({ length: epochs }, (_, i) => (gap(i) ? NaN : 0.3 + Math.abs(i - (bestEpoch - 1)) * (2 / epochs)));
  return {
    epochs,
    loss,
    val_loss: valLoss,
    acc: loss.map((v) => 1 - v / 2),
    val_acc: valLoss.map((v) => 1 - v / 3),
  };
}

const render = (h: History, options: ChartOptions) => renderCharts(h, summarize(h), options);

test('output is exactly width × height cells for 1, 15 and 200 epochs at every colour level', () => {
  for (const epochs of [1, 15, 200]) {
    for (const h of [run(epochs), run(epochs, 1, true), { epochs, loss: run(epochs).loss }]) {
      for (const [width, height] of [[80, 30], [40, 13], [30, 14], [160, 50], [12, 20], [5, 3], [100, 12], [0, 0]]) {
        for (const colorLevel of [0, 1, 3] as const) {
          const lines = render(h, { width, height, colorLevel });
          assert.equal(lines.length, height, `${epochs} epochs ${width}x${height}`);
          for (const line of lines) assert.equal(visibleWidth(line), width, `${epochs} epochs ${width}x${height}: ${strip(line)}`);
        }
      }
    }
  }
});

test('colour level 0 has no escape characters; level 1 colours train and validation differently', () => {
  const h = run(15);
  assert.ok(render(h, { width: 80, height: 30, colorLevel: 0 }).every((line) => !line.includes('\x1b')));
  const colored = render(h, { width: 80, height: 30, colorLevel: 1 }).join('\n');
  assert.ok(colored.includes('\x1b[36m─'), 'train in cyan');
  assert.ok(colored.includes('\x1b[35m─'), 'validation in magenta');
});

/** Plot rows, x-axis row, tick labels and marker of the panel whose title starts with `title`. */
function panel(lines: string[], title: string) {
  const plain = lines.map(strip);
  const start = plain.findIndex((line) => line.startsWith(title));
  const axisRow = plain.findIndex((line, i) => i > start && line.includes('└'));
  return { title: plain[start], plot: plain.slice(start + 1, axisRow), axis: plain[axisRow], labels: plain[axisRow + 1], marker: plain[axisRow + 2] };
}

const labelsOf = (row: string) => [...row.matchAll(/\d+/g)].map((m) => ({ epoch: Number(m[0]), start: m.index!, end: m.index! + m[0].length }));

test('x-axis labels run from 1 to the last epoch, increasing, each under its tick', () => {
  for (const [epochs, width] of [[15, 80], [15, 40], [200, 80], [200, 200], [1, 30]]) {
    const { axis, labels } = panel(render(run(epochs), { width, height: 30, colorLevel: 0 }), 'loss');
    const ticks = labelsOf(labels);
    assert.match(labels, /^\s*epoch 1\b/);
    assert.equal(ticks[0].epoch, 1);
    assert.equal(ticks.at(-1)!.epoch, epochs);
    assert.ok(ticks.every((t, i) => i === 0 || t.epoch > ticks[i - 1].epoch));
    for (const t of ticks) assert.match(axis.slice(t.start - 1, t.end + 1), /[┬└]/, `tick for epoch ${t.epoch} in ${width} cols`);
  }
});

test('every epoch gets a label when there is room', () => {
  const { labels } = panel(render(run(15), { width: 80, height: 30, colorLevel: 0 }), 'loss');
  assert.deepEqual(labelsOf(labels).map((t) => t.epoch), Array.from({ length: 15 }, (_, i) => i + 1));
});

test('the best-epoch marker sits under the val_loss minimum, its label and in both titles', () => {
  const lines = render(run(15, 5), { width: 80, height: 40, colorLevel: 0 });
  const loss = panel(lines, 'loss');
  const acc = panel(lines, 'accuracy');
  assert.equal(loss.title.trim(), 'loss  best epoch 5 (val_loss 0.300)');
  assert.match(acc.title, /^accuracy {2}best epoch 5 \(val_acc 0\.90\)/);
  const markerColumn = loss.marker.indexOf('▲ best');
  assert.ok(markerColumn > 0);
  assert.equal(acc.marker.indexOf('▲ best'), markerColumn, 'same column in both charts');
  assert.equal(labelsOf(loss.labels).find((t) => t.epoch === 5)!.start, markerColumn);
  // The V of validation loss turns on its lowest row; the marker must be inside that turn.
  const lowest = [...[...loss.plot].reverse().find((row) => DOUBLE_LINE.test(row.slice(7)))!];
  const turn = lowest.flatMap((ch, i) => (i > 6 && DOUBLE_LINE.test(ch) ? [i] : []));
  assert.ok(turn[0] <= markerColumn && markerColumn <= turn.at(-1)!, `marker ${markerColumn}, turn ${turn}`);
  assert.ok(turn.at(-1)! - turn[0] <= 3);
});

test('with 200 epochs the marker lands proportionally along the x-axis', () => {
  const { axis, marker } = panel(render(run(200, 137), { width: 90, height: 30, colorLevel: 0 }), 'loss');
  const first = axis.indexOf('└');
  const last = axis.trimEnd().length - 1;
  const expected = first + ((137 - 1) / 199) * (last - first);
  assert.ok(Math.abs(marker.indexOf('▲') - expected) <= 1, `marker at ${marker.indexOf('▲')}, expected ≈ ${expected}`);
});

test('a best epoch at the right edge flips the marker to "best ▲" ending on that column', () => {
  const { axis, marker } = panel(render(run(15, 15), { width: 80, height: 30, colorLevel: 0 }), 'loss');
  assert.equal(marker.indexOf('▲'), axis.trimEnd().length - 1);
  assert.match(marker, /best ▲\s*$/);
});

test('legend names both series; without validation it says training only and draws no double lines', () => {
  const withVal = render(run(15), { width: 80, height: 30, colorLevel: 0 }).map(strip);
  assert.equal(withVal.at(-1)!.trim(), '─ train  ═ validation');
  const h = { epochs: 15, acc: run(15).acc, loss: run(15).loss };
  const trainOnly = render(h, { width: 80, height: 30, colorLevel: 0 });
  assert.equal(trainOnly.at(-1)!.trim(), '─ train  validation missing: training only');
  assert.ok(trainOnly.every((line) => !DOUBLE_LINE.test(line)));
});

test('gaps, lone points and missing series render without crashing', () => {
  const lone: History = { epochs: 5, loss: [0.9, 0.8, 0.7, 0.6, 0.5], val_loss: [NaN, NaN, 0.65, NaN, NaN] };
  const lonePanel = panel(render(lone, { width: 60, height: 20, colorLevel: 0 }), 'loss');
  assert.ok(lonePanel.plot.some((row) => row.includes('═')), 'the single validation point is visible');

  const noAcc: History = { epochs: 3, loss: [NaN, NaN, NaN], val_loss: [NaN, 0.5, NaN] };
  const lines = render(noAcc, { width: 60, height: 20, colorLevel: 0 }).map(strip);
  assert.ok(lines.some((line) => line.includes('no accuracy recorded')));

  const allGaps: History = { epochs: 4, acc: [NaN, NaN, NaN, NaN], loss: [NaN, NaN, NaN, NaN] };
  const empty = render(allGaps, { width: 60, height: 20, colorLevel: 0 }).map(strip);
  assert.ok(empty.some((line) => line.includes('no loss recorded')));
  assert.ok(empty.every((line) => !line.includes('▲')));
});

test('a box too small for two charts shows the summary text instead', () => {
  const h = run(15);
  const lines = render(h, { width: 200, height: 8, colorLevel: 0 });
  assert.deepEqual(lines.map((l) => l.trimEnd()).slice(0, 5), formatSummaryText(summarize(h)).slice(0, 5));
});
