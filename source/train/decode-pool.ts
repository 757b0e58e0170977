// Image decoding for training, off the thread that runs TensorFlow steps.
//
// Two ways, measured on the real cats_and_dogs set (2 cores, batch 20, 150×150, while training runs,
// 5 interleaved runs of 35 batches each, medians):
//   in-process: sharp decodes in libuv's thread pool, Pillow-exact resize on the main thread between steps:
//               192 images/s, the training step waiting 32 ms per batch for data;
//   workers:    one worker_thread per core running prepareImage end to end: 204 images/s, waiting 15 ms.
// Workers win because the resize no longer has to wait for the main thread, which is busy inside
// TensorFlow's synchronous session run most of the time. (sharp.concurrency(1) made no difference.)
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { prepareImage, type InputSpec } from '../model/image.js';
import type { DecodeReply, DecodeRequest } from './decode-worker.js';

export interface ImageDecoder {
  /** prepareImage's resized 8-bit pixels (model input × 255); rejects with the reason when the file cannot be read. */
  decode(file: string): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** The decoder itself broke (not one image): training must stop. */
export class DecoderFailure extends Error {}

export type DecoderKind = 'in-process' | 'workers';

export const DEFAULT_DECODER: DecoderKind = 'workers';

export function createDecoder(kind: DecoderKind, spec: InputSpec, workers: number): ImageDecoder {
  return kind === 'workers' ? new WorkerDecoder(spec, workers) : new InProcessDecoder(spec);
}

class InProcessDecoder implements ImageDecoder {
  constructor(private readonly spec: InputSpec) {}
  async decode(file: string): Promise<Uint8Array> {
    return (await prepareImage(file, this.spec)).pixels.data;
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
