// Loads TensorFlow.js on the native TensorFlow backend (tfjs-node) and says where libtensorflow came from.
// When tfjs-node cannot load at all, inspection may continue on the wasm backend (one notice on stderr);
// training refuses (`requireNative`), as it would be about 1000× slower.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { TF } from './tf.js';

const require = createRequire(import.meta.url);
const { PROVENANCE_FILE } = require('convscope-native-tf') as { PROVENANCE_FILE: string };

export interface BackendInfo {
  backend: string; // 'tensorflow' when native
  native: boolean;
  tensorflowVersion: string | null;
  tfjsVersion: string;
  libtensorflow: { source: string; path: string | null };
  fallbackReason: string | null;
}

export class NativeBackendRequiredError extends Error {}

let loaded: Promise<{ tf: TF; info: BackendInfo }> | undefined;

/** Loads once per process. `allowFallback: false` throws instead of falling back to wasm. */
export function loadBackend(options: { allowFallback?: boolean; quiet?: boolean } = {}) {
  loaded ??= load(options.allowFallback ?? true, options.quiet ?? false);
  return loaded;
}

export async function requireNative(what: string): Promise<{ tf: TF; info: BackendInfo }> {
  const result = await loadBackend();
  if (!result.info.native) {
    throw new NativeBackendRequiredError(`${what} needs native TensorFlow, which is not available ` +
      `(${result.info.fallbackReason}); see README "Native TensorFlow" and run \`convscope doctor\``);
  }
  return result;
}

async function load(allowFallback: boolean, quiet: boolean) {
  // Quiet TensorFlow's C++ info logs before the library is opened (it reads the variable at load time).
  process.env.TF_CPP_MIN_LOG_LEVEL ??= '2';
  try {
    const tf = require('@tensorflow/tfjs-node') as TF;
    const binding = (tf.backend() as unknown as { binding?: { TF_Version?: string } }).binding;
    return {
      tf,
      info: {
        backend: tf.getBackend(),
        native: tf.getBackend() === 'tensorflow',
        tensorflowVersion: binding?.TF_Version ?? null,
        tfjsVersion: tf.version.tfjs,
        libtensorflow: libtensorflowSource(),
        fallbackReason: null,
      } satisfies BackendInfo,
    };
  } catch (error) {
    const reason = firstLine(error);
    if (!allowFallback) throw new NativeBackendRequiredError(`native TensorFlow could not be loaded: ${reason}`);
    const tf = require('@tensorflow/tfjs') as TF;
    require('@tensorflow/tfjs-backend-wasm');
    await tf.setBackend('wasm');
    await tf.ready();
    if (!quiet) process.stderr.write(`convscope: native TensorFlow unavailable (${reason}); using the slow wasm backend\n`);
    return {
      tf,
      info: {
        backend: tf.getBackend(),
        native: false,
        tensorflowVersion: null,
        tfjsVersion: tf.version.tfjs,
        libtensorflow: { source: 'none', path: null },
        fallbackReason: reason,
      } satisfies BackendInfo,
    };
  }
}

/** Reads the provenance note that the install step leaves in tfjs-node's deps/ folder. */
export function libtensorflowSource(): BackendInfo['libtensorflow'] {
  const pkg = dirname(require.resolve('@tensorflow/tfjs-node/package.json'));
  const deps = join(pkg, 'deps');
  const lib = join(deps, 'lib');
  const note = join(deps, PROVENANCE_FILE);
  const path = existsSync(lib) ? realpathSync(lib) : null;
  if (existsSync(note)) {
    const { source, cache } = JSON.parse(readFileSync(note, 'utf8')) as { source: string; cache?: string };
    return { source, path: cache ?? path };
  }
  return { source: 'official libtensorflow download (tfjs-node)', path };
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.slice(0, 200);
}
