import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces `path` so readers see either the old or the new content, never a partial file:
 * write a temp file in the same folder (rename is only atomic within one filesystem), fsync it, rename it over
 * the target. On any failure the temp file is removed and the error rethrown; the old file is untouched.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFileDurable(temp, data, 'wx');
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => {});
    throw error;
  }
  await syncDirectory(dirname(path));
}

/** Writes and fsyncs a file (not atomic by itself: callers write under a temporary name and rename). */
export async function writeFileDurable(path: string, data: string | Uint8Array, flag: 'w' | 'wx' = 'w'): Promise<void> {
  const handle = await open(path, flag);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes renames in `dir` durable; best effort because some platforms (Windows) cannot open a directory. */
export async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    await handle.sync().finally(() => handle.close());
  } catch {
    // The data is already in place; only crash-durability of the directory entry is not guaranteed.
  }
}
