// The few protocol-buffer encodings a TensorFlow SavedModel needs (varint, length-delimited, fixed32),
// so that convscope can write its training graph without a protobuf library.

export type Bytes = Uint8Array;

const utf8 = new TextEncoder();

function varintBytes(value: number | bigint): number[] {
  // int64 fields: negative values are sent as 64-bit two's complement (10 bytes), as protoc does.
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) byte |= 0x80;
    out.push(byte);
  } while (v !== 0n);
  return out;
}

export function concat(parts: readonly Bytes[]): Bytes {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

const tag = (field: number, wireType: number) => varintBytes((field << 3) | wireType);

export const pb = {
  varint: (field: number, value: number | bigint | boolean): Bytes =>
    Uint8Array.from([...tag(field, 0), ...varintBytes(typeof value === 'boolean' ? Number(value) : value)]),
  bytes: (field: number, data: Bytes): Bytes => concat([Uint8Array.from([...tag(field, 2), ...varintBytes(data.length)]), data]),
  string: (field: number, text: string): Bytes => pb.bytes(field, utf8.encode(text)),
  message: (field: number, parts: readonly Bytes[]): Bytes => pb.bytes(field, concat(parts)),
  float: (field: number, value: number): Bytes => {
    const body = new Uint8Array(4);
    new DataView(body.buffer).setFloat32(0, value, true);
    return concat([Uint8Array.from(tag(field, 5)), body]);
  },
  packedVarints: (field: number, values: readonly number[]): Bytes => pb.bytes(field, Uint8Array.from(values.flatMap((v) => varintBytes(v)))),
  /** A map<string, Message> entry: key = field 1, value = field 2. */
  mapEntry: (field: number, key: string, value: readonly Bytes[]): Bytes => pb.message(field, [pb.string(1, key), pb.message(2, value)]),
};
