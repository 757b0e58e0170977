// The view while training: epoch and step progress, running loss/acc, skipped files, and the accuracy/loss
// charts of the epochs done so far (redrawn only when an epoch ends).
import { Box, Text } from 'ink';
import React, { useMemo } from 'react';
import { summarize } from '../../history/summary.js';
import type { History } from '../../history/types.js';
import { renderCharts } from '../../render/charts.js';
import { formatDuration, formatMetric, padCount } from '../../train/format.js';
import { STOP_MESSAGE } from '../../train/interrupt.js';
import type { TrainViewState } from './train-view-state.js';
import { useTrainEvents, type TrainEventSource } from './useTrainEvents.js';

export interface TrainViewProps {
  events: TrainEventSource;
  width: number;
  height: number;
  colorLevel: 0 | 1 | 2 | 3;
}

const HEADER_ROWS = 6; // title, epoch bar, step bar, metrics, status, blank

export function TrainView({ events, width, height, colorLevel }: TrainViewProps) {
  const state = useTrainEvents(events);
  return <TrainFrame state={state} width={width} height={height} colorLevel={colorLevel} />;
}

export const TrainFrame = React.memo(function TrainFrame({ state, width, height, colorLevel }: { state: TrainViewState } & Omit<TrainViewProps, 'events'>) {
  const color = colorLevel > 0;
  const chartRows = Math.max(0, height - HEADER_ROWS);
  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate-end">{state.title}</Text>
      <Text wrap="truncate-end" color={color ? 'green' : undefined}>{epochLine(state, width)}</Text>
      <Text wrap="truncate-end" color={color ? 'cyan' : undefined}>{stepLine(state, width)}</Text>
      <Text wrap="truncate-end">{metricsLine(state)}</Text>
      <Text wrap="truncate-end" color={color && (state.stopping || state.skipped > 0) ? 'yellow' : undefined}>{statusLine(state)}</Text>
      <Text> </Text>
      <Charts history={state.history} width={width} rows={chartRows} colorLevel={colorLevel} />
    </Box>
  );
});

const Charts = React.memo(function Charts({ history, width, rows, colorLevel }: { history: History; width: number; rows: number; colorLevel: 0 | 1 | 2 | 3 }) {
  const lines = useMemo(
    () => (history.epochs === 0 || rows < 3 ? [] : renderCharts(history, summarize(history), { width, height: rows, colorLevel })),
    [history, width, rows, colorLevel],
  );
  if (rows === 0) return null;
  if (lines.length === 0) return <Text dimColor>accuracy and loss charts appear after the first epoch</Text>;
  return (
    <Box flexDirection="column" height={rows}>
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate-end">{line}</Text>
      ))}
    </Box>
  );
});

function bar(fraction: number, width: number): string {
  const cells = Math.max(0, width);
  const full = Math.round(Math.min(1, Math.max(0, fraction)) * cells);
  return '█'.repeat(full) + '░'.repeat(cells - full);
}

/** "label [bar] suffix", the bar taking whatever width is left (at least 10 cells). */
function progress(label: string, fraction: number, suffix: string, width: number): string {
  const barWidth = Math.max(10, width - label.length - suffix.length - 2);
  return `${label} ${bar(fraction, barWidth)} ${suffix}`;
}

function epochLine(s: TrainViewState, width: number): string {
  if (s.epochs === 0) return 'listing the data…';
  const done = s.history.epochs;
  const eta = s.phase === 'done' ? 'done' : s.runEtaSeconds === undefined ? '' : `run ETA ${formatDuration(s.runEtaSeconds)}`;
  return progress(`epoch ${padCount(s.epoch, s.epochs)}/${s.epochs}`, done / s.epochs, eta.padEnd(15), width);
}

function stepLine(s: TrainViewState, width: number): string {
  if (s.phase === 'validating') {
    return progress(`validation ${padCount(s.validationStep, s.validationSteps)}/${s.validationSteps}`, s.validationStep / Math.max(1, s.validationSteps), ''.padEnd(24), width);
  }
  if (s.steps === 0) return '';
  const rate = s.imagesPerSecond === undefined ? '' : `${s.imagesPerSecond.toFixed(1)} img/s`;
  const eta = s.etaSeconds === undefined ? '' : `ETA ${formatDuration(s.etaSeconds)}`;
  return progress(`step  ${padCount(s.step, s.steps)}/${s.steps}`, s.step / s.steps, `${eta.padEnd(10)} ${rate.padStart(13)}`, width);
}

function metricsLine(s: TrainViewState): string {
  const running = `loss ${formatMetric(s.loss)}  acc ${formatMetric(s.acc)}`;
  const e = s.lastEpoch;
  if (!e) return running;
  const f = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : '-');
  return `${running} │ epoch ${e.epoch}: loss ${f(e.loss)} acc ${f(e.acc)} val_loss ${f(e.val_loss)} val_acc ${f(e.val_acc)} ${formatDuration(e.seconds)}`;
}

function statusLine(s: TrainViewState): string {
  const parts: string[] = [];
  if (s.phase === 'done') parts.push(s.interrupted ? `stopped; saved to ${s.savedTo ?? 'nothing'}` : `finished; model in ${s.savedTo ?? '-'}`);
  else if (s.stopping) parts.push(`stopping: ${STOP_MESSAGE}`);
  else if (s.phase === 'saving') parts.push('saving checkpoint…');
  else if (s.lastSaved) parts.push(`saved ${s.lastSaved}`);
  if (s.skipped > 0) parts.push(`skipped ${s.skipped} file${s.skipped === 1 ? '' : 's'} (last: ${s.lastSkipped})`);
  return parts.join(' · ');
}
