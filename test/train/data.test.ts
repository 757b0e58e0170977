import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatasetError } from '../../source/model/dataset.js';
import { prepareImage } from '../../source/model/image.js';
import { batchInput, BatchIndices, BatchPrefetcher, ImageCache, openTrainingData, type SkippedFile } from '../../source/train/data.js';
import { createDecoder, DecoderFailure, type DecoderKind } from '../../source/train/decode-pool.js';
import { seededRandom } from '../../source/train/random.js';
import { makeTinyDataset } from './fixtures/tiny-dataset.js';

test('classes are the sorted train/ sub-folders, labels 0/1 in that order, files sorted', async () => {
  const root = await makeTinyDataset({ perClass: 3, classes: ['dogs', 'cats'] });
  try {
    const data = openTrainingData(root);
    assert.deepEqual(data.classNames, ['cats', 'dogs']);
    assert.equal(data.train.files.length, 6);
    assert.deepEqual([...data.train.labels], [0, 0, 0, 1, 1, 1]);
    assert.match(data.train.files[0]!, /train\/cats\/cat\.0\.png$/);
    assert.equal(data.validation.files.length, 6);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a layout that does not fit a binary model is a one-line error naming the folder', async () => {
  const root = await makeTinyDataset({ perClass: 1, classes: ['a', 'b', 'c'] });
  try {
    assert.throws(() => openTrainingData(root), (e: Error) => e instanceof DatasetError && /train: found 3 class folders \(a, b, c\); the seed model is binary/.test(e.message) && !e.message.includes('\n'));
    rmSync(join(root, 'train', 'c'), { recursive: true });
    rmSync(join(root, 'validation'), { recursive: true });
    assert.throws(() => openTrainingData(root), /validation: no such folder/);
    assert.throws(() => openTrainingData(join(root, 'nope')), /nope: no such folder/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('BatchIndices walks like Keras: endless, short last batch, reshuffled each pass', () => {
  const it = new BatchIndices(5, 2, seededRandom(1));
  const pass1 = [it.next(), it.next(), it.next()];
  assert.deepEqual(pass1.map((b) => b.length), [2, 2, 1]);
  assert.deepEqual(pass1.flat().sort(), [0, 1, 2, 3, 4]);
  const pass2 = [it.next(), it.next(), it.next()];
  assert.deepEqual(pass2.flat().sort(), [0, 1, 2, 3, 4]);
  assert.notDeepEqual(pass1.flat(), pass2.flat()); // reshuffled (for this seed)
  const ordered = new BatchIndices(3, 2);
  assert.deepEqual([ordered.next(), ordered.next(), ordered.next()], [[0, 1], [2], [0, 1]]);
});

for (const kind of ['process', 'workers', 'in-process'] satisfies DecoderKind[]) {
  test(`prefetched batches hold prepareImage input and labels; a corrupt file is skipped and reported once (${kind} decoder)`, async () => {
    const root = await makeTinyDataset({ perClass: 2 });
    const decoder = createDecoder(kind, { height: 24, width: 24, channels: 3, interpolation: 'nearest' }, 2);
    try {
      writeFileSync(join(root, 'train', 'cats', 'x.jpg'), 'this is not a jpeg');
      const data = openTrainingData(root);
      assert.equal(data.train.files.length, 5);
      const skipped: SkippedFile[] = [];
      const batches = new BatchIndices(5, 5);
      const prefetcher = new BatchPrefetcher(data.train, () => batches.next(), decoder, new ImageCache(1 << 20), 24, (s) => skipped.push(s));
      const batch = (await prefetcher.next())!;
      assert.equal(batch.size, 4);
      assert.deepEqual([...batch.y], [0, 0, 1, 1]);
      const expected = (await prepareImage(data.train.files[0]!, { height: 24, width: 24, channels: 3, interpolation: 'nearest' })).input;
      assert.deepEqual(batchInput(batch).subarray(0, expected.length), expected);
      assert.equal(batch.pixels.length, 4 * 24 * 24 * 3);
      assert.equal(batch.pixels.buffer.byteLength % 4, 0);
      assert.equal(skipped.length, 1);
      assert.match(skipped[0]!.file, /x\.jpg$/);
      assert.match(skipped[0]!.reason, /not an image|cannot decode/);
      await prefetcher.next(); // second pass: served from the cache, the bad file not reported again
      assert.equal(skipped.length, 1);
    } finally {
      await decoder.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
}

test('non-image files in class folders are listed apart, never loaded', async () => {
  const root = await makeTinyDataset({ perClass: 1 });
  try {
    mkdirSync(join(root, 'train', 'dogs', 'nested'));
    writeFileSync(join(root, 'train', 'dogs', 'nested', 'notes.txt'), 'hi');
    const data = openTrainingData(root);
    assert.equal(data.train.files.length, 2);
    assert.deepEqual(data.train.nonImages.map((f) => f.split('/').pop()), ['notes.txt']);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('the decoding process fails every pending and later request once it is gone, and close() is idempotent', async () => {
  const root = await makeTinyDataset({ perClass: 1 });
  const decoder = createDecoder('process', { height: 24, width: 24, channels: 3, interpolation: 'nearest' }, 1);
  try {
    const file = openTrainingData(root).train.files[0]!;
    assert.equal((await decoder.decode(file)).length, 24 * 24 * 3);
    await decoder.close();
    await assert.rejects(decoder.decode(file), (e: Error) => e instanceof DecoderFailure);
    await decoder.close();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('the decoding process ignores SIGINT (Ctrl-C reaches the whole process group; the trainer handles it)', { skip: !existsSync(`/proc/self/task/${process.pid}/children`) }, async () => {
  const root = await makeTinyDataset({ perClass: 1 });
  const children = () => new Set(readFileSync(`/proc/self/task/${process.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number));
  const before = children();
  const decoder = createDecoder('process', { height: 24, width: 24, channels: 3, interpolation: 'nearest' }, 1);
  try {
    const file = openTrainingData(root).train.files[0]!;
    await decoder.decode(file);
    const started = [...children()].filter((pid) => !before.has(pid));
    assert.equal(started.length, 1);
    process.kill(started[0]!, 'SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal((await decoder.decode(file)).length, 24 * 24 * 3);
  } finally {
    await decoder.close();
    rmSync(root, { recursive: true, force: true });
  }
});
