// Worker thread: decodes and resizes images as prepareImage does, off the thread that drives TensorFlow.
import { parentPort } from 'node:worker_threads';
import type { InputSpec } from '../model/image.js';
import { decodePixels } from './decode-pool.js';

export interface DecodeRequest {
  id: number;
  file: string;
  spec: InputSpec;
}
export type DecodeReply = { id: number; pixels: Uint8Array } | { id: number; error: string };

parentPort!.on('message', (request: DecodeRequest) => {
  decodePixels(request.file, request.spec).then(
    (pixels) => {
      const own = Uint8Array.from(pixels); // a buffer of its own, so it can be transferred
      parentPort!.postMessage({ id: request.id, pixels: own } satisfies DecodeReply, [own.buffer]);
    },
    (error: unknown) => parentPort!.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies DecodeReply),
  );
});
