// Translates a Keras model config (Keras 3, or Keras 2 as in old .h5 files) into the Keras 2 form that
// TensorFlow.js Layers 4.22 deserialises (`tf.models.modelFromJSON`). Nothing in the config is ever executed:
// Lambda layers (pickled Python bytecode) and custom classes are refused by name.
//
// What changes between the two forms (Keras 3 → what tfjs reads):
//   - `module`, `registered_name`, `build_config`, `compile_config`, `shared_object_id` are dropped everywhere;
//   - dtype policies ({class_name: 'DTypePolicy', config: {name: 'float32'}}) become plain dtype strings;
//   - InputLayer `batch_shape` (or `shape`) becomes `batch_input_shape`; `sparse/ragged/optional` go;
//   - inbound nodes {args: [__keras_tensor__...], kwargs} become [[layer, node, tensor, kwargs], ...];
//   - functional `input_layers`/`output_layers` given as one triple become a list of triples;
//   - Sequential without an InputLayer gets `batch_input_shape` from `build_input_shape`;
//   - initializers, regularizers and constraints are normalised to classes tfjs knows (see below);
//   - per-class renames and checks (LeakyReLU negative_slope → alpha; options tfjs lacks must be off).

/** A config tfjs cannot load faithfully. The message names the layer and class; the caller adds the file. */
export class KerasConfigError extends Error {}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Dict = { [key: string]: Json };

const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface TranslatedModel {
  /** Keras 2-style model config ({class_name, config}) for tfjs `models.modelFromJSON`. */
  topology: Dict;
  /** The model's layers in config order (InputLayer included), for weight lookup. */
  layers: Array<{ name: string; className: string }>;
}

const DROPPED_KEYS = new Set(['module', 'registered_name', 'build_config', 'compile_config', 'shared_object_id']);

// Layer classes whose Keras config tfjs 4.22 reads with the same meaning, after the checks in LAYER_FIXES.
// Anything else is refused by name rather than loaded approximately.
const SUPPORTED_LAYERS = new Set([
  'InputLayer', 'Conv1D', 'Conv2D', 'Conv2DTranspose', 'SeparableConv2D', 'DepthwiseConv2D',
  'MaxPooling1D', 'MaxPooling2D', 'AveragePooling1D', 'AveragePooling2D',
  'GlobalMaxPooling1D', 'GlobalMaxPooling2D', 'GlobalAveragePooling1D', 'GlobalAveragePooling2D',
  'Dense', 'Flatten', 'Reshape', 'Permute', 'Dropout', 'GaussianNoise', 'GaussianDropout', 'AlphaDropout',
  'Activation', 'ReLU', 'LeakyReLU', 'ELU', 'PReLU', 'Softmax', 'ThresholdedReLU',
  'BatchNormalization', 'LayerNormalization', 'Rescaling',
  'ZeroPadding2D', 'Cropping2D', 'UpSampling2D',
  'Add', 'Multiply', 'Average', 'Maximum', 'Minimum', 'Concatenate',
]);

const MODEL_CLASSES = new Set(['Sequential', 'Functional', 'Model']);
const LAMBDA_CLASSES = new Set(['Lambda', 'TFOpLambda', 'SlicingOpLambda']);

// Keras activation names → tfjs identifiers (tfjs camel-cases string values itself: log_softmax → logSoftmax).
const ACTIVATIONS: Record<string, string> = {
  linear: 'linear', relu: 'relu', relu6: 'relu6', sigmoid: 'sigmoid', softmax: 'softmax', tanh: 'tanh',
  elu: 'elu', selu: 'selu', softplus: 'softplus', softsign: 'softsign', log_softmax: 'log_softmax',
  gelu: 'gelu', mish: 'mish', swish: 'swish', silu: 'swish',
};

const INITIALIZERS: Record<string, string> = {
  Zeros: 'Zeros', zeros: 'Zeros', Ones: 'Ones', ones: 'Ones', Constant: 'Constant', constant: 'Constant',
  RandomNormal: 'RandomNormal', random_normal: 'RandomNormal', RandomUniform: 'RandomUniform',
  random_uniform: 'RandomUniform', TruncatedNormal: 'TruncatedNormal', truncated_normal: 'TruncatedNormal',
  GlorotUniform: 'GlorotUniform', glorot_uniform: 'GlorotUniform', GlorotNormal: 'GlorotNormal',
  glorot_normal: 'GlorotNormal', HeUniform: 'HeUniform', he_uniform: 'HeUniform', HeNormal: 'HeNormal',
  he_normal: 'HeNormal', LecunUniform: 'LeCunUniform', lecun_uniform: 'LeCunUniform', LecunNormal: 'LeCunNormal',
  lecun_normal: 'LeCunNormal', Orthogonal: 'Orthogonal', orthogonal: 'Orthogonal', Identity: 'Identity',
  identity: 'Identity',
};
const INITIALIZER_CONFIG_KEYS: Record<string, string[]> = {
  Constant: ['value'], RandomNormal: ['mean', 'stddev', 'seed'], RandomUniform: ['minval', 'maxval', 'seed'],
  TruncatedNormal: ['mean', 'stddev', 'seed'], Orthogonal: ['gain', 'seed'], Identity: ['gain'],
};

/** Translates a parsed Keras model config. `kerasVersion` (e.g. '3.15.1') settles version-dependent meanings. */
export function translateModelConfig(raw: unknown, kerasVersion?: string | null): TranslatedModel {
  if (!isDict(raw) || typeof raw.class_name !== 'string' || !isDict(raw.config)) {
    throw new KerasConfigError('model config is not a Keras {class_name, config} object');
  }
  const keras3 = kerasMajor(kerasVersion) >= 3;
  const className = raw.class_name;
  if (!MODEL_CLASSES.has(className)) {
    throw new KerasConfigError(`model class ${className} is not a Sequential or functional model ` +
      '(subclassed models carry no layer graph in the file and cannot be loaded)');
  }
  const config = raw.config;
  if (!Array.isArray(config.layers)) throw new KerasConfigError(`${className} config has no layer list`);
  const sequential = className === 'Sequential';
  const layers: TranslatedModel['layers'] = [];
  const out: Json[] = [];
  config.layers.forEach((entry, index) => {
    const layer = translateLayer(entry, index, sequential, keras3);
    layers.push({ name: layer.name, className: layer.className });
    out.push(layer.entry);
  });
  if (new Set(layers.map((l) => l.name)).size !== layers.length) {
    throw new KerasConfigError('two layers have the same name');
  }

  const translated: Dict = { name: typeof config.name === 'string' ? config.name : sequential ? 'sequential' : 'model', layers: out };
  if (sequential) {
    const first = out[0] as Dict | undefined;
    const firstConfig = first?.config as Dict | undefined;
    if (first && first.class_name !== 'InputLayer' && firstConfig && firstConfig.batch_input_shape == null) {
      const shape = config.build_input_shape;
      if (!Array.isArray(shape)) throw new KerasConfigError('Sequential model has no input shape (it was never built)');
      firstConfig.batch_input_shape = shape;
    }
  } else {
    translated.input_layers = tensorList(config.input_layers, 'input_layers');
    translated.output_layers = tensorList(config.output_layers, 'output_layers');
  }
  return {
    topology: { class_name: sequential ? 'Sequential' : 'Model', config: translated, keras_version: '2.15.0', backend: 'tensorflow' },
    layers,
  };
}

function kerasMajor(version: string | null | undefined): number {
  const major = Number.parseInt(version ?? '', 10);
  return Number.isFinite(major) ? major : 2;
}

function tensorList(value: Json | undefined, what: string): Json[] {
  if (!Array.isArray(value) || value.length === 0) throw new KerasConfigError(`functional model has no ${what}`);
  // Keras 3 writes a single input/output as one [name, node, tensor] triple.
  const triples = typeof value[0] === 'string' ? [value] : value;
  for (const t of triples) {
    if (!Array.isArray(t) || typeof t[0] !== 'string') throw new KerasConfigError(`functional model has malformed ${what}`);
  }
  return triples.map((t) => (t as Json[]).slice(0, 3));
}

function translateLayer(entry: Json, index: number, sequential: boolean, keras3: boolean) {
  if (!isDict(entry) || typeof entry.class_name !== 'string' || !isDict(entry.config)) {
    throw new KerasConfigError(`layer #${index} is not a Keras {class_name, config} object`);
  }
  const className = entry.class_name;
  const rawConfig = entry.config;
  const name = typeof rawConfig.name === 'string' ? rawConfig.name : typeof entry.name === 'string' ? entry.name : null;
  if (!name) throw new KerasConfigError(`layer #${index} (${className}) has no name`);
  const label = `layer '${name}' (${className})`;

  if (LAMBDA_CLASSES.has(className)) {
    throw new KerasConfigError(`${label} is a Lambda layer: its Python code cannot be loaded (convscope never runs it)`);
  }
  const registered = entry.registered_name;
  const module = entry.module;
  if ((typeof registered === 'string' && registered !== className) ||
      (typeof module === 'string' && !/^(keras|tf_keras|tensorflow)\b/.test(module)) ||
      (module === null && typeof registered === 'string')) {
    throw new KerasConfigError(`${label} is a custom layer class (${typeof registered === 'string' ? registered : module}); ` +
      'custom layers cannot be loaded');
  }
  if (MODEL_CLASSES.has(className)) {
    throw new KerasConfigError(`${label} is a nested model; models inside models are not supported yet`);
  }
  if (!SUPPORTED_LAYERS.has(className)) {
    throw new KerasConfigError(`${label}: layer class ${className} is not supported by convscope's Keras loader`);
  }

  const config = normaliseConfig(rawConfig, label, keras3) as Dict;
  config.name = name;
  LAYER_FIXES[className]?.(config, label, keras3);

  const out: Dict = { class_name: className, config };
  if (!sequential) {
    out.name = name;
    out.inbound_nodes = translateInboundNodes(entry.inbound_nodes, label);
  }
  return { name, className, entry: out };
}

/** Generic pass over a layer config: dtype policies, initializers, regularizers, constraints, activations. */
function normaliseConfig(value: Json, label: string, keras3: boolean): Json {
  if (Array.isArray(value)) return value.map((v) => normaliseConfig(v, label, keras3));
  if (!isDict(value)) return value;
  const out: Dict = {};
  for (const [k, v] of Object.entries(value)) {
    if (DROPPED_KEYS.has(k)) continue;
    if (k === 'dtype') out[k] = dtypeOf(v, label);
    else if (k.endsWith('_initializer')) out[k] = initializerOf(v);
    else if (k.endsWith('_regularizer')) out[k] = regularizerOf(v);
    else if (k.endsWith('_constraint')) out[k] = constraintOf(v);
    else if (k === 'activation' || k === 'recurrent_activation') out[k] = activationOf(v, label, keras3);
    else out[k] = normaliseConfig(v, label, keras3);
  }
  return out;
}

function dtypeOf(value: Json, label: string): Json {
  if (value === null) return null;
  let name: Json = value;
  if (isDict(value)) {
    const cls = String(value.class_name ?? '');
    if (/Quantized/i.test(cls)) throw new KerasConfigError(`${label} is quantized (${cls}); quantized layers are not supported`);
    name = isDict(value.config) ? value.config.name ?? null : null;
  }
  if (typeof name !== 'string') return 'float32';
  if (/^(int8|int4|float8|gptq)/.test(name)) throw new KerasConfigError(`${label} is quantized (dtype policy ${name}); quantized layers are not supported`);
  // Mixed precision stores float32 variables; convscope computes in float32.
  if (/^(mixed_)?(b?float16|float32|float64)$/.test(name)) return 'float32';
  return name;
}

function initializerOf(value: Json): Json {
  // Initializers never run on weights read from the file, but tfjs must be able to construct them.
  if (value === null) return null;
  const cls = typeof value === 'string' ? value : isDict(value) && typeof value.class_name === 'string' ? value.class_name : '';
  const config = isDict(value) && isDict(value.config) ? value.config : {};
  const name = INITIALIZERS[cls];
  if (!name) {
    if (cls === 'VarianceScaling') {
      const distribution = config.distribution === 'untruncated_normal' ? 'normal' : config.distribution === 'uniform' ? 'uniform' : 'truncated_normal';
      return { class_name: 'VarianceScaling', config: { scale: config.scale ?? 1, mode: config.mode ?? 'fan_in', distribution, seed: config.seed ?? null } };
    }
    return { class_name: 'Zeros', config: {} };
  }
  const keys = INITIALIZER_CONFIG_KEYS[name] ?? ['seed'];
  const kept: Dict = {};
  for (const k of keys) if (config[k] !== undefined) kept[k] = config[k]!;
  if (kept.seed !== undefined && typeof kept.seed !== 'number') delete kept.seed;
  return { class_name: name, config: kept };
}

function regularizerOf(value: Json): Json {
  // tfjs has one regularizer class, L1L2. Others (OrthogonalRegularizer, custom) only affect training: dropped.
  if (!isDict(value)) {
    if (value === 'l1') return { class_name: 'L1L2', config: { l1: 0.01, l2: 0 } };
    if (value === 'l2') return { class_name: 'L1L2', config: { l1: 0, l2: 0.01 } };
    if (value === 'l1_l2' || value === 'l1l2') return { class_name: 'L1L2', config: { l1: 0.01, l2: 0.01 } };
    return null;
  }
  const config = isDict(value.config) ? value.config : {};
  const num = (v: Json | undefined) => (typeof v === 'number' ? v : 0);
  switch (value.class_name) {
    case 'L1': return { class_name: 'L1L2', config: { l1: num(config.l1), l2: 0 } };
    case 'L2': return { class_name: 'L1L2', config: { l1: 0, l2: num(config.l2) } };
    case 'L1L2': case 'L1L2Regularizer': return { class_name: 'L1L2', config: { l1: num(config.l1), l2: num(config.l2) } };
    default: return null;
  }
}

function constraintOf(value: Json): Json {
  // Constraints act only in training; keep the ones tfjs has, drop the rest.
  if (!isDict(value) || typeof value.class_name !== 'string') return null;
  const known = ['MaxNorm', 'NonNeg', 'UnitNorm', 'MinMaxNorm'];
  if (!known.includes(value.class_name)) return null;
  return { class_name: value.class_name, config: (normaliseConfig(value.config ?? {}, '', true) as Dict) };
}

function activationOf(value: Json, label: string, keras3: boolean): Json {
  let name: Json = value;
  if (value === null) return 'linear';
  if (isDict(value)) {
    // Keras 3 may serialise an activation as {class_name: 'function', config: 'relu'}; a class object is custom.
    name = value.class_name === 'function' && typeof value.config === 'string' ? value.config
      : typeof value.class_name === 'string' && value.class_name !== 'function' ? value.class_name : null;
  }
  if (typeof name !== 'string') throw new KerasConfigError(`${label} has an activation convscope cannot read`);
  if (name === 'hard_sigmoid' && !keras3) return 'hard_sigmoid'; // Keras 2 and tfjs: clip(0.2x + 0.5); Keras 3 differs
  const mapped = ACTIVATIONS[name];
  if (!mapped) throw new KerasConfigError(`${label} uses activation '${name}', which is not supported`);
  return mapped;
}

const requireOff = (config: Dict, label: string, key: string, off: Json[] = [false, null, 0]) => {
  if (config[key] !== undefined && !off.includes(config[key]!)) {
    throw new KerasConfigError(`${label} sets ${key}=${JSON.stringify(config[key])}, which TensorFlow.js does not support`);
  }
  delete config[key];
};

const convFix = (config: Dict, label: string) => {
  requireOff(config, label, 'groups', [1, null]);
  requireOff(config, label, 'lora_rank');
  delete config.lora_alpha;
};
const globalPoolFix = (config: Dict, label: string) => requireOff(config, label, 'keepdims');

const LAYER_FIXES: Record<string, (config: Dict, label: string, keras3: boolean) => void> = {
  InputLayer(config, label) {
    if (config.batch_input_shape == null) {
      if (Array.isArray(config.batch_shape)) config.batch_input_shape = config.batch_shape;
      else if (Array.isArray(config.shape)) config.batch_input_shape = [(config.batch_size as Json) ?? null, ...config.shape];
      else throw new KerasConfigError(`${label} has no input shape`);
    }
    requireOff(config, label, 'sparse');
    requireOff(config, label, 'ragged');
    for (const k of ['batch_shape', 'shape', 'batch_size', 'optional', 'input_tensor']) delete config[k];
  },
  Conv1D: convFix, Conv2D: convFix, Conv2DTranspose: convFix, SeparableConv2D: convFix, DepthwiseConv2D: convFix,
  Dense(config, label) {
    requireOff(config, label, 'lora_rank');
    requireOff(config, label, 'quantization_config');
    delete config.lora_alpha;
  },
  BatchNormalization(config, label) {
    requireOff(config, label, 'renorm');
    requireOff(config, label, 'synchronized');
    for (const k of ['renorm_clipping', 'renorm_momentum', 'fused', 'virtual_batch_size', 'adjustment']) delete config[k];
    if (Array.isArray(config.axis)) {
      if (config.axis.length !== 1) throw new KerasConfigError(`${label} normalises over several axes, which TensorFlow.js does not support`);
      config.axis = config.axis[0]!;
    }
  },
  LayerNormalization(config, label) {
    requireOff(config, label, 'rms_scaling');
  },
  LeakyReLU(config) {
    if (config.alpha == null && typeof config.negative_slope === 'number') config.alpha = config.negative_slope;
    delete config.negative_slope;
  },
  ELU(config, label) {
    requireOff(config, label, 'alpha', [1, null]); // tfjs's ELU layer only implements alpha = 1
  },
  ReLU(config, label) {
    requireOff(config, label, 'negative_slope', [0, null]);
    requireOff(config, label, 'threshold', [0, null]);
  },
  GlobalMaxPooling1D: globalPoolFix, GlobalMaxPooling2D: globalPoolFix,
  GlobalAveragePooling1D: globalPoolFix, GlobalAveragePooling2D: globalPoolFix,
  Rescaling(config, label) {
    if (typeof config.scale !== 'number' || (config.offset != null && typeof config.offset !== 'number')) {
      throw new KerasConfigError(`${label} has a per-channel scale or offset, which TensorFlow.js does not support`);
    }
  },
  Dropout(config) {
    if (config.noise_shape == null) delete config.noise_shape;
  },
  Softmax(config, label) {
    if (Array.isArray(config.axis)) {
      if (config.axis.length !== 1) throw new KerasConfigError(`${label} takes the softmax over several axes, which TensorFlow.js does not support`);
      config.axis = config.axis[0]!;
    }
  },
};

/** Keras 3 nodes ({args, kwargs} with __keras_tensor__ histories) or Keras 2 nodes → [[name, node, tensor, kwargs]]. */
function translateInboundNodes(nodes: Json | undefined, label: string): Json[] {
  if (nodes === undefined || nodes === null) return [];
  if (!Array.isArray(nodes)) throw new KerasConfigError(`${label} has malformed inbound nodes`);
  return nodes.map((node) => {
    if (Array.isArray(node)) return node.map((t) => keras2Tensor(t, label)); // already the Keras 2 form
    if (!isDict(node)) throw new KerasConfigError(`${label} has a malformed inbound node`);
    const args = Array.isArray(node.args) ? node.args : [];
    const tensors: Json[] = [];
    const collect = (v: Json) => {
      if (isKerasTensor(v)) tensors.push(historyOf(v, label));
      else if (Array.isArray(v) && v.every(isKerasTensor)) v.forEach(collect);
      else throw new KerasConfigError(`${label} is called with a non-tensor argument, which convscope cannot translate`);
    };
    args.forEach(collect);
    if (tensors.length === 0) throw new KerasConfigError(`${label} has an inbound node without input tensors`);
    const kwargs: Dict = {};
    for (const [k, v] of Object.entries(isDict(node.kwargs) ? node.kwargs : {})) {
      if (v === null) continue;
      if (containsKerasTensor(v)) throw new KerasConfigError(`${label} takes a tensor keyword argument '${k}', which convscope cannot translate`);
      kwargs[k] = v;
    }
    return tensors.map((t) => [...(t as Json[]), kwargs]);
  });
}

function keras2Tensor(t: Json, label: string): Json {
  if (!Array.isArray(t) || typeof t[0] !== 'string') throw new KerasConfigError(`${label} has a malformed inbound node`);
  return [t[0], t[1] ?? 0, t[2] ?? 0, isDict(t[3]) ? t[3] : {}];
}

function isKerasTensor(v: Json): v is Dict {
  return isDict(v) && v.class_name === '__keras_tensor__';
}

function containsKerasTensor(v: Json): boolean {
  if (isKerasTensor(v)) return true;
  if (Array.isArray(v)) return v.some(containsKerasTensor);
  if (isDict(v)) return Object.values(v).some(containsKerasTensor);
  return false;
}

function historyOf(t: Dict, label: string): Json[] {
  const history = isDict(t.config) ? t.config.keras_history : undefined;
  if (!Array.isArray(history) || typeof history[0] !== 'string') throw new KerasConfigError(`${label} has an input tensor without history`);
  return [history[0], history[1] ?? 0, history[2] ?? 0];
}

/** Python keras.src.utils.naming.to_snake_case: the names .keras files use for weight groups. */
export function toSnakeCase(name: string): string {
  return name.replace(/\W+/g, '').replace(/(.)([A-Z][a-z]+)/g, '$1_$2').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}
