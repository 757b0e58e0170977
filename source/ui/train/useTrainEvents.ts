import { useEffect, useRef, useState } from 'react';
import type { TrainEvent } from '../../train/events.js';
import { initialTrainViewState, isMilestone, reduceTrainEvent, type TrainViewState } from './train-view-state.js';

export interface TrainEventSource {
  subscribe(listener: (event: TrainEvent) => void): () => void;
}

/**
 * Folds trainer events into view state. Every event is reduced at once (cheap), but React only re-renders
 * on milestones and at most every `intervalMs` for step events, so tiny fast batches cannot flood the terminal.
 */
export function useTrainEvents(source: TrainEventSource, intervalMs = 100): TrainViewState {
  const [state, setState] = useState(initialTrainViewState);
  const latest = useRef(initialTrainViewState);
  const timer = useRef<NodeJS.Timeout | undefined>(undefined);

  useEffect(() => {
    const flush = () => {
      timer.current = undefined;
      setState(latest.current);
    };
    const unsubscribe = source.subscribe((event) => {
      latest.current = reduceTrainEvent(latest.current, event);
      if (isMilestone(event)) {
        clearTimeout(timer.current);
        flush();
      } else {
        timer.current ??= setTimeout(flush, intervalMs);
      }
    });
    return () => {
      unsubscribe();
      clearTimeout(timer.current);
    };
  }, [source, intervalMs]);

  return state;
}
