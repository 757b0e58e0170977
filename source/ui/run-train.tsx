// `convscope train` in a terminal: the live Ink view. Ink reads Ctrl-C as a key in raw mode, so the key
// is routed to the same interrupt handler a SIGINT would reach (first: finish the batch and save; second: quit).
import { render, useInput } from 'ink';
import React from 'react';
import type { TrainFlags } from '../app/options.js';
import { requireNative } from '../model/backend.js';
import { resolveColorLevel } from '../render/color-level.js';
import { createTrainEventHub } from '../train/events.js';
import { installInterruptHandler, INTERRUPT_EXIT_CODE } from '../train/interrupt.js';
import { resolveTrainOptions } from '../train/options.js';
import { formatRunSummary } from '../train/plain-progress.js';
import { startTraining } from '../train/trainer.js';
import { useTerminalSize } from './hooks/useTerminalSize.js';
import { TrainView } from './train/TrainView.js';

function TrainScreen({ hub, level, onCtrlC }: { hub: ReturnType<typeof createTrainEventHub>; level: 0 | 1 | 2 | 3; onCtrlC: () => void }) {
  const size = useTerminalSize();
  useInput((input, key) => {
    if (key.ctrl && input === 'c') onCtrlC();
  });
  return <TrainView events={hub} width={size.columns} height={size.rows - 1} colorLevel={level} />;
}

export async function runTrainInteractive(flags: TrainFlags): Promise<number> {
  const options = resolveTrainOptions(flags as Parameters<typeof resolveTrainOptions>[0]);
  const { tf } = await requireNative('training');
  const started = performance.now();
  const hub = createTrainEventHub();
  const controller = startTraining(tf, options, hub.emit);
  const level = resolveColorLevel('auto', process.env, true);
  let app: ReturnType<typeof render> | undefined;
  const handler = installInterruptHandler(controller, () => {}, {
    exit: (code) => {
      app?.unmount();
      process.exit(code);
    },
  });
  app = render(<TrainScreen hub={hub} level={level} onCtrlC={handler.interrupt} />, { exitOnCtrlC: false, maxFps: 20 });
  try {
    const result = await controller.done;
    app.unmount();
    await app.waitUntilExit();
    for (const line of formatRunSummary(result, (performance.now() - started) / 1000)) process.stdout.write(`${line}\n`);
    return result.interrupted ? INTERRUPT_EXIT_CODE : 0;
  } finally {
    handler.uninstall();
  }
}
