import { mkdirSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../errors.js';

/**
 * Writes `files` into folder `dir` all or nothing: into a hidden staging folder beside it first, moved in only
 * when every file is written, so an error or Ctrl-C never leaves half the files (or a partial one) in `dir`.
 * The parent of `dir` must exist. Returns the paths written.
 */
export function writeFilesInto(dir: string, files: Array<[string, string | Uint8Array]>): string[] {
  const target = checkFolderTarget(dir);
  const staging = mkdtempSync(join(dirname(target), `.${basename(target)}.tmp-`));
  const onInterrupt = () => {
    rmSync(staging, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', onInterrupt);
  try {
    for (const [name, data] of files) writeFileSync(join(staging, name), data);
    mkdirSync(target, { recursive: true });
    for (const [name] of files) renameSync(join(staging, name), join(target, name));
    return files.map(([name]) => join(target, name));
  } finally {
    process.off('SIGINT', onInterrupt);
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Fails (one line) when `dir` exists as a file; call it early to fail before any slow work. */
export function checkFolderTarget(dir: string): string {
  const target = resolve(dir);
  if (statSync(target, { throwIfNoEntry: false })?.isFile()) throw new UserError(`${dir}: exists and is not a folder`);
  return target;
}
