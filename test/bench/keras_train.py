"""Keras side of test/bench/train-throughput.ts: the seed notebook's model and model.fit, timed per batch.

Prints one JSON line: images/s per epoch (training steps only), epoch wall times, peak RSS.
--loader idg      ImageDataGenerator(rescale=1/255).flow_from_directory(...), exactly the seed notebook. Keras 3
                  removed it from the public API; it still ships as keras.src.legacy.preprocessing.image.
--loader dataset  keras.utils.image_dataset_from_directory (its replacement: tf.data, parallel decoding) with the
                  same settings: 150x150, nearest, batch 20, binary labels, shuffled; rescaled by 1/255.
"""
import argparse, json, os, resource, sys, time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import keras  # noqa: E402
import tensorflow as tf  # noqa: E402
from keras import layers  # noqa: E402

p = argparse.ArgumentParser()
p.add_argument("--data", required=True)
p.add_argument("--epochs", type=int, default=3)
p.add_argument("--steps", type=int, default=20)
p.add_argument("--validation-steps", type=int, default=10)
p.add_argument("--batch-size", type=int, default=20)
p.add_argument("--image-size", type=int, default=150)
p.add_argument("--loader", choices=["idg", "dataset"], default="idg")
a = p.parse_args()
size = (a.image_size, a.image_size)
train_dir, val_dir = os.path.join(a.data, "train"), os.path.join(a.data, "validation")

if a.loader == "idg":
    from keras.src.legacy.preprocessing.image import ImageDataGenerator

    gen = ImageDataGenerator(rescale=1.0 / 255)
    train = gen.flow_from_directory(train_dir, target_size=size, batch_size=a.batch_size, class_mode="binary")
    val = ImageDataGenerator(rescale=1.0 / 255).flow_from_directory(val_dir, target_size=size, batch_size=a.batch_size, class_mode="binary")
else:
    def load(d, shuffle):
        ds = keras.utils.image_dataset_from_directory(d, labels="inferred", label_mode="binary", image_size=size,
                                                      interpolation="nearest", batch_size=a.batch_size, shuffle=shuffle)
        return ds.map(lambda x, y: (tf.cast(x, tf.float32) / 255.0, y)).repeat()
    train, val = load(train_dir, True), load(val_dir, False)

model = keras.Sequential([
    keras.Input((a.image_size, a.image_size, 3)),
    layers.Conv2D(16, 3, activation="relu"), layers.MaxPooling2D(2),
    layers.Conv2D(32, 3, activation="relu"), layers.MaxPooling2D(2),
    layers.Conv2D(64, 3, activation="relu"), layers.MaxPooling2D(2),
    layers.Flatten(), layers.Dense(512, activation="relu"), layers.Dense(1, activation="sigmoid"),
])
model.compile(loss="binary_crossentropy", optimizer=keras.optimizers.RMSprop(learning_rate=0.001), metrics=["acc"])


class Timer(keras.callbacks.Callback):
    def __init__(self):
        super().__init__()
        self.epochs = []

    def on_epoch_begin(self, epoch, logs=None):
        self.epoch_start = self.last = time.perf_counter()
        self.train_seconds = 0.0

    def on_train_batch_end(self, batch, logs=None):
        now = time.perf_counter()
        self.train_seconds += now - self.last  # includes waiting for the data, as convscope's measure does
        self.last = now

    def on_epoch_end(self, epoch, logs=None):
        wall = time.perf_counter() - self.epoch_start
        self.epochs.append({"trainSeconds": self.train_seconds, "epochSeconds": wall,
                            "imagesPerSecond": a.steps * a.batch_size / self.train_seconds,
                            "acc": float(logs["acc"]), "val_acc": float(logs["val_acc"])})


timer = Timer()
model.fit(train, steps_per_epoch=a.steps, epochs=a.epochs, validation_data=val, validation_steps=a.validation_steps,
          callbacks=[timer], verbose=0)
peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # Linux: KiB
print(json.dumps({"tool": f"keras-{a.loader}", "versions": {"tensorflow": tf.__version__, "keras": keras.__version__},
                  "epochs": timer.epochs, "peakRssMiB": peak_kb / 1024}))
sys.stdout.flush()
