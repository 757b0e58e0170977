// `npm run bench`: prints medians and p95 of the inspector's speed goals, and training throughput
// against Keras. Not a test: numbers depend on the machine. Needs tmux for the keypress benchmark.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../helpers/cli.js';
import { makeTinyModel, tempDir } from '../helpers/fixtures.js';
import { benchInspector } from './inspector.js';
import { median, ms, percentile } from './stats.js';
import { benchKeypress } from './tmux-keypress.js';

const only = process.argv.slice(2);
const want = (name: string) => only.length === 0 || only.includes(name);

async function sampleModel(): Promise<{ path: string; note: string }> {
  const samples = join(root, 'samples', 'model');
  if (existsSync(join(samples, 'model.json'))) return { path: samples, note: 'samples/model' };
  const dir = tempDir();
  return { path: await makeTinyModel(dir.path, { size: 150 }), note: 'untrained seed-shaped model' };
}

const { path: model, note } = await sampleModel();
console.log(`convscope bench — model: ${note}; images: samples/images; ${new Date().toISOString()}`);

if (want('inspect')) {
  for (const t of await benchInspector(model, join(root, 'samples', 'images'))) {
    console.log(`${t.name.padEnd(66)} p50 ${ms(t.p50).padStart(9)}  p95 ${ms(t.p95).padStart(9)}  (n=${t.n})`);
  }
}

if (want('tmux')) {
  if (spawnSync('tmux', ['-V']).status !== 0) console.log('keypress → frame in tmux: skipped (tmux not installed)');
  else {
    const r = await benchKeypress({ model, steps: 60, resamples: 15 });
    console.log(`keypress → new layer fully drawn, tmux 160×45 truecolor`.padEnd(66) + ` p50 ${ms(r.p50).padStart(9)}  p95 ${ms(r.p95).padStart(9)}  (n=${r.samples.length}; goal p50 ≤ 33 ms, p95 ≤ 80 ms)`);
    console.log(`r → new image fully drawn, tmux 160×45 truecolor`.padEnd(66) + ` p50 ${ms(median(r.resample)).padStart(9)}  p95 ${ms(percentile(r.resample, 95)).padStart(9)}  (n=${r.resample.length}; goal p50 ≤ 100 ms)`);
  }
}

if (want('scan')) {
  // A 100,000-file dataset (empty files: only the listing is measured) must open in under 2 s.
  const { mkdirSync, closeSync, openSync } = await import('node:fs');
  const { openImageFolder } = await import('../../source/model/dataset.js');
  const big = tempDir('convscope-scan-');
  for (const c of ['cats', 'dogs']) {
    mkdirSync(join(big.path, 'train', c), { recursive: true });
    for (let i = 0; i < 50_000; i++) closeSync(openSync(join(big.path, 'train', c, `${c.slice(0, -1)}.${i}.jpg`), 'w'));
  }
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    openImageFolder(big.path);
    times.push(performance.now() - t0);
  }
  console.log(`open a 100,000-file image folder`.padEnd(66) + ` p50 ${ms(median(times)).padStart(9)}  (n=5; goal < 2000 ms)`);
  big.cleanup();
}

if (want('train')) {
  const script = join(root, 'test', 'bench', 'train-throughput.ts');
  if (existsSync(script)) spawnSync(process.execPath, ['--import', 'tsx', script], { stdio: 'inherit', cwd: root });
}
process.exit(0);
