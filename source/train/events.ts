// What the trainer reports while it runs: plain numbers and strings only (no tensors), so a UI can keep them.
import type { History } from '../history/types.js';
import type { HistorySummary } from '../history/summary.js';
import type { SkippedFile } from './data.js';
import type { TrainEngine } from './train-step.js';

export interface EpochLogs {
  loss: number;
  acc: number;
  val_loss: number;
  val_acc: number;
  epochSeconds: number;
}

export interface TrainResult {
  interrupted: boolean;
  /** The saved model folder to inspect: RUN_DIR/model (latest epoch) or RUN_DIR/interrupted. Undefined if nothing was saved. */
  savedTo?: string;
  runDir: string;
  epochsCompleted: number;
  history: History;
  summary: HistorySummary;
  skipped: { count: number; files: string[] };
}

export type TrainEvent =
  | {
      type: 'start';
      runDir: string;
      data: string;
      classNames: string[];
      trainImages: number;
      validationImages: number;
      firstEpoch: number;
      epochs: number;
      stepsPerEpoch: number;
      validationSteps: number;
      batchSize: number;
      imageSize: number;
      engine: TrainEngine;
      resumedFrom?: string;
      /** Epochs already done (non-empty when resuming), for the charts. */
      history: History;
    }
  | { type: 'epoch-start'; epoch: number; epochs: number }
  | {
      type: 'batch-end';
      epoch: number;
      epochs: number;
      step: number;
      steps: number;
      /** Keras's progress-bar values: mean over the epoch so far, weighted by batch size. */
      loss: number;
      acc: number;
      imagesPerSecond: number;
      /** Remaining training steps of this epoch, at this epoch's pace. */
      etaSeconds: number;
      /** Rough time to the end of the run (training and validation). */
      runEtaSeconds: number;
    }
  | { type: 'validation-start'; epoch: number; steps: number }
  | { type: 'validation-batch'; epoch: number; step: number; steps: number }
  | { type: 'validation-end'; epoch: number; val_loss: number; val_acc: number; seconds: number }
  | { type: 'epoch-end'; epoch: number; epochs: number; logs: EpochLogs; history: History }
  | { type: 'saved'; epoch: number; path: string; kind: 'checkpoint' | 'interrupted'; seconds: number }
  | ({ type: 'skipped'; total: number } & SkippedFile)
  | { type: 'stopping' }
  | { type: 'done'; result: TrainResult };

export type TrainEventListener = (event: TrainEvent) => void;

/** Fans events out to subscribers; events sent before the first subscriber are kept and replayed to it. */
export interface TrainEventHub {
  emit: TrainEventListener;
  subscribe(listener: TrainEventListener): () => void;
}

export function createTrainEventHub(): TrainEventHub {
  const listeners = new Set<TrainEventListener>();
  let early: TrainEvent[] | undefined = [];
  return {
    emit(event) {
      if (early) early.push(event);
      for (const listener of listeners) listener(event);
    },
    subscribe(listener) {
      listeners.add(listener);
      const replay = early;
      early = undefined;
      for (const event of replay ?? []) listener(event);
      return () => listeners.delete(listener);
    },
  };
}
