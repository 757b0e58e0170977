import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../source/util/atomic-write.js';

const tempDir = () => mkdtemp(join(tmpdir(), 'convscope-atomic-'));

test('replaces the content and leaves no temp file behind', async () => {
  const dir = await tempDir();
  const target = join(dir, 'history.json');
  await writeFile(target, 'old content that is longer than the new one');
  await writeFileAtomic(target, '{"new": true}');
  assert.equal(await readFile(target, 'utf8'), '{"new": true}');
  assert.deepEqual(await readdir(dir), ['history.json']);
});

test('creates a missing file and accepts bytes', async () => {
  const dir = await tempDir();
  const target = join(dir, 'grid.bin');
  await writeFileAtomic(target, new Uint8Array([0, 255, 7]));
  assert.deepEqual([...(await readFile(target))], [0, 255, 7]);
  assert.deepEqual(await readdir(dir), ['grid.bin']);
});

test('a write that fails after the temp file exists keeps the old file and removes the temp file', async () => {
  const dir = await tempDir();
  const target = join(dir, 'history.json');
  await writeFile(target, 'old');
  // Not a string or bytes: fails inside the write, after the temp file was opened.
  await assert.rejects(writeFileAtomic(target, 42 as unknown as string), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.equal(await readFile(target, 'utf8'), 'old');
  assert.deepEqual(await readdir(dir), ['history.json']);
});

test('a failing rename (target is a non-empty directory) removes the temp file', async () => {
  const dir = await tempDir();
  const target = join(dir, 'taken');
  await mkdir(target);
  await writeFile(join(target, 'keep'), 'x');
  await assert.rejects(writeFileAtomic(target, 'data'));
  assert.deepEqual(await readdir(dir), ['taken']);
  assert.equal(await readFile(join(target, 'keep'), 'utf8'), 'x');
});

test('a path whose parent is a file fails without touching anything', async () => {
  const dir = await tempDir();
  await writeFile(join(dir, 'file'), 'old');
  await assert.rejects(writeFileAtomic(join(dir, 'file', 'history.json'), 'data'), { code: 'ENOTDIR' });
  assert.deepEqual(await readdir(dir), ['file']);
  assert.equal(await readFile(join(dir, 'file'), 'utf8'), 'old');
});

test('a read-only folder fails and keeps the old file', { skip: process.getuid?.() === 0 ? 'root ignores permissions' : false }, async () => {
  const dir = await tempDir();
  const target = join(dir, 'history.json');
  await writeFile(target, 'old');
  await chmod(dir, 0o555);
  try {
    await assert.rejects(writeFileAtomic(target, 'new'), { code: 'EACCES' });
    assert.equal(await readFile(target, 'utf8'), 'old');
    assert.deepEqual(await readdir(dir), ['history.json']);
  } finally {
    await chmod(dir, 0o755);
  }
});

test('concurrent writes each land whole: the result is one of them and no temp files remain', async () => {
  const dir = await tempDir();
  const target = join(dir, 'history.json');
  const payloads = Array.from({ length: 8 }, (_, i) => String(i).repeat(100_000));
  await Promise.all(payloads.map((p) => writeFileAtomic(target, p)));
  assert.ok(payloads.includes(await readFile(target, 'utf8')));
  assert.deepEqual(await readdir(dir), ['history.json']);
});
