// Shared by the tests that compare convscope with Python Keras: finding the venv, running a reference script
// into a temporary folder, and reading the .npy arrays it writes.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const python = join(root, '.venv', 'bin', 'python');
export const inCi = process.env.CONVSCOPE_IN_CI === '1';

/**
 * `skip` option for reference tests: outside CI they are skipped (with the reason) when the venv is missing;
 * in CI they always run, and `runReference` then fails saying what is missing.
 */
export function skipWithoutPython(): string | false {
  if (existsSync(python) || inCi) return false;
  return `no Python reference at ${python} (create it: python3 -m venv .venv && .venv/bin/pip install -r test/requirements.txt)`;
}

export function makeTempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `convscope-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs test/reference/<script> with `args`; rejects with the end of its stderr on failure. */
export function runReference(script: string, args: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<string> {
  if (!existsSync(python)) {
    return Promise.reject(new Error(`the Python reference is required in CI but ${python} is missing ` +
      '(CI must create it from test/requirements.txt)'));
  }
  return new Promise((resolve, reject) => {
    const child = spawn(python, [join(root, 'test', 'reference', script), ...args], {
      cwd: root,
      env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3', PYTHONHASHSEED: '0', CUDA_VISIBLE_DEVICES: '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else reject(new Error(`${script} failed (${signal ?? `exit ${code}`}):\n${stderr.split('\n').slice(-25).join('\n')}`));
    });
  });
}

export interface NpyArray {
  shape: number[];
  dtype: string;
  data: Float32Array | Float64Array | Uint8Array;
}

/** A minimal .npy reader (format 1.0–3.0, C order, little-endian float32/float64/uint8). */
export function readNpy(file: string): NpyArray {
  const buf = readFileSync(file);
  if (buf.readUInt32BE(0) !== 0x934e554d || buf.toString('latin1', 4, 6) !== 'PY') throw new Error(`${file}: not a .npy file`);
  const major = buf[6]!;
  const headerLength = major === 1 ? buf.readUInt16LE(8) : buf.readUInt32LE(8);
  const start = major === 1 ? 10 : 12;
  const header = buf.toString(major === 3 ? 'utf8' : 'latin1', start, start + headerLength);
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (!descr || !fortran || shapeText === undefined) throw new Error(`${file}: unreadable .npy header ${header}`);
  if (fortran === 'True') throw new Error(`${file}: Fortran-ordered arrays are not supported`);
  const shape = shapeText.split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  const offset = start + headerLength;
  const bytes = buf.subarray(offset);
  const copy = (n: number) => {
    const out = new ArrayBuffer(count * n);
    new Uint8Array(out).set(bytes.subarray(0, count * n));
    return out;
  };
  switch (descr) {
    case '<f4': return { shape, dtype: 'float32', data: new Float32Array(copy(4)) };
    case '<f8': return { shape, dtype: 'float64', data: new Float64Array(copy(8)) };
    case '|u1': return { shape, dtype: 'uint8', data: new Uint8Array(copy(1)) };
    default: throw new Error(`${file}: dtype ${descr} is not supported`);
  }
}

/** max |a - b| over two equally long arrays (NaN if any element is NaN). */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} ≠ ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    if (!(d <= max)) max = d; // also catches NaN
  }
  return max;
}
