/**
 * Per-epoch training curves, as Keras' `history.history` records them (key names kept).
 * Missing, NaN and infinite values are all stored as NaN: a gap in the curve.
 */
export interface History {
  /** Number of epochs; every series present has exactly this length (index 0 = epoch 1). */
  epochs: number;
  acc?: number[];
  val_acc?: number[];
  loss?: number[];
  val_loss?: number[];
  /** Wall-clock seconds per epoch (convscope's own files only). */
  epoch_time_s?: number[];
  /** Free-form provenance copied from a convscope history.json (model name, date, ...). */
  meta?: HistoryMeta;
}

export type SeriesKey = 'acc' | 'val_acc' | 'loss' | 'val_loss' | 'epoch_time_s';

/** Keras CSVLogger writes its columns sorted, so this is also our canonical order. */
export const METRIC_KEYS = ['acc', 'loss', 'val_acc', 'val_loss'] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];

export type HistoryMeta = { [key: string]: JsonValue };
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export const HISTORY_FORMAT = 'convscope-history';
export const HISTORY_FORMAT_VERSION = 1;

/** Thrown for any file we cannot read as a history; the message is one line starting with the file name. */
export class HistoryFormatError extends Error {
  override name = 'HistoryFormatError';
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`.replace(/\s*[\r\n]+\s*/g, ' '));
  }
}
