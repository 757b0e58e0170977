// What the training view shows, folded from trainer events. Plain numbers and strings only.
import type { History } from '../../history/types.js';
import type { TrainEvent } from '../../train/events.js';

export type TrainPhase = 'starting' | 'training' | 'validating' | 'saving' | 'done';

export interface TrainViewState {
  phase: TrainPhase;
  title: string;
  runDir: string;
  epoch: number;
  epochs: number;
  firstEpoch: number;
  step: number;
  steps: number;
  loss?: number;
  acc?: number;
  imagesPerSecond?: number;
  etaSeconds?: number;
  runEtaSeconds?: number;
  validationStep: number;
  validationSteps: number;
  lastEpoch?: { epoch: number; loss: number; acc: number; val_loss: number; val_acc: number; seconds: number };
  skipped: number;
  lastSkipped?: string;
  lastSaved?: string;
  stopping: boolean;
  interrupted?: boolean;
  savedTo?: string;
  /** Replaced (not mutated) at each epoch end, so charts can be memoised on it. */
  history: History;
}

export const initialTrainViewState: TrainViewState = {
  phase: 'starting', title: 'convscope train', runDir: '', epoch: 0, epochs: 0, firstEpoch: 1, step: 0, steps: 0,
  validationStep: 0, validationSteps: 0, skipped: 0, stopping: false, history: { epochs: 0 },
};

export function reduceTrainEvent(state: TrainViewState, event: TrainEvent): TrainViewState {
  switch (event.type) {
    case 'start':
      return {
        ...state, phase: 'training', runDir: event.runDir, epochs: event.epochs, firstEpoch: event.firstEpoch,
        epoch: event.firstEpoch, steps: event.stepsPerEpoch, validationSteps: event.validationSteps, history: event.history,
        title: `convscope train · ${event.classNames.join(' vs ')} · ${event.trainImages} train / ${event.validationImages} val · ` +
          `${event.imageSize}×${event.imageSize} · batch ${event.batchSize}${event.resumedFrom ? ` · resumed after epoch ${event.firstEpoch - 1}` : ''}`,
      };
    case 'epoch-start':
      return { ...state, phase: 'training', epoch: event.epoch, step: 0, validationStep: 0, loss: undefined, acc: undefined, etaSeconds: undefined };
    case 'batch-end':
      return {
        ...state, step: event.step, steps: event.steps, loss: event.loss, acc: event.acc, imagesPerSecond: event.imagesPerSecond,
        etaSeconds: event.etaSeconds, runEtaSeconds: event.runEtaSeconds,
      };
    case 'validation-start':
      return { ...state, phase: 'validating', validationStep: 0, validationSteps: event.steps };
    case 'validation-batch':
      return { ...state, validationStep: event.step };
    case 'epoch-end':
      return {
        ...state, phase: 'saving', history: event.history,
        lastEpoch: { epoch: event.epoch, loss: event.logs.loss, acc: event.logs.acc, val_loss: event.logs.val_loss, val_acc: event.logs.val_acc, seconds: event.logs.epochSeconds },
      };
    case 'saved':
      return { ...state, lastSaved: event.path };
    case 'skipped':
      return { ...state, skipped: event.total, lastSkipped: `${event.file}: ${event.reason}` };
    case 'stopping':
      return { ...state, stopping: true };
    case 'done':
      return { ...state, phase: 'done', interrupted: event.result.interrupted, savedTo: event.result.savedTo, history: event.result.history };
    default:
      return state;
  }
}

/** Events after which the view should redraw at once; batch events are coalesced. */
export const isMilestone = (event: TrainEvent) => event.type !== 'batch-end' && event.type !== 'validation-batch' && event.type !== 'skipped';
