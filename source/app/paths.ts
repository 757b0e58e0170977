// Files shipped with convscope, found relative to this module (works from source/ under tsx and from dist/).
import { fileURLToPath } from 'node:url';

export const packageRoot = fileURLToPath(new URL('../../', import.meta.url));
export const samplesDir = fileURLToPath(new URL('../../samples/', import.meta.url));
export const sampleModel = `${samplesDir}model`;
export const sampleImages = `${samplesDir}images`;
