// Training progress as plain lines (no TTY, or --print): one line every few steps and one per epoch, never a
// cursor-moving escape code, ending with the run summary.
import { basename, relative } from 'node:path';
import { formatSummaryText } from '../history/summary.js';
import type { TrainEvent, TrainResult } from './events.js';
import { formatDuration, formatMetric, padCount } from './format.js';

export interface PlainProgressOptions {
  /** A step line every `every` steps (default: about ten per epoch). */
  every?: number;
  /** Individually listed skipped files; later ones are only counted. */
  maxSkippedLines?: number;
}

export function createPlainProgress(write: (line: string) => void, options: PlainProgressOptions = {}): (event: TrainEvent) => void {
  const maxSkipped = options.maxSkippedLines ?? 20;
  let every = options.every ?? 10;
  let started = 0;
  let dataRoot = '';
  return (event) => {
    switch (event.type) {
      case 'start': {
        started = performance.now();
        dataRoot = event.data;
        every = options.every ?? Math.max(1, Math.round(event.stepsPerEpoch / 10));
        const classes = event.classNames.map((name, i) => `${name}=${i}`).join(' ');
        write(`Training the seed convnet on ${shortPath(event.data)}: ${event.trainImages} train / ${event.validationImages} validation images, classes ${classes}`);
        const resumed = event.resumedFrom ? `, resuming after epoch ${event.firstEpoch - 1} (${shortPath(event.resumedFrom)})` : '';
        write(`${event.imageSize}×${event.imageSize} input, batch ${event.batchSize}, ${event.stepsPerEpoch} steps/epoch, ${event.validationSteps} validation steps, ${event.epochs} epochs → ${shortPath(event.runDir)}${resumed}`);
        break;
      }
      case 'epoch-start':
        write(`Epoch ${event.epoch}/${event.epochs}`);
        break;
      case 'batch-end':
        if (event.step % every === 0 && event.step !== event.steps) {
          write(`  step ${padCount(event.step, event.steps)}/${event.steps}  loss ${formatMetric(event.loss)}  acc ${formatMetric(event.acc)}  ${event.imagesPerSecond.toFixed(1)} img/s  ETA ${formatDuration(event.etaSeconds)}`);
        }
        break;
      case 'epoch-end': {
        const l = event.logs;
        // Keras's end-of-epoch line.
        write(`  ${formatDuration(l.epochSeconds)} - loss: ${formatMetric(l.loss)} - acc: ${formatMetric(l.acc)} - val_loss: ${formatMetric(l.val_loss)} - val_acc: ${formatMetric(l.val_acc)}`);
        break;
      }
      case 'saved':
        write(event.kind === 'checkpoint' ? `  saved ${shortPath(event.path)}` : `saved the interrupted state (after epoch ${event.epoch}) to ${shortPath(event.path)}`);
        break;
      case 'skipped':
        if (event.total <= maxSkipped) write(`  skipped ${relative(dataRoot, event.file) || event.file}: ${event.reason}`);
        else if (event.total === maxSkipped + 1) write('  (more skipped files are counted, not listed)');
        break;
      case 'done':
        for (const line of formatRunSummary(event.result, (performance.now() - started) / 1000)) write(line);
        break;
      default:
        break;
    }
  };
}

/** The closing lines: how it ended, the accuracies, skipped files, where everything is. */
export function formatRunSummary(result: TrainResult, seconds?: number): string[] {
  const took = seconds === undefined ? '' : ` in ${formatDuration(seconds)}`;
  const lines = [result.interrupted ? `Interrupted after ${result.epochsCompleted} complete epoch${result.epochsCompleted === 1 ? '' : 's'}${took}` : `Done: ${result.epochsCompleted} epochs${took}`];
  if (result.epochsCompleted > 0) lines.push(...formatSummaryText(result.summary).map((line) => `  ${line}`));
  if (result.skipped.count > 0) {
    const shown = result.skipped.files.slice(0, 5).map((f) => basename(f)).join(', ');
    lines.push(`  skipped ${result.skipped.count} unreadable or non-image file${result.skipped.count === 1 ? '' : 's'}: ${shown}${result.skipped.count > 5 ? ', …' : ''}`);
  }
  const run = result.runDir;
  if (result.savedTo) lines.push(`  model:       ${shortPath(result.savedTo)}${result.interrupted && result.savedTo.endsWith('interrupted') ? ' (mid-epoch state; --resume restarts from the last complete epoch)' : ''}`);
  if (result.epochsCompleted > 0) {
    lines.push(`  history:     ${shortPath(`${run}/history.json`)}, history.csv`);
    lines.push(`  checkpoints: ${shortPath(`${run}/checkpoints`)}/epoch-NN (each loadable; continue with --resume)`);
  }
  return lines;
}

function shortPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && rel.length < path.length ? rel : path;
}
