"""Keras side of test/model/image-reference.test.ts: test images and what Keras's preprocessing makes of them.

Usage: keras_images.py OUT_DIR

Writes into OUT_DIR:
  <name>.<ext>                                 generated images (fixed seed), see IMAGES
  <name>.<color_mode>.<interpolation>.npy      img_to_array(load_img(file, color_mode=..., target_size=(150, 150),
                                               interpolation=...)) / 255, float32, shape (150, 150, 1 or 3)
  manifest.json                                {"images": [{"file", "mode" (PIL mode), "size"}], "cases": [...]}
load_img and img_to_array are Pillow and numpy whatever the Keras backend (importing Keras still loads TensorFlow).
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402
import keras  # noqa: E402

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(20240601)
TARGET = (150, 150)


def scene(width, height):
    """A photo-like RGB image: gradients, hard edges (a disc and stripes) and noise."""
    y, x = np.mgrid[0:height, 0:width].astype("float64")
    r = 255 * x / (width - 1)
    g = 255 * y / (height - 1)
    b = 128 + 100 * np.sin(x / 7.0) * np.cos(y / 11.0)
    disc = (x - width * 0.6) ** 2 + (y - height * 0.4) ** 2 < (min(width, height) * 0.25) ** 2
    stripes = (x.astype(int) // 9) % 2 == 0
    img = np.stack([r, g, b], axis=-1)
    img[disc] = [240, 30, 60]
    img[stripes & (y < height * 0.2)] = [10, 10, 10]
    img += rng.normal(0, 12, img.shape)
    return img.clip(0, 255).astype("uint8")


rgb = scene(451, 300)
IMAGES = []


def save(name, image, **params):
    image.save(os.path.join(out, name), **params)
    IMAGES.append({"file": name, "mode": image.mode, "size": list(image.size)})


save("photo.jpg", Image.fromarray(rgb, "RGB"), quality=90)             # 4:2:0 chroma subsampling (Pillow default)
save("photo.png", Image.fromarray(rgb, "RGB"))
alpha = (np.linspace(0, 255, 451)[None, :] * np.ones((300, 1))).astype("uint8")
save("rgba.png", Image.fromarray(np.dstack([rgb, alpha]), "RGBA"))   # alpha is dropped, not composited
save("gray.png", Image.fromarray(rgb, "RGB").convert("L"))
save("palette.png", Image.fromarray(rgb, "RGB").quantize(colors=64, method=Image.Quantize.MEDIANCUT))
pal_t = Image.fromarray(rgb, "RGB").quantize(colors=32, method=Image.Quantize.MEDIANCUT)
save("palette-transparent.png", pal_t, transparency=3)
save("small.png", Image.fromarray(scene(100, 67), "RGB"))              # upscaled on both axes
save("odd.png", Image.fromarray(scene(299, 149), "RGB"))               # down on x, up on y, odd sizes
save("exact.png", Image.fromarray(scene(150, 150), "RGB"))             # no resizing at all

cases = []
for image in IMAGES:
    for color_mode in ["rgb", "grayscale"]:
        for interpolation in ["nearest", "bilinear"]:
            img = keras.utils.load_img(os.path.join(out, image["file"]), color_mode=color_mode,
                                       target_size=TARGET, interpolation=interpolation)
            arr = keras.utils.img_to_array(img) / 255
            assert arr.dtype == np.float32, arr.dtype
            npy = f'{image["file"]}.{color_mode}.{interpolation}.npy'
            np.save(os.path.join(out, npy), arr)
            cases.append({"file": image["file"], "colorMode": color_mode, "interpolation": interpolation,
                          "npy": npy, "shape": list(arr.shape)})

with open(os.path.join(out, "manifest.json"), "w") as f:
    json.dump({"images": IMAGES, "cases": cases, "keras": keras.__version__,
               "pillow": Image.__version__ if hasattr(Image, "__version__") else None}, f, indent=1)
print(json.dumps({"ok": True, "cases": len(cases)}))
