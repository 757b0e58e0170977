"""Short real Keras trainings whose History convscope's charts summary must agree with.

usage: keras_history.py OUT_DIR
For patience 1, 2 and 3: a small convnet trained on a tiny random image set that it overfits, once without
callbacks (the full History, as json.dump(history.history) writes it, and as CSVLogger writes it) and once
with EarlyStopping(monitor='val_loss', patience=P) to record the epoch at which Keras really stopped.
"""
import json, os, sys
import numpy as np
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import keras
from keras import layers

out = sys.argv[1]
rng = np.random.default_rng(7)
x = rng.random((64, 24, 24, 3), dtype=np.float32)
y = (rng.random(64) > 0.5).astype("float32")
xv = rng.random((32, 24, 24, 3), dtype=np.float32)
yv = (rng.random(32) > 0.5).astype("float32")
EPOCHS = 12


def model():
    keras.utils.set_random_seed(1)
    m = keras.Sequential([
        keras.Input((24, 24, 3)),
        layers.Conv2D(8, 3, activation="relu"), layers.MaxPooling2D(2),
        layers.Flatten(), layers.Dense(32, activation="relu"), layers.Dense(1, activation="sigmoid"),
    ])
    m.compile(optimizer=keras.optimizers.RMSprop(learning_rate=0.003), loss="binary_crossentropy", metrics=["acc"])
    return m


full = model().fit(x, y, epochs=EPOCHS, batch_size=16, validation_data=(xv, yv), verbose=0,
                   callbacks=[keras.callbacks.CSVLogger(os.path.join(out, "history.csv"))])
with open(os.path.join(out, "history.json"), "w") as f:
    json.dump(full.history, f)

stops = {}
for patience in (1, 2, 3):
    es = keras.callbacks.EarlyStopping(monitor="val_loss", patience=patience)
    h = model().fit(x, y, epochs=EPOCHS, batch_size=16, validation_data=(xv, yv), verbose=0, callbacks=[es])
    # The same seed gives the same curve, so the stop happens on the full history's epochs.
    stops[patience] = {"epochs_run": len(h.history["loss"]), "stopped_epoch": int(es.stopped_epoch)}
json.dump({"epochs": EPOCHS, "stops": stops, "best_epoch": int(np.argmin(full.history["val_loss"])) + 1}, open(os.path.join(out, "reference.json"), "w"))
