// Image decoding for training, off the thread that runs TensorFlow steps.
//
// Three ways, measured on the real cats_and_dogs set (2 cores, batch 20, 150×150, while training runs,
// 5 interleaved runs of 35 batches each, medians):
//   in-process: sharp decodes in libuv's thread pool, Pillow-exact resize on the main thread between steps:
//               192 images/s, the training step waiting 32 ms per batch for data;
//   workers:    one worker_thread per core running prepareImage end to end: 204 images/s, waiting 15 ms.
// Workers win over in-process because the resize no longer has to wait for the main thread, which is busy inside
// TensorFlow's synchronous session run most of the time. (sharp.concurrency(1) made no difference.)
//   process (default): one child process whose threads all run at the lowest CPU priority. With workers at normal
//               priority the kernel shares a core fairly between a decoder and one of TensorFlow's two intra-op
//               threads, and every op of the step then waits at its barrier for the slowed thread while the other
//               core idles: the graph step took ~103 ms per batch instead of ~65 alone. At the lowest priority
//               decoding only gets the cores TensorFlow leaves idle: the step stays at ~75-80 ms, data waits grow
//               to ~15-20 ms, and epochs that decode went from ~180 to ~200 img/s (3 × 20 steps, before the other
//               changes of the same round: bytes into the graph, deeper prefetch; see test/bench/train-throughput.ts).
// All three decode with decodePixels (prepareImage's pixels without its unused float copy: ~0.3 ms less per image).
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { decodeRgb, toGray, type InputSpec } from '../model/image.js';
import { resize } from '../model/resize.js';
import type { DecodeReply as ProcessReply, DecodeRequest as ProcessRequest } from './decode-process.js';
import type { DecodeReply, DecodeRequest } from './decode-worker.js';

export interface ImageDecoder {
  /** prepareImage's resized 8-bit pixels (model input × 255); rejects with the reason when the file cannot be read. */
  decode(file: string): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** The decoder itself broke (not one image): training must stop. */
export class DecoderFailure extends Error {}

export type DecoderKind = 'in-process' | 'workers' | 'process';

export const DEFAULT_DECODER: DecoderKind = 'process';

export function createDecoder(kind: DecoderKind, spec: InputSpec, workers: number): ImageDecoder {
  if (kind === 'process') return new ProcessDecoder(spec, workers);
  return kind === 'workers' ? new WorkerDecoder(spec, workers) : new InProcessDecoder(spec);
}

/** prepareImage's `pixels` (same steps, same errors), without the float `input` that training does not use. */
export async function decodePixels(file: string, spec: InputSpec): Promise<Uint8Array> {
  const rgb = await decodeRgb(file);
  return resize(spec.channels === 1 ? toGray(rgb) : rgb, spec.width, spec.height, spec.interpolation).data;
}

class InProcessDecoder implements ImageDecoder {
  constructor(private readonly spec: InputSpec) {}
  async decode(file: string): Promise<Uint8Array> {
    return decodePixels(file, this.spec);
  }
  async close(): Promise<void> {}
}

// Built: the .js file next to this one. Under tsx (tests, development) only the .ts file exists, and workers do
// not inherit tsx's loader, so a tiny bootstrap registers it first.
function startWorker(): Worker {
  const js = new URL('./decode-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(js))) return new Worker(js);
  const ts = new URL('./decode-worker.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  return new Worker(`import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(ts)}); });`, { eval: true });
}

class WorkerDecoder implements ImageDecoder {
  private readonly workers: Worker[];
  private readonly load: number[];
  private readonly pending = new Map<number, { resolve: (v: Uint8Array) => void; reject: (e: Error) => void; worker: number }>();
  private nextId = 0;

  constructor(private readonly spec: InputSpec, count: number) {
    this.workers = Array.from({ length: count }, (_, index) => {
      const worker = startWorker();
      worker.on('message', (reply: DecodeReply) => this.settle(reply));
      worker.on('error', (error) => this.failAll(error));
      worker.unref(); // idle workers never keep the process alive; busy ones do (see decode/settle)
      return worker;
    });
    this.load = this.workers.map(() => 0);
  }

  decode(file: string): Promise<Uint8Array> {
    const id = this.nextId++;
    const worker = this.load.indexOf(Math.min(...this.load)); // least busy
    if (this.load[worker]!++ === 0) this.workers[worker]!.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, worker });
      this.workers[worker]!.postMessage({ id, file, spec: this.spec } satisfies DecodeRequest);
    });
  }

  private settle(reply: DecodeReply): void {
    const job = this.pending.get(reply.id);
    if (!job) return;
    this.pending.delete(reply.id);
    if (--this.load[job.worker]! === 0) this.workers[job.worker]!.unref();
    if ('pixels' in reply) job.resolve(reply.pixels);
    else job.reject(new Error(reply.error));
  }

  /** A worker that dies takes its jobs with it: that is a failure of the pipeline, not of the images. */
  private failAll(error: Error): void {
    error = new DecoderFailure(`image decoding worker failed: ${error.message}`);
    for (const job of this.pending.values()) job.reject(error);
    this.pending.clear();
    this.load.fill(0);
    for (const worker of this.workers) worker.unref();
  }

  async close(): Promise<void> {
    this.failAll(new Error('closed'));
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/**
 * One child process, all of whose threads run at the lowest CPU priority, decodes with `threads` threads
 * (its libuv pool, where sharp works). TensorFlow's intra-op threads then take a core whenever they want one and
 * decoding fills the gaps, instead of the kernel splitting a core fairly between a decoder and one of TensorFlow's
 * threads — which stalls every op of the step at its barrier while the other core idles.
 */
class ProcessDecoder implements ImageDecoder {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, { resolve: (v: Uint8Array) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private failure: Error | undefined;

  constructor(private readonly spec: InputSpec, threads: number) {
    const js = new URL('./decode-process.js', import.meta.url);
    const built = existsSync(fileURLToPath(js));
    // Under tsx (tests, development) only the .ts file exists: the child registers tsx's loader first.
    const entry = fileURLToPath(built ? js : new URL('./decode-process.ts', import.meta.url));
    this.child = fork(entry, [], {
      execArgv: built ? [] : ['--import', import.meta.resolve('tsx')],
      env: { ...process.env, UV_THREADPOOL_SIZE: String(threads) },
      serialization: 'advanced', // Uint8Array replies as bytes, not JSON arrays
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    this.child.on('message', (reply: ProcessReply) => this.settle(reply));
    this.child.on('error', (error) => this.failAll(error));
    this.child.on('exit', (code, signal) => this.failAll(new Error(`exited (${signal ?? `code ${code}`})`)));
    this.idle();
  }

  // An idle child never keeps the trainer's process alive; a busy one does (as WorkerDecoder's workers).
  private idle(): void {
    this.child.unref();
    (this.child.channel as { unref?: () => void } | undefined)?.unref?.();
  }

  private busy(): void {
    this.child.ref();
    (this.child.channel as { ref?: () => void } | undefined)?.ref?.();
  }

  decode(file: string): Promise<Uint8Array> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    if (this.pending.size === 0) this.busy();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ id, file, spec: this.spec } satisfies ProcessRequest);
    });
  }

  private settle(reply: ProcessReply): void {
    const job = this.pending.get(reply.id);
    if (!job) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.idle();
    if ('pixels' in reply) job.resolve(reply.pixels);
    else job.reject(new Error(reply.error));
  }

  private failAll(error: Error): void {
    this.failure ??= new DecoderFailure(`image decoding process failed: ${error.message}`);
    for (const job of this.pending.values()) job.reject(this.failure);
    this.pending.clear();
    this.idle();
  }

  async close(): Promise<void> {
    this.failAll(new Error('closed'));
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.ref(); // until it has exited
    if (this.child.connected) this.child.disconnect(); // the child exits on disconnect
    else this.child.kill();
    await exited;
  }
}
