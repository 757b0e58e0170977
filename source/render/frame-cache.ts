// Frames are cached per (image, layer, page/zoom, size, colormap, colour level) and the standardised
// filters per (image, layer): stepping back to a layer, or re-rendering for an unrelated state change,
// costs a map lookup instead of re-standardising and re-encoding megabytes of escape codes.
import type { LayerActivation } from '../activations/forward.js';
import { renderFrame, standardizeLayer, type Frame, type FrameRequest } from './layer-frame.js';
import type { StandardizedFilter } from './standardize.js';

export type FrameKey = Omit<FrameRequest, 'activation' | 'filters'> & { sampleId: number; layer: number };

export class FrameCache {
  private frames = new Map<string, Frame>();
  private filters = new Map<string, StandardizedFilter[] | null>();

  constructor(private readonly maxFrames = 64, private readonly maxFilterSets = 32) {}

  get(key: FrameKey, activation: LayerActivation): Frame {
    const id = `${key.sampleId}:${key.layer}:${key.page}:${key.zoom}:${key.cols}x${key.rows}:${key.colormap}:${key.level}`;
    const hit = this.frames.get(id);
    if (hit) {
      this.frames.delete(id); // keep recently used entries at the end
      this.frames.set(id, hit);
      return hit;
    }
    const frame = renderFrame({ ...key, activation, filters: this.filtersOf(key.sampleId, key.layer, activation) });
    this.frames.set(id, frame);
    evict(this.frames, this.maxFrames);
    return frame;
  }

  private filtersOf(sampleId: number, layer: number, activation: LayerActivation) {
    const id = `${sampleId}:${layer}`;
    if (!this.filters.has(id)) {
      this.filters.set(id, standardizeLayer(activation));
      evict(this.filters, this.maxFilterSets);
    }
    return this.filters.get(id)!;
  }

  get size(): number {
    return this.frames.size;
  }
}

function evict<K, V>(map: Map<K, V>, max: number): void {
  while (map.size > max) map.delete(map.keys().next().value as K);
}
