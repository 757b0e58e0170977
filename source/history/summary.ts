import type { History } from './types.js';

export interface SummaryOptions {
  /** EarlyStopping patience to simulate (default 2). */
  patience?: number;
}

/** Epoch numbers here are 1-based, as Keras prints them ("Epoch 5/15"). */
export interface HistorySummary {
  epochs: number;
  /** True when val_loss or val_acc has at least one finite value. */
  hasValidation: boolean;
  /** Epoch of the lowest val_loss; of the lowest training loss when val_loss was never recorded. */
  bestEpoch?: number;
  bestBy?: 'val_loss' | 'loss';
  /** The `bestBy` value at `bestEpoch`. */
  bestLoss?: number;
  valAccAtBest?: number;
  finalTrainAcc?: number;
  finalValAcc?: number;
  bestValAcc?: number;
  bestValAccEpoch?: number;
  /** finalTrainAcc − finalValAcc. */
  gap?: number;
  /** See `overfittingStart`. */
  overfittingFrom?: number;
  patience: number;
  /** Last epoch Keras EarlyStopping(monitor='val_loss', patience) would have trained; undefined if it never fires. */
  earlyStopEpoch?: number;
  /** Caveats worth showing next to the numbers (missing validation, gaps). */
  notes: string[];
}

export function summarize(history: History, { patience = 2 }: SummaryOptions = {}): HistorySummary {
  if (!Number.isInteger(patience) || patience < 0) throw new RangeError(`patience must be a whole number ≥ 0, got ${patience}`);
  const { acc, val_acc: valAcc, loss, val_loss: valLoss } = history;
  const hasValLoss = hasFinite(valLoss);
  const summary: HistorySummary = {
    epochs: history.epochs,
    hasValidation: hasValLoss || hasFinite(valAcc),
    patience,
    notes: [],
  };

  const bestBy = hasValLoss ? 'val_loss' : hasFinite(loss) ? 'loss' : undefined;
  if (bestBy !== undefined) {
    const index = argBest(history[bestBy]!, (a, b) => a < b);
    summary.bestBy = bestBy;
    summary.bestEpoch = index + 1;
    summary.bestLoss = history[bestBy]![index];
    if (valAcc && Number.isFinite(valAcc[index])) summary.valAccAtBest = valAcc[index];
  }
  summary.finalTrainAcc = lastFinite(acc);
  summary.finalValAcc = lastFinite(valAcc);
  if (summary.finalTrainAcc !== undefined && summary.finalValAcc !== undefined) {
    summary.gap = summary.finalTrainAcc - summary.finalValAcc;
  }
  if (hasFinite(valAcc)) {
    const index = argBest(valAcc!, (a, b) => a > b);
    summary.bestValAcc = valAcc![index];
    summary.bestValAccEpoch = index + 1;
  }
  if (hasValLoss) {
    summary.overfittingFrom = overfittingStart(loss, valLoss!);
    summary.earlyStopEpoch = earlyStoppingEpoch(valLoss!, patience);
  } else {
    summary.notes.push(
      summary.hasValidation
        ? 'no val_loss recorded: best epoch is the lowest training loss; EarlyStopping not simulated'
        : 'no validation data: best epoch is the lowest training loss',
    );
  }
  for (const key of ['loss', 'acc', 'val_loss', 'val_acc'] as const) {
    const series = history[key];
    if (!hasFinite(series)) continue; // absent or all-missing series are covered above, not listed epoch by epoch
    const gaps = series!.flatMap((value, i) => (Number.isFinite(value) ? [] : [i + 1]));
    if (gaps.length > 0) summary.notes.push(`${key} missing or not finite at epoch${gaps.length > 1 ? 's' : ''} ${ranges(gaps)}`);
  }
  return summary;
}

/**
 * Replays Keras 3 EarlyStopping(monitor='val_loss', mode='min', min_delta=0, patience) (keras/src/callbacks/
 * early_stopping.py, checked against Keras 3.15.1 in test/history/fixtures). At the end of each epoch:
 *   wait += 1
 *   if best is None or current - min_delta < best:  best = current; wait = 0        (min_delta ≤ 0 in 'min' mode)
 *   elif wait >= patience and epoch > 0:              stop after this epoch
 * So an equal value is no improvement, and neither is NaN (NaN < best is false). Keras 3 accepts the first epoch as
 * best whatever it is — even NaN, after which nothing improves; Keras 2 started from best = +inf instead, which only
 * differs when epoch 1 is NaN. Returns the 1-based epoch training would have ended with, or undefined.
 */
export function earlyStoppingEpoch(valLoss: readonly number[], patience: number): number | undefined {
  let best: number | undefined;
  let wait = 0;
  for (let epoch = 0; epoch < valLoss.length; epoch++) {
    const current = valLoss[epoch];
    wait += 1;
    if (best === undefined || current < best) {
      best = current;
      wait = 0;
    } else if (wait >= patience && epoch > 0) {
      return epoch + 1;
    }
  }
  return undefined;
}

/**
 * Sustained overfitting, defined as: let m be the epoch of the lowest val_loss. Overfitting starts at m + 1 when
 *  - every val_loss recorded after m is strictly above that minimum, and there are at least two of them, and
 *  - the training loss still fell: its last finite value after m is below its value at m.
 * Returns the 1-based first epoch after the minimum, or undefined.
 */
export function overfittingStart(loss: readonly number[] | undefined, valLoss: readonly number[]): number | undefined {
  if (!hasFinite(valLoss)) return undefined;
  const m = argBest(valLoss, (a, b) => a < b);
  const after = valLoss.slice(m + 1).filter(Number.isFinite);
  if (after.length < 2 || after.some((value) => value <= valLoss[m])) return undefined;
  const trainAtMin = loss?.[m];
  const trainAtEnd = lastFinite(loss?.slice(m + 1));
  if (trainAtMin === undefined || !Number.isFinite(trainAtMin) || trainAtEnd === undefined || !(trainAtEnd < trainAtMin)) {
    return undefined;
  }
  return m + 2;
}

/** Human-readable lines for plain output and the TUI side panel. */
export function formatSummaryText(summary: HistorySummary): string[] {
  const lines: string[] = [];
  const { bestEpoch, bestBy, bestLoss } = summary;
  if (bestEpoch === undefined || bestLoss === undefined) lines.push('no finite loss recorded');
  else if (bestBy === 'val_loss') {
    const valAcc = summary.valAccAtBest === undefined ? '' : `, val_acc ${fmt(summary.valAccAtBest, 2)}`;
    lines.push(`best epoch ${bestEpoch}: val_loss ${fmt(bestLoss, 3)}${valAcc}`);
  } else lines.push(`best epoch ${bestEpoch}: loss ${fmt(bestLoss, 3)} (no validation loss)`);

  const { finalTrainAcc: train, finalValAcc: val, gap } = summary;
  if (train !== undefined && val !== undefined && gap !== undefined) {
    lines.push(`final acc train ${fmt(train, 2)} / val ${fmt(val, 2)} (gap ${fmt(gap, 2)})`);
  } else if (train !== undefined) lines.push(`final acc train ${fmt(train, 2)}`);
  else if (val !== undefined) lines.push(`final acc val ${fmt(val, 2)}`);
  if (summary.bestValAcc !== undefined) lines.push(`best val_acc ${fmt(summary.bestValAcc, 2)} at epoch ${summary.bestValAccEpoch}`);

  if (bestBy === 'val_loss') {
    lines.push(summary.overfittingFrom === undefined ? 'no sustained overfitting' : `overfitting from epoch ${summary.overfittingFrom}`);
    const early = `EarlyStopping(patience=${summary.patience})`;
    lines.push(
      summary.earlyStopEpoch === undefined
        ? `${early} would not have stopped within ${summary.epochs} epochs`
        : `${early} would have stopped at epoch ${summary.earlyStopEpoch} of ${summary.epochs}`,
    );
  }
  return [...lines, ...summary.notes];
}

const fmt = (value: number, digits: number) => value.toFixed(digits);

function hasFinite(series: readonly number[] | undefined): boolean {
  return series !== undefined && series.some(Number.isFinite);
}

function lastFinite(series: readonly number[] | undefined): number | undefined {
  for (let i = (series?.length ?? 0) - 1; i >= 0; i--) if (Number.isFinite(series![i])) return series![i];
  return undefined;
}

/** Index of the first finite value that beats all others; -1 when there is none. */
function argBest(series: readonly number[], better: (a: number, b: number) => boolean): number {
  let best = -1;
  series.forEach((value, i) => {
    if (Number.isFinite(value) && (best < 0 || better(value, series[best]))) best = i;
  });
  return best;
}

/** [3, 4, 5, 9] → "3-5, 9" */
function ranges(epochs: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < epochs.length; i++) {
    let j = i;
    while (j + 1 < epochs.length && epochs[j + 1] === epochs[j] + 1) j++;
    parts.push(i === j ? `${epochs[i]}` : `${epochs[i]}-${epochs[j]}`);
    i = j;
  }
  return parts.join(', ');
}
