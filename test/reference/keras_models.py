"""Keras side of test/reference/keras-models.test.ts: writes model files and Keras's own activations.

Usage: keras_models.py OUT_DIR

Writes into OUT_DIR (nothing else is touched):
  seq.h5, seq.keras          the seed notebook's model as keras.Sequential (Keras 3 legacy HDF5 and .keras zip)
  fn.h5, fn.keras            the same model built with the functional API (other layer names, same weights)
  extras.h5, extras.keras    a small functional model with Rescaling, BatchNormalization, Activation,
                             DepthwiseConv2D, LeakyReLU, Add, GlobalAveragePooling2D and Dropout
  zoo.keras                  every other layer class convscope translates (pooling 1D/2D, merges, normalisation,
                             activation layers, transposed/separable/1D convolutions, reshapes, noise layers)
  zoo-unnamed.keras          the same without the layer names Keras 3.15 records in model.weights.h5
  keras2.h5                  the seed model in the Keras 2 legacy HDF5 layout (Keras 2 config, `kernel:0` names,
                             byte-string attributes), written with h5py since Keras 2 is not installed
  tfjs/model.json + tfjs/group1-shard1of1.bin
                             the seed model as a TensorFlow.js Layers model, written here the way the tensorflowjs
                             converter writes Keras 2 models (it is not installed and does not support Keras 3)
  lambda.keras, lambda.h5    a model with a Lambda layer (convscope must refuse it without running it)
  custom.keras               a model with a registered custom layer class (must be refused)
  unknown.keras              a model with RandomFlip, a Keras layer TensorFlow.js does not have (must be refused)
  input.png                  a fixed 150x150 RGB image (no resizing involved)
  act/<model>/<i>.npy        every layer's activation on img_to_array(load_img(input.png)) / 255
  manifest.json              models, their layers (name, class, shape, .npy file) and predictions
Everything is seeded: two runs write the same weights, image and activations.
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402
import h5py  # noqa: E402
import keras  # noqa: E402
from keras import layers  # noqa: E402

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
keras.utils.set_random_seed(1234)
rng = np.random.default_rng(1234)
SIZE = 150


def seed_sequential():
    # The seed notebook's model; the names are what Keras gives them in a fresh session.
    return keras.Sequential([
        keras.Input(shape=(SIZE, SIZE, 3)),
        layers.Conv2D(16, 3, activation="relu", name="conv2d"),
        layers.MaxPooling2D(2, name="max_pooling2d"),
        layers.Conv2D(32, 3, activation="relu", name="conv2d_1"),
        layers.MaxPooling2D(2, name="max_pooling2d_1"),
        layers.Conv2D(64, 3, activation="relu", name="conv2d_2"),
        layers.MaxPooling2D(2, name="max_pooling2d_2"),
        layers.Flatten(name="flatten"),
        layers.Dense(512, activation="relu", name="dense"),
        layers.Dense(1, activation="sigmoid", name="dense_1"),
    ], name="sequential")


def seed_functional():
    # Same layers, names that differ from the class-derived paths .keras files use for weights.
    i = keras.Input(shape=(SIZE, SIZE, 3), name="image")
    x = layers.Conv2D(16, 3, activation="relu", name="block1_conv")(i)
    x = layers.MaxPooling2D(2, name="block1_pool")(x)
    x = layers.Conv2D(32, 3, activation="relu", name="block2_conv")(x)
    x = layers.MaxPooling2D(2, name="block2_pool")(x)
    x = layers.Conv2D(64, 3, activation="relu", name="block3_conv")(x)
    x = layers.MaxPooling2D(2, name="block3_pool")(x)
    x = layers.Flatten(name="features")(x)
    x = layers.Dense(512, activation="relu", name="hidden")(x)
    o = layers.Dense(1, activation="sigmoid", name="cat_or_dog")(x)
    return keras.Model(i, o, name="seed_functional")


def extras_functional():
    i = keras.Input(shape=(SIZE, SIZE, 3))
    x = layers.Rescaling(2.0, offset=-1.0)(i)
    x = layers.Conv2D(8, 3, padding="same", use_bias=False)(x)
    x = layers.BatchNormalization()(x)
    a = layers.Activation("relu")(x)
    d = layers.DepthwiseConv2D(3, padding="same")(a)
    d = layers.LeakyReLU(negative_slope=0.1)(d)
    x = layers.Add()([a, d])
    x = layers.MaxPooling2D(2)(x)
    x = layers.GlobalAveragePooling2D()(x)
    x = layers.Dropout(0.5)(x)
    o = layers.Dense(3, activation="softmax")(x)
    return keras.Model(i, o, name="extras")


def zoo_functional():
    """Every other layer class convscope translates, so that each translation is checked against Keras."""
    i = keras.Input(shape=(SIZE, SIZE, 3))
    x = layers.ZeroPadding2D(1)(i)
    x = layers.Conv2D(4, 3, strides=2, kernel_initializer="he_normal",
                      kernel_regularizer=keras.regularizers.L2(1e-4))(x)                      # 75x75x4
    c = layers.Cropping2D(((1, 0), (1, 0)))(x)                                                 # 74x74x4
    s = layers.SeparableConv2D(6, 3, padding="same", activation="elu")(c)
    p = layers.AveragePooling2D(2)(s)                                                          # 37x37x6
    t = layers.Conv2DTranspose(4, 3, strides=2, padding="same", activation="swish")(p)        # 74x74x4
    u = layers.UpSampling2D(2)(p)                                                              # 74x74x6
    x = layers.Concatenate()([t, c, u])                                                        # 74x74x14
    x = layers.LayerNormalization()(x)
    x = layers.ReLU(max_value=1.5)(x)
    x = layers.PReLU(shared_axes=[1, 2])(x)
    x = layers.ELU()(x)
    x = layers.Softmax()(x)
    x = layers.MaxPooling2D(2)(x)                                                              # 37x37x14
    g1 = layers.GlobalMaxPooling2D()(x)
    g2 = layers.GlobalAveragePooling2D()(x)
    x = layers.Concatenate()([layers.Multiply()([g1, g2]), layers.Average()([g1, g2]),
                              layers.Maximum()([g1, g2]), layers.Minimum()([g1, g2])])         # 56
    x = layers.Reshape((7, 8))(x)
    x = layers.Permute((2, 1))(x)                                                              # 8x7
    x = layers.Conv1D(5, 2, activation="tanh")(x)                                              # 7x5
    a = layers.MaxPooling1D(2)(x)
    b = layers.AveragePooling1D(2)(x)
    x = layers.Concatenate()([layers.GlobalMaxPooling1D()(a), layers.GlobalAveragePooling1D()(b)])
    x = layers.GaussianNoise(0.1)(x)
    x = layers.GaussianDropout(0.1)(x)
    x = layers.AlphaDropout(0.1)(x)
    x = layers.Dense(6, activation="selu")(x)
    x = layers.Activation("softplus")(x)
    x = layers.Dense(4, activation="gelu")(x)
    o = layers.Dense(2, activation="softmax")(x)
    return keras.Model(i, o, name="zoo")


def random_weights(model):
    """Glorot-scaled kernels, small non-zero biases; BatchNormalization gets plausible statistics."""
    values = []
    for w in model.weights:
        shape = tuple(w.shape)
        name = w.path.split("/")[-1]
        if name == "moving_variance":
            v = rng.uniform(0.5, 2.0, shape)
        elif name == "gamma":
            v = rng.uniform(0.5, 1.5, shape)
        elif len(shape) == 1:  # biases, beta, moving_mean
            v = rng.uniform(-0.1, 0.1, shape)
        else:
            receptive = int(np.prod(shape[:-2])) if len(shape) > 2 else 1
            fan_in, fan_out = shape[-2] * receptive, shape[-1] * receptive
            limit = np.sqrt(6 / (fan_in + fan_out))
            v = rng.uniform(-limit, limit, shape)
        values.append(v.astype("float32"))
    return values


def make_image(path):
    # Smooth gradients plus noise, so that every channel and filter sees structure (no resizing: 150x150).
    y, x = np.mgrid[0:SIZE, 0:SIZE] / (SIZE - 1)
    base = np.stack([x, y, (np.sin(6 * x) * np.cos(4 * y) + 1) / 2], axis=-1) * 200
    noise = rng.integers(0, 56, (SIZE, SIZE, 3))
    Image.fromarray((base + noise).clip(0, 255).astype("uint8"), "RGB").save(path)


manifest = {"models": {}, "image": "input.png"}


def record(key, model, x, files):
    outs = [l for l in model.layers if not isinstance(l, layers.InputLayer)]
    probe = keras.Model(model.inputs, [l.output for l in outs])
    acts = probe.predict(x, verbose=0)
    os.makedirs(os.path.join(out, "act", key), exist_ok=True)
    entries = []
    for idx, (layer, act) in enumerate(zip(outs, acts)):
        rel = f"act/{key}/{idx}.npy"
        np.save(os.path.join(out, rel), np.asarray(act[0], dtype="float32"))
        entries.append({"name": layer.name, "className": layer.__class__.__name__,
                        "shape": list(act.shape[1:]), "file": rel})
    manifest["models"][key] = {"files": files, "layers": entries,
                               "prediction": np.asarray(acts[-1][0], dtype="float64").tolist()}


# ---------------------------------------------------------------- seed model, Sequential and functional
seq = seed_sequential()
weights = random_weights(seq)
seq.set_weights(weights)
fn = seed_functional()
fn.set_weights(weights)
make_image(os.path.join(out, "input.png"))
x = keras.utils.img_to_array(keras.utils.load_img(os.path.join(out, "input.png")))[None] / 255.0

seq.save(os.path.join(out, "seq.h5"))
seq.save(os.path.join(out, "seq.keras"))
fn.save(os.path.join(out, "fn.h5"))
fn.save(os.path.join(out, "fn.keras"))
record("seq", seq, x, ["seq.h5", "seq.keras", "tfjs/model.json"])
record("fn", fn, x, ["fn.h5", "fn.keras"])

ext = extras_functional()
ext.set_weights(random_weights(ext))
ext.save(os.path.join(out, "extras.h5"))
ext.save(os.path.join(out, "extras.keras"))
record("extras", ext, x, ["extras.h5", "extras.keras"])

zoo = zoo_functional()
zoo.set_weights(random_weights(zoo))
zoo.save(os.path.join(out, "zoo.keras"))
record("zoo", zoo, x, ["zoo.keras", "zoo-unnamed.keras"])


def strip_layer_names(src, dst):
    """Older Keras 3 files do not record layer names in model.weights.h5: only the class-derived paths remain."""
    import io
    import zipfile
    with zipfile.ZipFile(src) as zin:
        members = {n: zin.read(n) for n in zin.namelist()}
    buf = io.BytesIO(members["model.weights.h5"])
    with h5py.File(buf, "r+") as f:
        def strip(_, obj):
            if "name" in obj.attrs:
                del obj.attrs["name"]
        f.visititems(strip)
        if "name" in f["vars"].attrs:
            del f["vars"].attrs["name"]
    members["model.weights.h5"] = buf.getvalue()
    with zipfile.ZipFile(dst, "w") as zout:
        for n, data in members.items():
            zout.writestr(n, data)


strip_layer_names(os.path.join(out, "zoo.keras"), os.path.join(out, "zoo-unnamed.keras"))

# ---------------------------------------------------------------- Keras 2 style configs (as Keras 2.15 wrote them)


def k2_initializer(name):
    config = {"seed": None} if name == "GlorotUniform" else {}
    return {"module": "keras.initializers", "class_name": name, "config": config, "registered_name": None}


def k2_layer(layer):
    """A Keras 2.15 `get_config()` entry for the seed model's layer classes."""
    c = {"name": layer.name, "trainable": True, "dtype": "float32"}
    if isinstance(layer, layers.Conv2D):
        c.update(filters=layer.filters, kernel_size=list(layer.kernel_size), strides=[1, 1], padding="valid",
                 data_format="channels_last", dilation_rate=[1, 1], groups=1, activation=layer.activation.__name__,
                 use_bias=True, kernel_initializer=k2_initializer("GlorotUniform"),
                 bias_initializer=k2_initializer("Zeros"), kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, bias_constraint=None)
    elif isinstance(layer, layers.MaxPooling2D):
        c.update(pool_size=[2, 2], padding="valid", strides=[2, 2], data_format="channels_last")
    elif isinstance(layer, layers.Flatten):
        c.update(data_format="channels_last")
    elif isinstance(layer, layers.Dense):
        c.update(units=layer.units, activation=layer.activation.__name__, use_bias=True,
                 kernel_initializer=k2_initializer("GlorotUniform"), bias_initializer=k2_initializer("Zeros"),
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None)
    else:
        raise ValueError(layer)
    return {"module": "keras.layers", "class_name": layer.__class__.__name__, "config": c, "registered_name": None}


def k2_input(name):
    return {"class_name": "InputLayer", "config": {"batch_input_shape": [None, SIZE, SIZE, 3], "dtype": "float32",
                                                   "sparse": False, "ragged": False, "name": name}}


seq_layers = [l for l in seq.layers]
k2_sequential = {"class_name": "Sequential", "config": {
    "name": "sequential", "layers": [k2_input("conv2d_input")] + [k2_layer(l) for l in seq_layers]},
    "keras_version": "2.15.0", "backend": "tensorflow"}

# ---------------------------------------------------------------- tfjs Layers model (converter-style)
os.makedirs(os.path.join(out, "tfjs"), exist_ok=True)
specs, blobs = [], []
for layer in seq_layers:
    for w, suffix in zip(layer.get_weights(), ["kernel", "bias"]):
        specs.append({"name": f"{layer.name}/{suffix}", "shape": list(w.shape), "dtype": "float32"})
        blobs.append(np.ascontiguousarray(w, dtype="<f4").tobytes())
with open(os.path.join(out, "tfjs", "group1-shard1of1.bin"), "wb") as f:
    f.write(b"".join(blobs))
with open(os.path.join(out, "tfjs", "model.json"), "w") as f:
    json.dump({"format": "layers-model", "generatedBy": "keras v2.15.0",
               "convertedBy": "convscope test/reference/keras_models.py",
               "modelTopology": {"keras_version": "2.15.0", "backend": "tensorflow", "model_config": k2_sequential},
               "weightsManifest": [{"paths": ["group1-shard1of1.bin"], "weights": specs}]}, f)

# ---------------------------------------------------------------- Keras 2 legacy HDF5 (functional layout)
k2_names = ["input_1"] + [l.name for l in seq_layers]
k2_functional_layers = [dict(k2_input("input_1"), name="input_1", inbound_nodes=[])]
for prev, layer in zip(k2_names, seq_layers):
    entry = k2_layer(layer)
    entry.update(name=layer.name, inbound_nodes=[[[prev, 0, 0, {}]]])
    k2_functional_layers.append(entry)
k2_functional = {"class_name": "Functional", "config": {
    "name": "model", "trainable": True, "layers": k2_functional_layers,
    "input_layers": [["input_1", 0, 0]], "output_layers": [[seq_layers[-1].name, 0, 0]]},
    "keras_version": "2.15.0", "backend": "tensorflow"}
with h5py.File(os.path.join(out, "keras2.h5"), "w") as f:
    f.attrs["keras_version"] = b"2.15.0"
    f.attrs["backend"] = b"tensorflow"
    f.attrs["model_config"] = json.dumps(k2_functional).encode()
    mw = f.create_group("model_weights")
    mw.attrs["layer_names"] = np.array([n.encode() for n in k2_names], dtype="S")
    mw.attrs["backend"] = b"tensorflow"
    mw.attrs["keras_version"] = b"2.15.0"
    mw.create_group("input_1").attrs["weight_names"] = np.array([], dtype="S1")
    for layer in seq_layers:
        g = mw.create_group(layer.name)
        ws = layer.get_weights()
        names = [f"{layer.name}/{s}:0" for s in ["kernel", "bias"][: len(ws)]]
        g.attrs["weight_names"] = np.array([n.encode() for n in names], dtype="S") if names else np.array([], "S1")
        for n, w in zip(names, ws):
            g.create_dataset(n, data=w)

# ---------------------------------------------------------------- models convscope must refuse
li = keras.Input(shape=(8, 8, 1))
lo = layers.Lambda(lambda t: t * 2.0, name="times_two")(li)
lo = layers.Flatten()(lo)
lambda_model = keras.Model(li, layers.Dense(1)(lo))
lambda_model.save(os.path.join(out, "lambda.keras"))
lambda_model.save(os.path.join(out, "lambda.h5"))


@keras.saving.register_keras_serializable(package="convscope_test")
class Doubler(layers.Layer):
    def call(self, t):
        return t * 2.0


ci = keras.Input(shape=(8, 8, 1))
custom_model = keras.Model(ci, layers.Dense(1)(layers.Flatten()(Doubler(name="doubler")(ci))))
custom_model.save(os.path.join(out, "custom.keras"))

# A built-in layer that TensorFlow.js does not have (data augmentation inside the model, as in Chollet's book).
unknown_model = keras.Sequential([keras.Input(shape=(8, 8, 1)), layers.RandomFlip("horizontal", name="flip"),
                                  layers.Flatten(), layers.Dense(1)])
unknown_model.save(os.path.join(out, "unknown.keras"))

with open(os.path.join(out, "manifest.json"), "w") as f:
    json.dump(manifest, f, indent=1)
print(json.dumps({"ok": True, "keras": keras.__version__}))
