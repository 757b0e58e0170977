import assert from 'node:assert/strict';
import { test } from 'node:test';
import { npyBytes } from '../../source/render/npy.js';

/** A minimal reader, independent of the writer: parses the header dict and the float32 body. */
export function readNpy(buf: Buffer): { shape: number[]; data: Float32Array } {
  assert.equal(buf.subarray(0, 6).toString('latin1'), '\x93NUMPY');
  const len = buf.readUInt16LE(8);
  const header = buf.subarray(10, 10 + len).toString('latin1');
  assert.match(header, /'descr': '<f4'/);
  assert.match(header, /'fortran_order': False/);
  assert.equal((10 + len) % 64, 0, 'data starts 64-byte aligned');
  const shape = /'shape': \(([^)]*)\)/.exec(header)![1]!.split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  const body = buf.subarray(10 + len);
  return { shape, data: new Float32Array(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength)) };
}

test('npy: header, shape and values round-trip', () => {
  const data = Float32Array.from({ length: 24 }, (_, i) => i / 7 - 1);
  const back = readNpy(npyBytes(data, [1, 2, 3, 4]));
  assert.deepEqual(back.shape, [1, 2, 3, 4]);
  assert.deepEqual(Array.from(back.data), Array.from(data));
});

test('npy: a 1-D shape is written as a one-tuple', () => {
  const buf = npyBytes(new Float32Array([1, 2, 3]), [3]);
  assert.match(buf.toString('latin1', 10, 80), /'shape': \(3,\)/);
});
