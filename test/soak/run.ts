// `npm run soak`: 1000 resamples and 5000 layer steps through the same session, reducer and frame cache
// the TUI uses (headless), reporting tensor count, RSS and open handles at start and end.
// Pass criteria (issue): tensor count ends where it started, RSS grows < 10%.
import { join } from 'node:path';
import { loadBackend } from '../../source/model/backend.js';
import { FrameCache } from '../../source/render/frame-cache.js';
import { InspectSession } from '../../source/services/inspect-session.js';
import { initialState, reducer } from '../../source/state/inspector.js';
import { root } from '../helpers/cli.js';
import { makeImageTree, makeTinyModel, tempDir } from '../helpers/fixtures.js';
import { existsSync } from 'node:fs';

const resamples = Number(process.argv[2] ?? 1000);
const steps = Number(process.argv[3] ?? 5000);

const handles = () => (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles().length;
const mb = (b: number) => `${(b / 1048576).toFixed(1)} MB`;

const sampleModel = join(root, 'samples', 'model');
const dir = tempDir();
const model = existsSync(join(sampleModel, 'model.json')) ? sampleModel : await makeTinyModel(dir.path, { size: 150 });
const images = existsSync(join(root, 'samples', 'images')) ? join(root, 'samples', 'images') : await makeImageTree(join(dir.path, 'data'));

const { tf } = await loadBackend();
const session = await InspectSession.open({ model, images, seed: 1, interpolation: 'nearest' });
const cache = new FrameCache();
let state = initialState(session.layers.length);
let sample = await session.first();
const frame = () => cache.get({ sampleId: sample.id, layer: state.layer, page: state.page, zoom: state.zoom, cols: 160, rows: 40, colormap: 'viridis', level: 3 }, sample.activations[state.layer]!);
frame();
// Warm up until the bounded caches (64 frames, 32 filter sets, TensorFlow's allocator) are full, so that
// one-time growth is not counted as a leak: RSS plateaus after ~100 resamples (SOAK_TRACE=1 shows it).
const warmup = Number(process.env.SOAK_WARMUP ?? 100);
for (let i = 0; i < warmup; i++) {
  sample = await session.resample();
  state = initialState(session.layers.length);
  for (let l = 0; l < session.layers.length; l++) {
    frame();
    state = reducer(state, { type: 'nextLayer' });
  }
}
global.gc?.();
const start = { tensors: tf.memory().numTensors, rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed, handles: handles() };
const t0 = performance.now();
let dir2 = 1;
const perResample = Math.max(1, Math.floor(steps / resamples));
let stepped = 0;
for (let i = 0; i < resamples; i++) {
  state = reducer(state, { type: 'resample' });
  sample = await session.resample();
  if (process.env.SOAK_TRACE && i % 100 === 0) {
    global.gc?.();
    const m = process.memoryUsage();
    console.log(`  ${i}: rss ${mb(m.rss)} heap ${mb(m.heapUsed)} external ${mb(m.external)} arrayBuffers ${mb(m.arrayBuffers)}`);
  }
  for (let k = 0; k < perResample && stepped < steps; k++, stepped++) {
    if ((state.layer === state.layerCount - 1 && dir2 > 0) || (state.layer === 0 && dir2 < 0)) dir2 = -dir2;
    state = reducer(state, { type: dir2 > 0 ? 'nextLayer' : 'prevLayer' });
    frame();
  }
}
global.gc?.();
const end = { tensors: tf.memory().numTensors, rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed, handles: handles() };
const growth = (end.rss - start.rss) / start.rss;
console.log(`soak: after ${warmup} warm-up resamples, ${resamples} resamples, ${stepped} layer steps in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
console.log(`tensors  start ${start.tensors}  end ${end.tensors}`);
console.log(`rss      start ${mb(start.rss)}  end ${mb(end.rss)}  growth ${(growth * 100).toFixed(1)}%`);
console.log(`js heap  start ${mb(start.heap)}  end ${mb(end.heap)}`);
console.log(`handles  start ${start.handles}  end ${end.handles}`);
const ok = end.tensors === start.tensors && growth < 0.1 && end.handles <= start.handles;
console.log(ok ? 'PASS' : 'FAIL');
dir.cleanup();
process.exit(ok ? 0 : 1);
