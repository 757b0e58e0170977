// One error path: every failure a user can cause becomes one line on stderr and an exit code.
import { DatasetError } from '../model/dataset.js';
import { ModelLoadError } from '../model/errors.js';
import { ImageError } from '../model/image.js';
import { NativeBackendRequiredError } from '../model/backend.js';
import { HistoryFormatError } from '../history/types.js';
import { CheckpointError } from '../train/checkpoint.js';
import { TrainUsageError } from '../train/options.js';

import { UsageError, UserError } from '../errors.js';

export { UsageError, UserError };

const USER_ERRORS = [UserError, DatasetError, ModelLoadError, ImageError, NativeBackendRequiredError, HistoryFormatError, CheckpointError, TrainUsageError];

export function exitCodeOf(error: unknown): number {
  if (error instanceof UsageError || error instanceof TrainUsageError) return 2;
  return 1;
}

export function isExpected(error: unknown): boolean {
  return error instanceof UsageError || USER_ERRORS.some((E) => error instanceof E) ||
    (error instanceof Error && (error as { userFacing?: boolean }).userFacing === true);
}

/** The one line printed for an error; a stack only with --debug. */
export function describeError(error: unknown, debug: boolean): string {
  if (debug && error instanceof Error && error.stack) return error.stack;
  const message = error instanceof Error ? error.message : String(error);
  const first = message.split('\n')[0]!.trim();
  if (isExpected(error)) return `convscope: ${first}`;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const path = (error as NodeJS.ErrnoException | undefined)?.path;
  if (code === 'ENOSPC') return `convscope: ${path ?? 'output'}: no space left on device; free some space and try again`;
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return `convscope: ${path ?? 'output'}: cannot write here (${code}); choose another folder`;
  return `convscope: unexpected error: ${first} (run again with --debug for details)`;
}
