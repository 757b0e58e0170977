// Writes a TensorFlow SavedModel (saved_model.pb only: a graph without variables) from a list of nodes.
// Field numbers are those of tensorflow/core/framework/{graph,node_def,attr_value,tensor,tensor_shape}.proto
// and tensorflow/core/protobuf/{saved_model,meta_graph}.proto.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { concat, pb, type Bytes } from './protobuf.js';

export const DT_FLOAT = 1;
export const DT_INT32 = 3;
export const DT_UINT8 = 4;
export const DT_BOOL = 10;

/** One attribute value of a node. Unset attributes take the op's registered default when the graph is loaded. */
export type Attr =
  | { type: number }
  | { i: number }
  | { f: number }
  | { b: boolean }
  | { s: string }
  | { ints: number[] }
  | { shape: number[] } // -1 = unknown dimension
  | { int32Tensor: { shape: number[]; values: number[] } }
  | { floatTensor: { shape: number[]; values: number[] } };

export interface NodeSpec {
  name: string;
  op: string;
  inputs: string[];
  attrs: Record<string, Attr>;
}

export interface TensorSpec {
  /** Graph tensor, e.g. "x:0". */
  tensor: string;
  dtype: number;
  shape: number[];
}

export interface Signature {
  inputs: Record<string, TensorSpec>;
  outputs: Record<string, TensorSpec>;
}

const shapeProto = (dims: number[]): Bytes[] => dims.map((d) => pb.message(2, [pb.varint(1, d)]));

function tensorProto(dtype: number, shape: number[], values: number[]): Bytes[] {
  const body = dtype === DT_FLOAT ? new Float32Array(values) : new Int32Array(values);
  // tensor_content: raw little-endian bytes, which is what TensorFlow writes for non-scalar constants.
  return [pb.varint(1, dtype), pb.message(2, shapeProto(shape)), pb.bytes(4, new Uint8Array(body.buffer))];
}

function attrValue(attr: Attr): Bytes[] {
  if ('type' in attr) return [pb.varint(6, attr.type)];
  if ('i' in attr) return [pb.varint(3, attr.i)];
  if ('f' in attr) return [pb.float(4, attr.f)];
  if ('b' in attr) return [pb.varint(5, attr.b)];
  if ('s' in attr) return [pb.string(2, attr.s)];
  if ('ints' in attr) return [pb.message(1, [pb.packedVarints(3, attr.ints)])];
  if ('shape' in attr) return [pb.message(7, shapeProto(attr.shape))];
  if ('int32Tensor' in attr) return [pb.message(8, tensorProto(DT_INT32, attr.int32Tensor.shape, attr.int32Tensor.values))];
  return [pb.message(8, tensorProto(DT_FLOAT, attr.floatTensor.shape, attr.floatTensor.values))];
}

function nodeDef(node: NodeSpec): Bytes[] {
  return [
    pb.string(1, node.name),
    pb.string(2, node.op),
    ...node.inputs.map((input) => pb.string(3, input)),
    ...Object.keys(node.attrs).sort().map((key) => pb.mapEntry(5, key, attrValue(node.attrs[key]!))),
  ];
}

const tensorInfo = (spec: TensorSpec): Bytes[] => [pb.string(1, spec.tensor), pb.varint(2, spec.dtype), pb.message(3, shapeProto(spec.shape))];

function signatureDef(signature: Signature): Bytes[] {
  return [
    ...Object.entries(signature.inputs).map(([key, spec]) => pb.mapEntry(1, key, tensorInfo(spec))),
    ...Object.entries(signature.outputs).map(([key, spec]) => pb.mapEntry(2, key, tensorInfo(spec))),
    pb.string(3, 'tensorflow/serving/predict'),
  ];
}

// A modest producer version: every op used here has been stable since long before it, and a low number keeps
// the graph loadable by the older libtensorflow that tfjs-node downloads by default.
const GRAPH_PRODUCER = 1000;

/** The bytes of saved_model.pb with one MetaGraph tagged "serve". */
export function savedModelBytes(nodes: NodeSpec[], signatures: Record<string, Signature>): Bytes {
  const graph = [...nodes.map((n) => pb.message(1, nodeDef(n))), pb.message(4, [pb.varint(1, GRAPH_PRODUCER)])];
  const metaGraph = [
    pb.message(1, [pb.string(4, 'serve')]),
    pb.message(2, graph),
    ...Object.entries(signatures).map(([key, sig]) => pb.mapEntry(5, key, signatureDef(sig))),
  ];
  return concat([pb.varint(1, 1), pb.message(2, metaGraph)]); // saved_model_schema_version 1
}

/** Writes `dir/saved_model.pb`; no variables/ folder, so TensorFlow restores nothing and runs no init op. */
export async function writeSavedModel(dir: string, nodes: NodeSpec[], signatures: Record<string, Signature>): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'saved_model.pb'), savedModelBytes(nodes, signatures));
}
