import { useEffect } from 'react';
import type { ColorLevel } from '../../render/color-level.js';
import type { ColormapName } from '../../render/colormap.js';
import type { FrameCache } from '../../render/frame-cache.js';
import type { Sample } from '../../services/inspect-session.js';

/**
 * After an image loads (or the window/colours change), render every layer's first page into the cache,
 * one layer per macrotask so keys stay responsive: stepping through layers then costs a cache lookup.
 */
export function usePrefetch(cache: FrameCache, sample: Sample, area: { cols: number; rows: number }, colormap: ColormapName, level: ColorLevel): void {
  useEffect(() => {
    let layer = 0;
    let timer: NodeJS.Timeout;
    const step = () => {
      if (layer >= sample.activations.length) return;
      cache.get({ sampleId: sample.id, layer, page: 0, zoom: null, cols: area.cols, rows: area.rows, colormap, level }, sample.activations[layer]!);
      layer++;
      timer = setTimeout(step, 0);
    };
    timer = setTimeout(step, 0);
    return () => clearTimeout(timer);
  }, [sample.id, area.cols, area.rows, colormap, level]);
}
