// Interactive inspector: load everything first (TensorFlow prints its own start-up notes on stderr),
// then take over the alternate screen so the TUI never mixes with them, and restore it on every exit.
import { render } from 'ink';
import React from 'react';
import type { InspectOptions } from '../app/options.js';
import { resolveColorLevel } from '../render/color-level.js';
import type { ColormapName } from '../render/colormap.js';
import { InspectSession } from '../services/inspect-session.js';
import { ImageLayer } from './image-layer.js';
import { ImageLayerContext } from './image-layer-context.js';
import { InspectorApp } from './inspector/InspectorApp.js';
import { withAlternateScreen } from './terminal.js';

export async function runInspector(options: InspectOptions): Promise<number> {
  process.stderr.write('convscope: loading model and first image…\n');
  const session = await InspectSession.open(options);
  const first = await session.first();
  const level = resolveColorLevel(options.colorLevel, process.env, Boolean(process.stdout.isTTY));
  const startLayer = options.layer === undefined ? 0 : Math.max(0, session.layers.findIndex((l, i) => l.name === options.layer || String(i + 1) === options.layer));
  return withAlternateScreen(async () => {
    const layer = new ImageLayer(process.stdout);
    const app = render(
      <ImageLayerContext.Provider value={layer}>
        <InspectorApp session={session} first={first} colormap={options.colormap as ColormapName} level={level} patience={options.patience} startLayer={startLayer} />
      </ImageLayerContext.Provider>,
      { exitOnCtrlC: false, patchConsole: true, maxFps: 60 },
    );
    try {
      await app.waitUntilExit();
    } finally {
      layer.dispose();
    }
    return 0;
  });
}
