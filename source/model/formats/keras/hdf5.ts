// Reading HDF5 with h5wasm (the HDF5 C library compiled to WebAssembly), entirely in memory: the bytes are
// copied into h5wasm's in-memory filesystem (MEMFS of its ESM build; the `h5wasm/node` build would map the real
// disk), opened, read and unlinked, so nothing is ever written to disk. h5wasm is imported on first use only:
// it is 4 MB of JavaScript that the tfjs-only path does not need.
//
// The HDF5 library prints diagnostic stacks on its stderr for every failed call (a truncated file prints dozens
// of lines). Those would tear through the terminal UI, so the module's stderr (fd 2 of its virtual filesystem)
// is pointed at a capturing device once; the deepest message of a failed open becomes part of our error.
import type * as H5 from 'h5wasm';

export type H5Group = H5.Group;
export type H5Dataset = H5.Dataset;

/** An HDF5 file that cannot be opened; `reason` is one line. */
export class Hdf5Error extends Error {}

interface H5Runtime {
  h5: typeof H5;
  takeDiagnostics: () => string;
}

let runtime: Promise<H5Runtime> | undefined;
let counter = 0;

function loadRuntime(): Promise<H5Runtime> {
  runtime ??= (async () => {
    const h5 = await import('h5wasm');
    await h5.ready;
    const FS = h5.FS as unknown as EmscriptenFS;
    let diagnostics = '';
    FS.createDevice('/dev', 'convscope-h5-stderr', null, (c: number | null) => {
      if (c !== null && c !== undefined && diagnostics.length < 65536) diagnostics += String.fromCharCode(c);
    });
    FS.close(FS.getStream(2));
    const stream = FS.open('/dev/convscope-h5-stderr', 'w');
    if (stream.fd !== 2) FS.close(stream); // fd 2 was not the lowest free one: leave the default stderr
    return {
      h5,
      takeDiagnostics() {
        const text = diagnostics;
        diagnostics = '';
        return text;
      },
    };
  })();
  return runtime;
}

interface EmscriptenFS {
  createDevice(parent: string, name: string, input: null, output: (c: number | null) => void): unknown;
  getStream(fd: number): unknown;
  open(path: string, flags: string): { fd: number };
  close(stream: unknown): void;
  writeFile(path: string, data: Uint8Array): void;
  unlink(path: string): void;
}

/** Opens `bytes` as an HDF5 file for the duration of `read`, then closes and deletes it from memory. */
export async function withHdf5<T>(bytes: Uint8Array, read: (file: H5.File) => T): Promise<T> {
  const { h5, takeDiagnostics } = await loadRuntime();
  const FS = h5.FS as unknown as EmscriptenFS;
  const path = `/convscope-${process.pid}-${++counter}.h5`;
  takeDiagnostics();
  FS.writeFile(path, bytes);
  try {
    let file: H5.File;
    try {
      file = new h5.File(path, 'r');
      if (!file.file_id || file.file_id < 0n) throw new Error('open failed');
    } catch {
      throw new Hdf5Error(openFailure(bytes, takeDiagnostics()));
    }
    try {
      return read(file);
    } finally {
      file.close();
    }
  } finally {
    FS.unlink(path);
    takeDiagnostics();
  }
}

const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** True when the bytes start with the HDF5 signature (at 0, or at 512, 1024... as with a user block). */
export function looksLikeHdf5(bytes: Uint8Array): boolean {
  for (let offset = 0; offset + 8 <= bytes.length; offset = offset === 0 ? 512 : offset * 2) {
    if (SIGNATURE.every((b, i) => bytes[offset + i] === b)) return true;
  }
  return false;
}

function openFailure(bytes: Uint8Array, diagnostics: string): string {
  if (!looksLikeHdf5(bytes)) return 'not an HDF5 file';
  const truncated = /truncated file: eof = (\d+).*stored_eof = (\d+)/.exec(diagnostics);
  if (truncated) return `truncated HDF5 file (${truncated[1]} bytes, the file says it has ${truncated[2]})`;
  // The deepest frame of the first error stack says what went wrong, e.g. "unable to read superblock".
  const first = diagnostics.split(/HDF5-DIAG/)[1] ?? '';
  const frames = [...first.matchAll(/#\d+: .*? in \w+\(\): (.*)/g)].map((m) => m[1]!.trim());
  return `damaged or truncated HDF5 file (${frames.at(-1) ?? 'HDF5 could not open it'})`;
}

/** A group or dataset at `path`, or null (never throws for a missing path). */
export function getEntity(group: H5.Group, path: string): H5.Group | H5.Dataset | null {
  try {
    const entity = group.get(path);
    return isGroup(entity) || isDataset(entity) ? entity : null;
  } catch {
    return null;
  }
}

export function isGroup(entity: unknown): entity is H5.Group {
  return !!entity && (entity as { type?: string }).type === 'Group';
}

export function isDataset(entity: unknown): entity is H5.Dataset {
  return !!entity && (entity as { type?: string }).type === 'Dataset';
}

/** A string attribute (scalar), or null. */
export function stringAttr(obj: H5.Group | H5.Dataset, name: string): string | null {
  const attr = obj.attrs[name];
  if (!attr) return null;
  const value = attr.value;
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.length === 1 && typeof value[0] === 'string') return value[0];
  return null;
}

/**
 * A list-of-strings attribute as Keras writes it (`layer_names`, `weight_names`), including Keras's split form
 * for lists too long for one HDF5 object header: `name0`, `name1`, ... Empty lists come back as [].
 */
export function stringListAttr(obj: H5.Group | H5.Dataset, name: string): string[] | null {
  const attrs = obj.attrs;
  const read = (key: string): string[] => {
    const value = attrs[key]!.value;
    if (typeof value === 'string') return [value];
    if (Array.isArray(value)) return value.map(String);
    if (ArrayBuffer.isView(value) && (value as unknown as { length: number }).length === 0) return [];
    return [];
  };
  if (attrs[name]) return read(name);
  if (!attrs[`${name}0`]) return null;
  const out: string[] = [];
  for (let i = 0; attrs[`${name}${i}`]; i++) out.push(...read(`${name}${i}`));
  return out;
}

/** A dataset's values as float32 with its shape; float64 and integer data are converted. */
export function readFloat32(dataset: H5.Dataset): { shape: number[]; data: Float32Array } {
  const shape = dataset.shape ?? [];
  const meta = dataset.metadata;
  if (meta.type === 1 && meta.size !== 4 && meta.size !== 8) {
    // h5wasm cannot read half floats (Keras keeps float32 variables even under mixed precision).
    throw new Error(`${meta.size * 8}-bit float weights are not supported`);
  }
  const value = dataset.value;
  if (value instanceof Float32Array) return { shape, data: value };
  if (typeof value === 'number') return { shape, data: Float32Array.of(value) };
  if (ArrayBuffer.isView(value) && !(value instanceof DataView) && !(value instanceof BigInt64Array) && !(value instanceof BigUint64Array)) {
    return { shape, data: Float32Array.from(value as unknown as ArrayLike<number>) };
  }
  throw new Error(`weight data of type ${JSON.stringify(dataset.dtype)} is not supported`);
}
