// Training throughput, convscope vs Keras, on the same data, model, batch size and machine.
//
//   node --import tsx test/bench/train-throughput.ts [--data DIR] [--epochs 3] [--steps 20] [--validation-steps 10]
//        [--keras idg,dataset] [--decoder in-process|workers] [--engine graph|layers] [--skip-keras] [--repeat 1]
//
// Each tool runs in its own process, one after the other (so each has both cores and its own peak RSS).
// images/s counts the training steps of an epoch (data waits included, validation excluded); the first epoch
// is warm-up (graph building, first decodes) and is left out of the mean, but printed.
//
// Measured on the 2-core dev VM (TF 2.21 both sides, Keras 3.15.1; noisy: the cores are shared), medians:
//   3 × 20 steps:  convscope 192 img/s, keras-idg 214 (0.90×), keras-dataset 149 (1.29×)   [decode-bound]
//   3 × 100 steps: epochs 2+: convscope 259, keras-idg 111 (2.33×), keras-dataset 243 (1.06×);
//                  epoch 1:  convscope 184, keras-idg 204 (0.90×), keras-dataset 219 (0.84×)
// Epochs that re-read images are bound by JPEG decoding, where sharp costs ~1.9 ms CPU per image and
// Pillow 0.6 ms; once a pass is cached (ImageCache) convscope only runs its TensorFlow graph.
// Note that with the default 3 × 20 steps × 20 = 400 of the 2000 training images per epoch, no epoch is served
// from the cache: every epoch decodes 400 new images (the cache only matters from the 6th epoch, or with --steps 100).
//
// Round 2 (same machine, same command, medians of 3 interleaved runs, epochs 2+ / epoch 1):
//   before:  convscope 186.8 img/s, keras-idg 217.7 (0.86×), keras-dataset 248.7 (0.75×); epoch 1 0.92× idg
//   after:   convscope 228.6 img/s, keras-idg 219.2 (1.04×), keras-dataset 241.8 (0.95×); epoch 1 1.20× idg
// Where the ~45 ms per batch beyond the graph step went (3 × 20 steps, per batch of 20): not data waits (~0.5 ms)
// but the step itself, 103-123 ms instead of ~65 ms alone, because the decode workers (~57 ms CPU per batch at
// normal priority) shared the cores with TensorFlow's two intra-op threads and stalled every op at its barrier;
// plus ~5 ms of u8 → float conversion and 5.4 MB of garbage per batch on the main thread. Changes:
//   decoding in one child process at the lowest CPU priority (decode-pool.ts): ~180 → ~200 img/s;
//   the batch goes into the graph as bytes, / 255 inside it (seed-step-graph.ts): ~4 ms per batch;
//   decodePixels instead of prepareImage (no unused float copy) and no libvips cache: 42 → 35 ms decode CPU/batch;
//   8 training batches decoded ahead instead of 2 (trainer.ts), so decoding continues while validation runs and
//   the checkpoint is written (Keras's tf.data prefetch(AUTOTUNE) likewise runs on during validation): ~210 → ~226.
// What is measured did not change. Peak RSS now includes the decoder process's (~190 MiB of the convscope figure).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: '/work/shared/data/cats_and_dogs' },
    epochs: { type: 'string', default: '3' },
    steps: { type: 'string', default: '20' },
    'validation-steps': { type: 'string', default: '10' },
    'batch-size': { type: 'string', default: '20' },
    keras: { type: 'string', default: 'idg,dataset' },
    decoder: { type: 'string', default: '' },
    engine: { type: 'string', default: 'graph' },
    'skip-keras': { type: 'boolean', default: false },
    repeat: { type: 'string', default: '1' },
    child: { type: 'boolean', default: false },
  },
});

interface EpochTiming {
  trainSeconds: number;
  epochSeconds: number;
  imagesPerSecond: number;
  acc: number;
  val_acc: number;
}
interface ToolResult {
  tool: string;
  epochs: EpochTiming[];
  peakRssMiB: number;
}

const root = new URL('../..', import.meta.url).pathname;
const common = ['--data', args.data!, '--epochs', args.epochs!, '--steps', args.steps!, '--validation-steps', args['validation-steps']!, '--batch-size', args['batch-size']!];

function main(): void {
  const results: ToolResult[] = [];
  for (let r = 0; r < Number(args.repeat); r++) {
    const childArgs = [...common, '--engine', args.engine!, ...(args.decoder ? ['--decoder', args.decoder] : [])];
    results.push(run(process.execPath, ['--import', 'tsx', 'test/bench/train-throughput.ts', '--child', ...childArgs]));
    if (!args['skip-keras']) {
      for (const loader of args.keras!.split(',').filter(Boolean)) {
        results.push(run(join(root, '.venv/bin/python'), ['test/bench/keras_train.py', ...common, '--loader', loader]));
      }
    }
  }
  report(results);
}

function run(command: string, argv: string[]): ToolResult {
  const child = spawnSync(command, argv, { cwd: root, encoding: 'utf8', env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2' }, maxBuffer: 1 << 26 });
  const line = child.stdout.split('\n').reverse().find((l) => l.startsWith('{"tool"'));
  if (child.status !== 0 || !line) throw new Error(`${command} ${argv.join(' ')} failed (${child.status}):\n${child.stderr.slice(-2000)}`);
  return JSON.parse(line) as ToolResult;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
/** Training images/s over epochs 2+ (epoch 1 is warm-up), or epoch 1 when there is only one. */
const steady = (r: ToolResult) => mean(r.epochs.slice(r.epochs.length > 1 ? 1 : 0).map((e) => e.imagesPerSecond));

function report(results: ToolResult[]): void {
  console.log(`\ndata ${args.data}, ${args.epochs} epochs × ${args.steps} steps × batch ${args['batch-size']}, ${args['validation-steps']} validation steps, ${args.repeat} interleaved run(s) per tool`);
  console.log('run  tool                     img/s epochs 2+   img/s per epoch          epoch s (2+)  peak RSS');
  results.forEach((r, i) => {
    const perEpoch = r.epochs.map((e) => e.imagesPerSecond.toFixed(0)).join(' / ');
    const epochSeconds = mean(r.epochs.slice(1).map((e) => e.epochSeconds));
    console.log(`${String(i + 1).padStart(3)}  ${r.tool.padEnd(24)} ${steady(r).toFixed(1).padStart(8)}        ${perEpoch.padEnd(24)} ${epochSeconds.toFixed(2).padStart(8)}  ${r.peakRssMiB.toFixed(0)} MiB`);
  });
  const tools = [...new Set(results.map((r) => r.tool))];
  const summary = new Map(tools.map((tool) => {
    const runs = results.filter((r) => r.tool === tool);
    return [tool, { ips: median(runs.map(steady)), first: median(runs.map((r) => r.epochs[0]!.imagesPerSecond)), rss: Math.max(...runs.map((r) => r.peakRssMiB)) }];
  }));
  console.log('\nmedians         img/s epochs 2+   img/s epoch 1   peak RSS');
  for (const [tool, s] of summary) console.log(`${tool.padEnd(24)} ${s.ips.toFixed(1).padStart(8)}   ${s.first.toFixed(1).padStart(12)}   ${s.rss.toFixed(0)} MiB`);
  const ours = [...summary].find(([tool]) => tool.startsWith('convscope'))?.[1];
  for (const [tool, s] of summary) {
    if (ours && tool.startsWith('keras')) {
      console.log(`ratio convscope/${tool}: ${(ours.ips / s.ips).toFixed(2)}× (epochs 2+), ${(ours.first / s.first).toFixed(2)}× (epoch 1)`);
    }
  }
}

async function runConvscope(): Promise<void> {
  const { requireNative } = await import('../../source/model/backend.js');
  const { startTraining } = await import('../../source/train/trainer.js');
  const { resolveTrainOptions } = await import('../../source/train/options.js');
  const { tf } = await requireNative('the benchmark');
  const out = mkdtempSync(join(tmpdir(), 'convscope-bench-'));
  const options = resolveTrainOptions({
    data: args.data!, out: join(out, 'run'), epochs: Number(args.epochs), stepsPerEpoch: Number(args.steps),
    validationSteps: Number(args['validation-steps']), batchSize: Number(args['batch-size']),
  });
  const epochs: EpochTiming[] = [];
  let epochStart = 0;
  let lastBatch = 0;
  const internals = { engine: args.engine as 'graph' | 'layers', ...(args.decoder ? { decoder: args.decoder as 'in-process' | 'workers' } : {}) };
  // convscope decodes in a child process (source/train/decode-pool.ts): its peak RSS counts too.
  const childPeaks = new Map<number, number>();
  const pollChildren = () => {
    for (const pid of childPids()) childPeaks.set(pid, Math.max(childPeaks.get(pid) ?? 0, peakRssKiB(pid)));
  };
  const poll = setInterval(pollChildren, 100);
  const { done } = startTraining(tf, options, (e) => {
    if (e.type === 'epoch-start' || e.type === 'done') pollChildren();
    if (e.type === 'epoch-start') epochStart = performance.now();
    if (e.type === 'batch-end') lastBatch = performance.now();
    if (e.type === 'epoch-end') {
      const trainSeconds = (lastBatch - epochStart) / 1000;
      epochs.push({ trainSeconds, epochSeconds: e.logs.epochSeconds, imagesPerSecond: (options.stepsPerEpoch * options.batchSize) / trainSeconds, acc: e.logs.acc, val_acc: e.logs.val_acc });
    }
  }, internals);
  await done;
  clearInterval(poll);
  rmSync(out, { recursive: true, force: true });
  const tool = `convscope-${internals.engine}${args.decoder ? `-${args.decoder}` : ''}`;
  const childrenKiB = [...childPeaks.values()].reduce((a, b) => a + b, 0);
  console.log(JSON.stringify({ tool, epochs, peakRssMiB: (process.resourceUsage().maxRSS + childrenKiB) / 1024 }));
}

/** Linux: the child processes started by this process's main thread (the decoder); elsewhere none (RSS: this process only). */
function childPids(): number[] {
  try {
    return readFileSync(`/proc/self/task/${process.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function peakRssKiB(pid: number): number {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0; // exited meanwhile
  }
}

if (args.child) await runConvscope();
else main();
