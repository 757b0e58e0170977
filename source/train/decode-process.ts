// Child process: decodes and resizes images as prepareImage does, for the training loop, at the lowest CPU priority
// (see decode-pool.ts for why). Requests and replies travel over the IPC channel ('advanced' serialization).
import { readdirSync } from 'node:fs';
import { constants, setPriority } from 'node:os';
import sharp from 'sharp';
import type { InputSpec } from '../model/image.js';
import { decodePixels } from './decode-pool.js';

export interface DecodeRequest {
  id: number;
  file: string;
  spec: InputSpec;
}
export type DecodeReply = { id: number; pixels: Uint8Array } | { id: number; error: string };

/**
 * Lowest priority for every thread of this process. On Linux the nice value belongs to a thread, not the process
 * (setpriority(PRIO_PROCESS, 0) changes the calling thread only): so renice each thread that exists now; the ones
 * created later (libuv's pool, which runs sharp, and libvips's threads) inherit the value from their creator.
 */
function lowerPriority(): void {
  const lowest = constants.priority.PRIORITY_LOW;
  let threads: string[] = [];
  try {
    threads = readdirSync('/proc/self/task');
  } catch {
    // not Linux: the whole process
  }
  for (const tid of threads.length > 0 ? threads.map(Number) : [process.pid]) {
    try {
      setPriority(tid, lowest);
    } catch {
      // a thread that ended meanwhile, or a system that refuses: decoding still works, only less politely
    }
  }
}

lowerPriority();
// Every image is decoded once per pass; libvips's operation cache would only keep decoded images nobody asks for again.
sharp.cache(false);
process.on('disconnect', () => process.exit(0)); // the trainer is gone (or closed the decoder)
// Ctrl-C in a terminal signals the whole process group, this child included: the trainer decides what a SIGINT
// means (finish the batch and save; a second one exits, which disconnects and so ends this process too).
process.on('SIGINT', () => {});
process.on('message', (request: DecodeRequest) => {
  decodePixels(request.file, request.spec).then(
    (pixels) => process.send!({ id: request.id, pixels } satisfies DecodeReply),
    (error: unknown) => process.send!({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies DecodeReply),
  );
});
