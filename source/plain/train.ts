// `convscope train` without a TTY (or with --print): plain progress lines, Ctrl-C/SIGINT saves and exits 130.
import type { TrainFlags } from '../app/options.js';
import { requireNative } from '../model/backend.js';
import { installInterruptHandler, INTERRUPT_EXIT_CODE } from '../train/interrupt.js';
import { resolveTrainOptions } from '../train/options.js';
import { createPlainProgress } from '../train/plain-progress.js';
import { startTraining } from '../train/trainer.js';

export async function runPlainTrain(flags: TrainFlags): Promise<number> {
  const options = resolveTrainOptions(flags as Parameters<typeof resolveTrainOptions>[0]);
  const { tf } = await requireNative('training');
  const write = (line: string) => process.stdout.write(`${line}\n`);
  const controller = startTraining(tf, options, createPlainProgress(write));
  const handler = installInterruptHandler(controller, (message) => process.stderr.write(`convscope: ${message}\n`));
  try {
    const result = await controller.done; // the progress printer writes the run summary on 'done'
    return result.interrupted ? INTERRUPT_EXIT_CODE : 0;
  } finally {
    handler.uninstall();
  }
}
