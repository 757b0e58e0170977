// Keypress → new layer fully drawn, measured the way a user sees it: convscope runs inside tmux at
// 160×45 with COLORTERM=truecolor; we send a key with `tmux send-keys` and poll `capture-pane` until the
// new layer's header and its last grid row are on screen.
import { execFileSync, spawnSync } from 'node:child_process';
import { root } from '../helpers/cli.js';
import { median, percentile } from './stats.js';

const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });

export interface KeypressResult {
  samples: number[];
  p50: number;
  p95: number;
  resample: number[];
}

function screen(session: string): string[] {
  return tmux('capture-pane', '-p', '-t', session).split('\n');
}

async function waitFor(session: string, ok: (lines: string[]) => boolean, timeoutMs = 30_000): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    const lines = screen(session);
    if (ok(lines)) return performance.now() - t0;
    if (performance.now() - t0 > timeoutMs) throw new Error(`timed out; screen:\n${lines.join('\n')}`);
  }
}

const layerOf = (lines: string[]) => Number(/^layer (\d+)\//m.exec(lines.join('\n'))?.[1] ?? NaN);
const imageOf = (lines: string[]) => /^image (\S+)/m.exec(lines.join('\n'))?.[1] ?? '';
/** The help bar is the last thing Ink writes, so seeing it means the frame is complete. */
const complete = (lines: string[]) => lines.some((l) => l.includes(' │ '));

export async function benchKeypress(options: { model?: string; steps?: number; resamples?: number } = {}): Promise<KeypressResult> {
  if (spawnSync('tmux', ['-V']).status !== 0) throw new Error('tmux is not installed (apt-get install tmux)');
  const session = `convscope-bench-${process.pid}`;
  const modelArg = options.model ? `--model ${options.model}` : '';
  tmux('new-session', '-d', '-s', session, '-x', '160', '-y', '45',
    `cd ${root} && COLORTERM=truecolor TERM=tmux-256color node dist/cli.js ${modelArg} --seed 7 --images samples/images`);
  try {
    await waitFor(session, (l) => complete(l) && layerOf(l) === 1);
    const layers = Number(/^layer \d+\/(\d+)/m.exec(screen(session).join('\n'))![1]);
    const samples: number[] = [];
    let layer = 1;
    let dir = 1;
    for (let i = 0; i < (options.steps ?? 60); i++) {
      if (layer + dir < 1 || layer + dir > layers) dir = -dir;
      const target = layer + dir;
      const t0 = performance.now();
      tmux('send-keys', '-t', session, dir > 0 ? 'Right' : 'Left');
      await waitFor(session, (l) => layerOf(l) === target && complete(l));
      samples.push(performance.now() - t0);
      layer = target;
    }
    const resample: number[] = [];
    for (let i = 0; i < (options.resamples ?? 10); i++) {
      const before = imageOf(screen(session));
      const t0 = performance.now();
      tmux('send-keys', '-t', session, 'r');
      await waitFor(session, (l) => imageOf(l) !== before && complete(l));
      resample.push(performance.now() - t0);
    }
    return { samples, p50: median(samples), p95: percentile(samples, 95), resample };
  } finally {
    spawnSync('tmux', ['kill-session', '-t', session]);
  }
}
