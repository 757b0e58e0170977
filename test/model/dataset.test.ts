import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { classFolders, DatasetError, labelFromFileName, openImageFolder } from '../../source/model/dataset.js';
import { makeImageTree, tempDir, writeImage } from '../helpers/fixtures.js';

test('the cats_and_dogs layout: classes from train/ sub-folders, sorted, and true labels', async () => {
  const dir = tempDir();
  try {
    await makeImageTree(dir.path, ['dogs', 'cats'], 2);
    writeFileSync(join(dir.path, 'train', 'cats', 'notes.txt'), 'not an image');
    const folder = openImageFolder(dir.path);
    assert.deepEqual(folder.classNames, ['cats', 'dogs']);
    assert.equal(folder.images.length, 8);
    assert.equal(folder.skipped, 1);
    for (const image of folder.images) {
      const expected = image.path.includes(`${join('', 'cats')}/`) ? 0 : 1;
      assert.equal(image.label, expected, image.path);
    }
  } finally {
    dir.cleanup();
  }
});

test('a folder of class folders (flow_from_directory on it) and a flat folder', async () => {
  const dir = tempDir();
  try {
    for (const c of ['b', 'a', 'C']) {
      mkdirSync(join(dir.path, 'classes', c), { recursive: true });
      await writeImage(join(dir.path, 'classes', c, 'x.png'), 1);
    }
    // Python's sorted(): upper case before lower case.
    assert.deepEqual(openImageFolder(join(dir.path, 'classes')).classNames, ['C', 'a', 'b']);
    mkdirSync(join(dir.path, 'flat'));
    await writeImage(join(dir.path, 'flat', 'cat-1.png'), 1);
    const flat = openImageFolder(join(dir.path, 'flat'));
    assert.deepEqual(flat.classNames, []);
    assert.equal(flat.images[0]!.label, null);
  } finally {
    dir.cleanup();
  }
});

test('class folders ignore hidden folders', () => {
  const dir = tempDir();
  try {
    mkdirSync(join(dir.path, '.cache'));
    mkdirSync(join(dir.path, 'dogs'));
    assert.deepEqual(classFolders(dir.path), ['dogs']);
  } finally {
    dir.cleanup();
  }
});

test('true labels from file names like cat.0.jpg or cat-chelsea.jpg', () => {
  const classes = ['cats', 'dogs'];
  assert.equal(labelFromFileName('/x/cat.0.jpg', classes), 0);
  assert.equal(labelFromFileName('/x/cat-chelsea.jpg', classes), 0);
  assert.equal(labelFromFileName('/x/dog-german-shepherd.jpg', classes), 1);
  assert.equal(labelFromFileName('/x/caterpillar.jpg', classes), null);
  assert.equal(labelFromFileName('/x/photo.jpg', classes), null);
});

test('missing folders, files and empty folders are one-line errors', () => {
  const dir = tempDir();
  try {
    assert.throws(() => openImageFolder(join(dir.path, 'nope')), (e: Error) => e instanceof DatasetError && /no such folder/.test(e.message));
    writeFileSync(join(dir.path, 'f.png'), 'x');
    assert.throws(() => openImageFolder(join(dir.path, 'f.png')), /not a folder/);
    mkdirSync(join(dir.path, 'empty'));
    assert.throws(() => openImageFolder(join(dir.path, 'empty')), /no images found/);
  } finally {
    dir.cleanup();
  }
});
