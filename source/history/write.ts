import { HISTORY_FORMAT, HISTORY_FORMAT_VERSION, METRIC_KEYS, type History, type HistoryMeta, type JsonValue } from './types.js';

/**
 * convscope's history.json. Fixed key order, one series per line so diffs stay readable, non-finite values as null:
 * {"format":"convscope-history","version":1,"history":{"acc":[..],"loss":[..],"val_acc":[..],"val_loss":[..]},
 *  "epoch_time_s":[..],"meta":{..}}. Absent series, epoch_time_s and meta are omitted.
 */
export function historyToJson(history: History, meta: HistoryMeta | undefined = history.meta): string {
  const series = METRIC_KEYS.filter((key) => history[key] !== undefined).map(
    (key) => `    ${JSON.stringify(key)}: ${jsonArray(history[key]!)}`,
  );
  const lines = ['{', `  "format": ${JSON.stringify(HISTORY_FORMAT)},`, `  "version": ${HISTORY_FORMAT_VERSION},`];
  const tail = [series.length === 0 ? '  "history": {}' : `  "history": {\n${series.join(',\n')}\n  }`];
  if (history.epoch_time_s) tail.push(`  "epoch_time_s": ${jsonArray(history.epoch_time_s)}`);
  if (meta !== undefined) tail.push(`  "meta": ${JSON.stringify(sortKeys(meta), null, 2).replace(/\n/g, '\n  ')}`);
  return `${lines.join('\n')}\n${tail.join(',\n')}\n}\n`;
}

/** Keras CSVLogger layout: `epoch` (0-based) then the logged keys sorted, Python spellings for non-finite values. */
export function historyToCsv(history: History): string {
  const keys = METRIC_KEYS.filter((key) => history[key] !== undefined);
  const rows = [['epoch', ...keys].join(',')];
  for (let epoch = 0; epoch < history.epochs; epoch++) {
    rows.push([String(epoch), ...keys.map((key) => pythonNumber(history[key]![epoch]))].join(','));
  }
  return `${rows.join('\n')}\n`;
}

// JS prints the shortest text that parses back to the same double, so no precision is lost.
const jsonArray = (values: number[]) => `[${values.map((v) => (Number.isFinite(v) ? String(v) : 'null')).join(', ')}]`;

function pythonNumber(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  return String(value);
}

/** Sorted keys make the output independent of how the caller built the object. */
function sortKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys(value[key])]));
}
