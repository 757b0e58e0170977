// The Keras 3 → Keras 2 (tfjs) config translation on its own: no files, no Python, no TensorFlow.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { KerasConfigError, toSnakeCase, translateModelConfig } from '../../source/model/formats/keras/config.js';

type Dict = Record<string, unknown>;
const policy = { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null, shared_object_id: 1 };
const init = (name: string, config: Dict = {}) => ({ module: 'keras.initializers', class_name: name, config, registered_name: null });
const kt = (from: string, node = 0, index = 0) => ({
  class_name: '__keras_tensor__', config: { shape: [null, 4], dtype: 'float32', keras_history: [from, node, index] },
});
const layer = (class_name: string, config: Dict, extra: Dict = {}) => ({
  module: 'keras.layers', class_name, config: { trainable: true, dtype: policy, ...config }, registered_name: null, ...extra,
});
const input = (name: string, shape: unknown[]) => ({
  module: 'keras.layers', class_name: 'InputLayer', registered_name: null, name, inbound_nodes: [],
  config: { batch_shape: shape, dtype: 'float32', sparse: false, ragged: false, name, optional: false },
});
const functional = (layers: unknown[], inputs: unknown, outputs: unknown) => ({
  module: 'keras', class_name: 'Functional', registered_name: 'Functional',
  config: { name: 'f', trainable: true, layers, input_layers: inputs, output_layers: outputs },
  build_config: { input_shape: null }, compile_config: {},
});
const sequential = (layers: unknown[], build?: unknown[]) => ({
  module: 'keras', class_name: 'Sequential', registered_name: null,
  config: { name: 'sequential', trainable: true, dtype: policy, layers, ...(build ? { build_input_shape: build } : {}) },
});

function keysDeep(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keysDeep(v, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) { out.add(k); keysDeep(v, out); }
  return out;
}

const refuses = (config: unknown, pattern: RegExp, version = '3.15.1') =>
  assert.throws(() => translateModelConfig(config, version), (e: unknown) => e instanceof KerasConfigError && pattern.test(e.message));

describe('Keras 3 configs become what tfjs-layers reads', () => {
  test('Sequential: InputLayer batch_shape → batch_input_shape, policies → dtype strings, Keras 3 keys dropped', () => {
    const { topology, layers } = translateModelConfig(sequential([
      { ...input('input_layer', [null, 150, 150, 3]), inbound_nodes: undefined },
      layer('Conv2D', { name: 'conv2d', filters: 16, kernel_size: [3, 3], groups: 1, activation: 'relu',
        kernel_initializer: init('GlorotUniform', { seed: null, input_axes: null }), bias_initializer: init('Zeros') },
      { build_config: { input_shape: [null, 150, 150, 3] } }),
      layer('Dense', { name: 'dense', units: 1, activation: 'sigmoid', quantization_config: null, lora_rank: null }),
    ], [null, 150, 150, 3]), '3.15.1');
    assert.deepEqual(layers, [{ name: 'input_layer', className: 'InputLayer' }, { name: 'conv2d', className: 'Conv2D' }, { name: 'dense', className: 'Dense' }]);
    assert.equal(topology.class_name, 'Sequential');
    const [inp, conv, dense] = (topology.config as { layers: Array<{ config: Dict }> }).layers;
    assert.deepEqual(inp!.config, { batch_input_shape: [null, 150, 150, 3], dtype: 'float32', name: 'input_layer' });
    assert.equal(conv!.config.dtype, 'float32');
    assert.deepEqual(conv!.config.kernel_initializer, { class_name: 'GlorotUniform', config: {} });
    assert.equal('groups' in conv!.config, false);
    assert.equal('quantization_config' in dense!.config, false);
    const keys = keysDeep(topology);
    for (const gone of ['module', 'registered_name', 'build_config', 'shared_object_id', 'batch_shape', 'optional', 'inbound_nodes']) {
      assert.equal(keys.has(gone), false, `${gone} is dropped`);
    }
  });

  test('Sequential without an InputLayer takes its input shape from build_input_shape', () => {
    const { topology } = translateModelConfig(sequential([layer('Dense', { name: 'd', units: 2 })], [null, 8]), '3.15.1');
    assert.deepEqual((topology.config as { layers: Array<{ config: Dict }> }).layers[0]!.config.batch_input_shape, [null, 8]);
    refuses(sequential([layer('Dense', { name: 'd', units: 2 })]), /never built/);
  });

  test('functional: {args, kwargs} nodes become [[layer, node, tensor, kwargs]]; a single input triple becomes a list', () => {
    const { topology } = translateModelConfig(functional([
      input('in', [null, 4]),
      layer('Dense', { name: 'a', units: 4 }, { name: 'a', inbound_nodes: [{ args: [kt('in')], kwargs: {} }] }),
      layer('BatchNormalization', { name: 'bn', axis: -1, synchronized: false, renorm: false, renorm_clipping: null, renorm_momentum: 0.99 },
        { name: 'bn', inbound_nodes: [{ args: [kt('a')], kwargs: { mask: null, training: false } }] }),
      layer('Add', { name: 'sum' }, { name: 'sum', inbound_nodes: [{ args: [[kt('a'), kt('bn')]], kwargs: {} }] }),
    ], ['in', 0, 0], ['sum', 0, 0]), '3.15.1');
    const config = topology.config as { layers: Array<Dict>; input_layers: unknown; output_layers: unknown };
    assert.equal(topology.class_name, 'Model');
    assert.deepEqual(config.input_layers, [['in', 0, 0]]);
    assert.deepEqual(config.output_layers, [['sum', 0, 0]]);
    assert.deepEqual(config.layers.map((l) => l.name), ['in', 'a', 'bn', 'sum']);
    assert.deepEqual(config.layers[1]!.inbound_nodes, [[['in', 0, 0, {}]]]);
    assert.deepEqual(config.layers[2]!.inbound_nodes, [[['a', 0, 0, { training: false }]]]);
    assert.deepEqual(config.layers[3]!.inbound_nodes, [[['a', 0, 0, {}], ['bn', 0, 0, {}]]]);
    const bn = config.layers[2]!.config as Dict;
    for (const k of ['synchronized', 'renorm', 'renorm_clipping', 'renorm_momentum']) assert.equal(k in bn, false, k);
  });

  test('Keras 2 configs pass through (old inbound nodes, batch_input_shape, plain dtypes)', () => {
    const { topology } = translateModelConfig({
      class_name: 'Functional', keras_version: '2.15.0',
      config: {
        name: 'model', input_layers: [['input_1', 0, 0]], output_layers: [['dense', 0, 0]],
        layers: [
          { class_name: 'InputLayer', name: 'input_1', inbound_nodes: [], config: { batch_input_shape: [null, 4], dtype: 'float32', sparse: false, ragged: false, name: 'input_1' } },
          { class_name: 'Dense', name: 'dense', inbound_nodes: [[['input_1', 0, 0, {}]]], config: { name: 'dense', dtype: 'float32', units: 2, activation: 'hard_sigmoid' } },
        ],
      },
    }, '2.15.0');
    const layers = (topology.config as { layers: Array<Dict> }).layers;
    assert.deepEqual(layers[1]!.inbound_nodes, [[['input_1', 0, 0, {}]]]);
    assert.equal((layers[1]!.config as Dict).activation, 'hard_sigmoid', 'Keras 2 hard_sigmoid is tfjs hard_sigmoid');
  });

  test('LeakyReLU negative_slope → alpha; silu → swish; L2 → L1L2; LecunNormal → LeCunNormal; VarianceScaling distributions', () => {
    const { topology } = translateModelConfig(sequential([
      input('i', [null, 4]),
      layer('LeakyReLU', { name: 'lrelu', negative_slope: 0.1 }),
      layer('Dense', { name: 'd', units: 2, activation: 'silu', kernel_regularizer: { module: 'keras.regularizers', class_name: 'L2', config: { l2: 0.01 }, registered_name: null },
        kernel_initializer: init('LecunNormal', { seed: 3 }),
        bias_initializer: init('VarianceScaling', { scale: 2, mode: 'fan_out', distribution: 'untruncated_normal', seed: null }) }),
      layer('Dense', { name: 'e', units: 2, kernel_initializer: init('SomethingNew'), kernel_constraint: { class_name: 'Custom', config: {} } }),
    ]), '3.15.1');
    const [, lrelu, d, e] = (topology.config as { layers: Array<{ config: Dict }> }).layers;
    assert.equal(lrelu!.config.alpha, 0.1);
    assert.equal('negative_slope' in lrelu!.config, false);
    assert.equal(d!.config.activation, 'swish');
    assert.deepEqual(d!.config.kernel_regularizer, { class_name: 'L1L2', config: { l1: 0, l2: 0.01 } });
    assert.deepEqual(d!.config.kernel_initializer, { class_name: 'LeCunNormal', config: { seed: 3 } });
    assert.deepEqual(d!.config.bias_initializer, { class_name: 'VarianceScaling', config: { scale: 2, mode: 'fan_out', distribution: 'normal', seed: null } });
    assert.deepEqual(e!.config.kernel_initializer, { class_name: 'Zeros', config: {} }, 'unknown initializers never run: Zeros');
    assert.equal(e!.config.kernel_constraint, null);
  });
});

describe('configs tfjs cannot run faithfully are refused by layer name and class', () => {
  const one = (l: unknown) => sequential([input('i', [null, 8, 8, 3]), l]);
  test('Lambda, custom classes, unknown classes, nested models', () => {
    refuses(one(layer('Lambda', { name: 'fn', function: { class_name: '__lambda__', config: { code: 'AAAA' } } })), /layer 'fn' \(Lambda\) is a Lambda layer/);
    refuses(one({ module: null, class_name: 'Mine', config: { name: 'm' }, registered_name: 'pkg>Mine' }), /layer 'm' \(Mine\) is a custom layer class \(pkg>Mine\)/);
    refuses(one({ module: 'my_project.layers', class_name: 'Mine', config: { name: 'm' }, registered_name: null }), /custom layer class \(my_project\.layers\)/);
    refuses(one(layer('RandomFlip', { name: 'flip', mode: 'horizontal' })), /layer 'flip' \(RandomFlip\): layer class RandomFlip is not supported/);
    refuses(one(sequential([layer('Dense', { name: 'x', units: 1 })], [null, 3])), /is a nested model/);
    refuses({ class_name: 'MyModel', config: {} }, /model class MyModel is not a Sequential or functional model/);
  });

  test('options tfjs lacks: grouped convolution, renorm, keepdims, ReLU threshold, ELU alpha, quantization, activations', () => {
    refuses(one(layer('Conv2D', { name: 'c', filters: 4, kernel_size: [3, 3], groups: 2 })), /layer 'c' \(Conv2D\) sets groups=2/);
    refuses(one(layer('BatchNormalization', { name: 'bn', renorm: true })), /sets renorm=true/);
    refuses(one(layer('GlobalAveragePooling2D', { name: 'g', keepdims: true })), /sets keepdims=true/);
    refuses(one(layer('ReLU', { name: 'r', threshold: 0.5 })), /sets threshold=0\.5/);
    refuses(one(layer('ELU', { name: 'e', alpha: 0.5 })), /sets alpha=0\.5/);
    refuses(one(layer('Dense', { name: 'q', units: 2, dtype: { class_name: 'QuantizedDTypePolicy', config: { name: 'int8_from_float32' } } })), /is quantized/);
    refuses(one(layer('Dense', { name: 'l', units: 2, lora_rank: 4 })), /sets lora_rank=4/);
    refuses(one(layer('Dense', { name: 'a', units: 2, activation: 'leaky_relu' })), /uses activation 'leaky_relu', which is not supported/);
    refuses(one(layer('Dense', { name: 'h', units: 2, activation: 'hard_sigmoid' })), /uses activation 'hard_sigmoid'/, '3.15.1');
  });

  test('calls convscope cannot express as tfjs inbound nodes', () => {
    const call = (args: unknown, kwargs: unknown = {}) => functional([
      input('in', [null, 4]),
      layer('Dense', { name: 'd', units: 4 }, { name: 'd', inbound_nodes: [{ args, kwargs }] }),
    ], ['in', 0, 0], ['d', 0, 0]);
    refuses(call([kt('in'), 3]), /layer 'd' \(Dense\) is called with a non-tensor argument/);
    refuses(call([kt('in')], { mask: kt('in') }), /takes a tensor keyword argument 'mask'/);
  });
});

test('toSnakeCase names weight groups exactly as Keras does', () => {
  const cases: Record<string, string> = {
    Conv2D: 'conv2d', MaxPooling2D: 'max_pooling2d', LeakyReLU: 'leaky_re_lu', BatchNormalization: 'batch_normalization',
    GlobalAveragePooling2D: 'global_average_pooling2d', PReLU: 'p_re_lu', ReLU: 're_lu', ELU: 'elu',
    DepthwiseConv2D: 'depthwise_conv2d', Conv2DTranspose: 'conv2d_transpose', UpSampling2D: 'up_sampling2d',
    ZeroPadding2D: 'zero_padding2d', InputLayer: 'input_layer', SeparableConv2D: 'separable_conv2d',
  };
  for (const [name, snake] of Object.entries(cases)) assert.equal(toSnakeCase(name), snake, name);
});
