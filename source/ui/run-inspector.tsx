// Interactive inspector: load everything first (TensorFlow prints its own start-up notes on stderr),
// then take over the alternate screen so the TUI never mixes with them, and restore it on every exit.
import { render } from 'ink';
import React from 'react';
import type { InspectOptions } from '../app/options.js';
import { resolveColorLevel } from '../render/color-level.js';
import type { ColormapName } from '../render/colormap.js';
import { InspectSession } from '../services/inspect-session.js';
import { InspectorApp } from './inspector/InspectorApp.js';
import { withAlternateScreen } from './terminal.js';

export async function runInspector(options: InspectOptions): Promise<number> {
  process.stderr.write('convscope: loading model and first image…\n');
  const session = await InspectSession.open(options);
  const first = await session.first();
  const level = resolveColorLevel(options.colorLevel, process.env, Boolean(process.stdout.isTTY));
  const startLayer = options.layer === undefined ? 0 : Math.max(0, session.layers.findIndex((l, i) => l.name === options.layer || String(i + 1) === options.layer));
  return withAlternateScreen(async () => {
    const app = render(
      <InspectorApp session={session} first={first} colormap={options.colormap as ColormapName} level={level} patience={options.patience} startLayer={startLayer} />,
      { exitOnCtrlC: false, patchConsole: true, maxFps: 60 },
    );
    await app.waitUntilExit();
    return 0;
  });
}
