import { createContext } from 'react';
import type { ImageLayer } from './image-layer.js';

/** Present in a real terminal; absent in tests and plain output, where pictures go through Ink's <Text>. */
export const ImageLayerContext = createContext<ImageLayer | null>(null);
