// One training step of the seed model as a plain TensorFlow graph: forward pass, Keras's loss and accuracy,
// hand-written backward pass (the gradient ops TensorFlow's own autodiff emits) and the RMSprop update.
// Run as a session (SavedModel signature), TensorFlow optimises the whole step (oneDNN, fused conv+bias+relu,
// parallel independent ops); op-by-op through tfjs's autodiff the same step is ~5× slower (measured: 340 vs
// 61 ms per batch of 20 at 150×150 on 2 cores). The graph is functional: weights and RMSprop accumulators go
// in, updated ones come out, so no TensorFlow variables or checkpoints are involved.
import { DT_BOOL, DT_FLOAT, DT_INT32, DT_UINT8, type Attr, type NodeSpec, type Signature, type TensorSpec } from './saved-model.js';
import { seedWeightShapes } from '../seed-model.js';

export const RMSPROP_RHO = 0.9; // Keras and tfjs default
export const RMSPROP_EPSILON = 1e-7; // Keras and tfjs default (tfjs: backend epsilon)
export const WEIGHT_COUNT = 10;

const T: Record<string, Attr> = { T: { type: DT_FLOAT } };
const VALID = { padding: { s: 'VALID' } } as const;
const STRIDE1 = { strides: { ints: [1, 1, 1, 1] } };
const POOL = { ksize: { ints: [1, 2, 2, 1] }, strides: { ints: [1, 2, 2, 1] }, ...VALID };

class GraphBuilder {
  readonly nodes: NodeSpec[] = [];
  private count = 0;

  op(op: string, inputs: string[], attrs: Record<string, Attr> = T, name?: string): string {
    const node = name ?? `${op.toLowerCase()}_${this.count++}`;
    this.nodes.push({ name: node, op, inputs, attrs });
    return node;
  }
  placeholder(name: string, shape: number[], dtype = DT_FLOAT): string {
    return this.op('Placeholder', [], { dtype: { type: dtype }, shape: { shape } }, name);
  }
  scalar(value: number): string {
    return this.op('Const', [], { dtype: { type: DT_FLOAT }, value: { floatTensor: { shape: [], values: [value] } } });
  }
  ints(values: number[]): string {
    return this.op('Const', [], { dtype: { type: DT_INT32 }, value: { int32Tensor: { shape: [values.length], values } } });
  }
  output(name: string, input: string): string {
    return this.op('Identity', [input], T, name);
  }
}

export interface StepGraph {
  nodes: NodeSpec[];
  signatures: { train_step: Signature; evaluate: Signature };
}

/**
 * Inputs: x, the batch's 8-bit pixels [n,S,S,3] packed four to an int32 word (Batch.pixels, zero-padded to whole
 * words), y [n,1] in {0,1}, w0..w9, ms0..ms9. Outputs: loss, acc, w0..w9, ms0..ms9 (updated).
 */
export function seedStepGraph(imageSize: number, learningRate: number): StepGraph {
  const g = new GraphBuilder();
  const shapes = seedWeightShapes(imageSize);
  const xWords = g.placeholder('x', [-1], DT_INT32);
  const y = g.placeholder('y', [-1, 1]);
  const x = unpackPixels(g, xWords, y, imageSize);
  const w = shapes.map((shape, i) => g.placeholder(`w${i}`, shape));
  const ms = shapes.map((shape, i) => g.placeholder(`ms${i}`, shape));

  // Forward: three Conv2D → BiasAdd → Relu → MaxPool stages, Flatten, Dense(relu), Dense (logit).
  const relus: string[] = [];
  const pools: string[] = [x];
  for (let i = 0; i < 3; i++) {
    const conv = g.op('Conv2D', [pools[i]!, w[2 * i]!], { ...T, ...STRIDE1, ...VALID });
    relus.push(g.op('Relu', [g.op('BiasAdd', [conv, w[2 * i + 1]!])]));
    pools.push(g.op('MaxPool', [relus[i]!], { ...T, ...POOL }));
  }
  const flat = g.op('Reshape', [pools[3]!, g.ints([-1, shapes[6]![0]!])]);
  const hidden = g.op('Relu', [g.op('BiasAdd', [g.op('MatMul', [flat, w[6]!]), w[7]!])]);
  const logit = g.op('BiasAdd', [g.op('MatMul', [hidden, w[8]!]), w[9]!]);

  // Keras's binary_crossentropy on a sigmoid output works from the logit (sigmoid_cross_entropy_with_logits):
  // max(z, 0) − z·y + log(1 + e^−|z|), averaged over the batch. Accuracy: sigmoid(z) > 0.5, as binary_accuracy.
  const axes = g.ints([0, 1]);
  const perSample = g.op('AddV2', [
    g.op('Sub', [g.op('Relu', [logit]), g.op('Mul', [logit, y])]),
    g.op('Log1p', [g.op('Exp', [g.op('Neg', [g.op('Abs', [logit])])])]),
  ]);
  const loss = g.output('loss', g.op('Mean', [perSample, axes]));
  const probability = g.op('Sigmoid', [logit]);
  const predicted = g.op('Cast', [g.op('Greater', [probability, g.scalar(0.5)])], { SrcT: { type: DT_BOOL }, DstT: { type: DT_FLOAT } });
  const hits = g.op('Cast', [g.op('Equal', [predicted, y])], { SrcT: { type: DT_BOOL }, DstT: { type: DT_FLOAT } });
  const acc = g.output('acc', g.op('Mean', [hits, axes]));

  // Backward. d(mean loss)/dz = (sigmoid(z) − y) / n.
  const n = g.op('Cast', [g.op('Size', [y], { ...T, out_type: { type: DT_INT32 } })], { SrcT: { type: DT_INT32 }, DstT: { type: DT_FLOAT } });
  const grads: string[] = new Array(10);
  const dLogit = g.op('RealDiv', [g.op('Sub', [probability, y]), n]);
  grads[9] = g.op('BiasAddGrad', [dLogit]);
  grads[8] = g.op('MatMul', [hidden, dLogit], { ...T, transpose_a: { b: true } });
  const dHidden = g.op('ReluGrad', [g.op('MatMul', [dLogit, w[8]!], { ...T, transpose_b: { b: true } }), hidden]);
  grads[7] = g.op('BiasAddGrad', [dHidden]);
  grads[6] = g.op('MatMul', [flat, dHidden], { ...T, transpose_a: { b: true } });
  let dPool = g.op('Reshape', [g.op('MatMul', [dHidden, w[6]!], { ...T, transpose_b: { b: true } }), shapeOf(g, pools[3]!)]);
  for (let i = 2; i >= 0; i--) {
    const dRelu = g.op('MaxPoolGrad', [relus[i]!, pools[i + 1]!, dPool], { ...T, ...POOL });
    const dConv = g.op('ReluGrad', [dRelu, relus[i]!]);
    grads[2 * i + 1] = g.op('BiasAddGrad', [dConv]);
    grads[2 * i] = g.op('Conv2DBackpropFilter', [pools[i]!, g.ints(shapes[2 * i]!), dConv], { ...T, ...STRIDE1, ...VALID });
    if (i > 0) dPool = g.op('Conv2DBackpropInput', [shapeOf(g, pools[i]!), w[2 * i]!, dConv], { ...T, ...STRIDE1, ...VALID });
  }

  // RMSprop as Keras 3 and tfjs (momentum 0): ms ← ρ·ms + (1−ρ)·g²;  w ← w − lr·g / √(ms + ε).
  const rho = g.scalar(RMSPROP_RHO);
  const oneMinusRho = g.scalar(1 - RMSPROP_RHO);
  const lr = g.scalar(learningRate);
  const eps = g.scalar(RMSPROP_EPSILON);
  const newW: string[] = [];
  const newMs: string[] = [];
  for (let i = 0; i < WEIGHT_COUNT; i++) {
    const m = g.op('AddV2', [g.op('Mul', [ms[i]!, rho]), g.op('Mul', [g.op('Square', [grads[i]!]), oneMinusRho])]);
    const step = g.op('RealDiv', [g.op('Mul', [grads[i]!, lr]), g.op('Sqrt', [g.op('AddV2', [m, eps])])]);
    newW.push(g.output(`new_w${i}`, g.op('Sub', [w[i]!, step])));
    newMs.push(g.output(`new_ms${i}`, m));
  }

  const spec = (tensor: string, shape: number[], dtype = DT_FLOAT): TensorSpec => ({ tensor: `${tensor}:0`, dtype, shape });
  const weightInputs = Object.fromEntries(w.map((name, i) => [name, spec(name, shapes[i]!)]));
  const common = { x: spec(xWords, [-1], DT_INT32), y: spec(y, [-1, 1]), ...weightInputs };
  const metrics = { loss: spec(loss, []), acc: spec(acc, []) };
  return {
    nodes: g.nodes,
    signatures: {
      train_step: {
        inputs: { ...common, ...Object.fromEntries(ms.map((name, i) => [name, spec(name, shapes[i]!)])) },
        outputs: {
          ...metrics,
          ...Object.fromEntries(newW.map((name, i) => [`w${i}`, spec(name, shapes[i]!)])),
          ...Object.fromEntries(newMs.map((name, i) => [`ms${i}`, spec(name, shapes[i]!)])),
        },
      },
      evaluate: { inputs: common, outputs: metrics },
    },
  };
}

/**
 * Model input [n,S,S,3] in [0, 1] from the packed bytes: bitcast the words to uint8, drop the padding, cast to
 * float and divide by 255. RealDiv is IEEE division, so each value is float32(i / 255), exactly prepareImage's
 * `input` (a multiplication by float32(1/255) would differ for about half the values); test/train/graph-step.test.ts
 * checks all 256. Feeding bytes instead of floats spares the trainer's thread the conversion (~5 ms per batch of 20
 * at 150×150, plus 5.4 MB of garbage) and TensorFlow a 4× larger input copy.
 */
function unpackPixels(g: GraphBuilder, words: string, y: string, imageSize: number): string {
  const U8: Record<string, Attr> = { T: { type: DT_UINT8 } };
  const I32: Record<string, Attr> = { T: { type: DT_INT32 } };
  const bytes = g.op('Reshape', [g.op('Bitcast', [words], { T: { type: DT_INT32 }, type: { type: DT_UINT8 } }), g.ints([-1])], U8);
  const count = g.op('Mul', [g.op('Size', [y], { ...T, out_type: { type: DT_INT32 } }), g.ints([imageSize * imageSize * 3])], I32);
  const used = g.op('Slice', [bytes, g.ints([0]), count], { ...U8, Index: { type: DT_INT32 } });
  // The divisor is a PlaceholderWithDefault, not a Const: Grappler's constant folding turns a division by a
  // constant into a multiplication by its reciprocal, which gives other floats.
  const divisor = g.op('PlaceholderWithDefault', [g.scalar(255)], { dtype: { type: DT_FLOAT }, shape: { shape: [] } });
  const unit = g.op('RealDiv', [g.op('Cast', [used], { SrcT: { type: DT_UINT8 }, DstT: { type: DT_FLOAT } }), divisor]);
  return g.op('Reshape', [unit, g.ints([-1, imageSize, imageSize, 3])]);
}

/** Just the unpacking, for tests: input x (packed words) and y [n,1]; output x, the model input. */
export function unpackGraph(imageSize: number): { nodes: NodeSpec[]; signatures: { unpack: Signature } } {
  const g = new GraphBuilder();
  const words = g.placeholder('x', [-1], DT_INT32);
  const y = g.placeholder('y', [-1, 1]);
  const x = g.output('unpacked', unpackPixels(g, words, y, imageSize));
  const input = (tensor: string, dtype: number, shape: number[]): TensorSpec => ({ tensor: `${tensor}:0`, dtype, shape });
  return {
    nodes: g.nodes,
    signatures: {
      unpack: {
        inputs: { x: input(words, DT_INT32, [-1]), y: input(y, DT_FLOAT, [-1, 1]) },
        outputs: { x: input(x, DT_FLOAT, [-1, imageSize, imageSize, 3]) },
      },
    },
  };
}

function shapeOf(g: GraphBuilder, tensor: string): string {
  return g.op('Shape', [tensor], { ...T, out_type: { type: DT_INT32 } });
}
