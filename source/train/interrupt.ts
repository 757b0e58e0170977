// Ctrl-C during training, as the CLI wires it: the first one asks the trainer to finish the current batch and
// save; the second exits at once with 130 (128 + SIGINT). Exiting at any instant is safe: checkpoints are
// written to temp folders and renamed, so the last complete one on disk is always intact.

export const STOP_MESSAGE = 'finishing the current batch, saving… (Ctrl-C again to quit now)';
export const INTERRUPT_EXIT_CODE = 130;

export interface InterruptHandler {
  /** Same as receiving SIGINT; for UIs that read Ctrl-C as a key (Ink's raw mode). */
  interrupt(): void;
  uninstall(): void;
}

export interface InterruptHandlerOptions {
  exit?: (code: number) => void;
  signals?: NodeJS.Signals[];
}

export function installInterruptHandler(
  controller: { requestStop(): void },
  log: (message: string) => void,
  { exit = (code) => process.exit(code), signals = ['SIGINT'] }: InterruptHandlerOptions = {},
): InterruptHandler {
  let count = 0;
  const interrupt = () => {
    count++;
    if (count === 1) {
      log(STOP_MESSAGE);
      controller.requestStop();
    } else {
      exit(INTERRUPT_EXIT_CODE);
    }
  };
  for (const signal of signals) process.on(signal, interrupt);
  return {
    interrupt,
    uninstall: () => {
      for (const signal of signals) process.off(signal, interrupt);
    },
  };
}
