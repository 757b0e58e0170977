// Accuracy and loss of a model on every image of DATA/validation (or DATA/<split>), with convscope's
// Keras-exact preprocessing: `node --import tsx test/bench/evaluate.ts MODEL DATA [split]`.
import { join } from 'node:path';
import { loadBackend } from '../../source/model/backend.js';
import { classFolders, isImageFile } from '../../source/model/dataset.js';
import { prepareImage } from '../../source/model/image.js';
import { loadModel } from '../../source/model/load.js';
import { readdirSync } from 'node:fs';

export async function evaluate(modelPath: string, data: string, split = 'validation') {
  const { tf } = await loadBackend();
  const loaded = await loadModel(tf, modelPath);
  const { height, width, channels } = loaded.input;
  const root = join(data, split);
  const classes = classFolders(root);
  const files = classes.flatMap((c, label) => readdirSync(join(root, c)).filter(isImageFile).sort().map((f) => ({ path: join(root, c, f), label })));
  let correct = 0, loss = 0;
  for (let i = 0; i < files.length; i += 50) {
    const batch = files.slice(i, i + 50);
    const inputs = await Promise.all(batch.map((f) => prepareImage(f.path, { height, width, channels, interpolation: 'nearest' })));
    const x = tf.tensor4d(Float32Array.from(inputs.flatMap((p) => Array.from(p.input))), [batch.length, height, width, channels]);
    const y = loaded.model.predict(x) as ReturnType<typeof tf.tensor2d>;
    const p = await y.data();
    tf.dispose([x, y]);
    batch.forEach((f, k) => {
      const q = Math.min(1 - 1e-7, Math.max(1e-7, p[k]!));
      if ((q >= 0.5 ? 1 : 0) === f.label) correct++;
      loss -= f.label ? Math.log(q) : Math.log(1 - q);
    });
  }
  return { images: files.length, accuracy: correct / files.length, loss: loss / files.length, classes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [model, data, split] = process.argv.slice(2);
  const r = await evaluate(model!, data!, split);
  console.log(`${model}: ${split ?? 'validation'} accuracy ${(r.accuracy * 100).toFixed(2)}% (${r.images} images, classes ${r.classes.join('/')}), loss ${r.loss.toFixed(4)}`);
}
