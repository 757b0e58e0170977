import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import {
  HISTORY_FORMAT,
  HISTORY_FORMAT_VERSION,
  HistoryFormatError,
  METRIC_KEYS,
  type History,
  type HistoryMeta,
  type MetricKey,
  type SeriesKey,
} from './types.js';

/** Keras 2 logs `acc`, Keras 3 `accuracy` (or `binary_accuracy` when asked for by name). */
const ALIASES: Record<MetricKey, readonly string[]> = {
  acc: ['acc', 'accuracy', 'binary_accuracy'],
  loss: ['loss'],
  val_acc: ['val_acc', 'val_accuracy', 'val_binary_accuracy'],
  val_loss: ['val_loss'],
};

/** Words Python/Keras/pandas write for a value that is not a finite number. Keras 3's CSVLogger writes NA for absent keys. */
const GAP_WORDS = new Set(['', 'nan', '-nan', 'inf', '+inf', '-inf', 'infinity', '+infinity', '-infinity', 'na', 'null', 'none']);
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
// Guards against allocating huge arrays for a corrupt `epoch` column.
const MAX_EPOCHS = 1_000_000;

type RawSeries = Partial<Record<SeriesKey, number[]>>;

export async function readHistoryFile(path: string): Promise<History> {
  return parseHistory(await readFile(path, 'utf8'), path);
}

/** Parses convscope's history.json, a Keras `json.dump(history.history)` file or a Keras CSVLogger CSV. */
export function parseHistory(text: string, fileNameHint: string): History {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw new HistoryFormatError(fileNameHint, 'file is empty');
  const looksJson = /^\s*[{[]/.test(body) || extname(fileNameHint).toLowerCase() === '.json';
  return looksJson ? parseJsonHistory(body, fileNameHint) : parseCsvHistory(body, fileNameHint);
}

function parseJsonHistory(text: string, file: string): History {
  const fail = (problem: string): never => {
    throw new HistoryFormatError(file, problem);
  };
  let root: unknown;
  try {
    root = JSON.parse(nonFiniteTokensToNull(text));
  } catch (error) {
    return fail(`invalid JSON (${(error as Error).message})`);
  }
  if (!isObject(root)) return fail('expected a JSON object of per-epoch series');

  if (root.format !== undefined && root.format !== HISTORY_FORMAT) fail(`unknown format ${JSON.stringify(root.format)}`);
  if (root.format === HISTORY_FORMAT && root.version !== HISTORY_FORMAT_VERSION) {
    fail(`unsupported ${HISTORY_FORMAT} version ${JSON.stringify(root.version)} (expected ${HISTORY_FORMAT_VERSION})`);
  }
  // convscope's format nests the Keras dict under "history"; a plain Keras dump is that dict itself.
  const source = root.history === undefined ? root : root.history;
  if (!isObject(source)) return fail("'history' is not an object");
  if (root.meta !== undefined && !isObject(root.meta)) fail("'meta' is not an object");

  const raw: RawSeries = {};
  for (const key of METRIC_KEYS) {
    const name = ALIASES[key].find((alias) => source[alias] !== undefined);
    if (name !== undefined) raw[key] = jsonSeries(source[name], name, fail);
  }
  const times = root.epoch_time_s ?? source.epoch_time_s;
  if (times !== undefined) raw.epoch_time_s = jsonSeries(times, 'epoch_time_s', fail);
  return assemble(raw, file, root.meta as HistoryMeta | undefined);
}

/** Python's json.dump writes NaN, Infinity and -Infinity bare, which JSON.parse rejects; string contents are left alone. */
function nonFiniteTokensToNull(text: string): string {
  return text.replace(/("(?:[^"\\]|\\.)*")|[-+]?\b(?:Infinity|NaN|inf|nan)\b/g, (match, quoted: string | undefined) => quoted ?? 'null');
}

function jsonSeries(value: unknown, name: string, fail: (problem: string) => never): number[] {
  if (!Array.isArray(value)) return fail(`'${name}' is not an array`);
  return value.map((item, index) => {
    if (item === null) return NaN;
    if (typeof item === 'number') return Number.isFinite(item) ? item : NaN;
    const parsed = typeof item === 'string' ? parseNumberText(item) : undefined;
    return parsed ?? fail(`'${name}'[${index}] is not a number: ${JSON.stringify(item)}`);
  });
}

function parseCsvHistory(text: string, file: string): History {
  const lines = text.split(/\r\n|\n|\r/);
  const headerIndex = lines.findIndex((line) => line.trim() !== '');
  const headerLine = lines[headerIndex];
  const separator = guessSeparator(headerLine);
  const header = splitCsvLine(headerLine, separator).map((name) => name.trim());
  const fail = (problem: string): never => {
    throw new HistoryFormatError(file, problem);
  };

  const columns: Array<[SeriesKey, number]> = [];
  for (const key of METRIC_KEYS) {
    const column = ALIASES[key].map((alias) => header.indexOf(alias)).find((index) => index >= 0);
    if (column !== undefined) columns.push([key, column]);
  }
  if (!columns.some(([key]) => key === 'loss' || key === 'acc')) fail("no 'loss' or 'acc' column in the CSV header");
  const epochColumn = header.indexOf('epoch');

  const raw: RawSeries = Object.fromEntries(columns.map(([key]) => [key, [] as number[]]));
  let rows = 0;
  for (let i = headerIndex + 1; i < lines.length; i++) {
    if (lines[i].trim() === '' || lines[i] === headerLine) continue; // CSVLogger(append=True) repeats the header per run
    const lineNo = i + 1;
    const fields = splitCsvLine(lines[i], separator);
    if (fields.length !== header.length) fail(`line ${lineNo}: expected ${header.length} fields, found ${fields.length}`);
    // Rows are placed by their epoch number, so a resumed run overwrites the epochs it repeats.
    let epoch = rows;
    if (epochColumn >= 0) {
      const text = fields[epochColumn].trim();
      epoch = Number(text);
      if (!/^\d+$/.test(text) || epoch >= MAX_EPOCHS) fail(`line ${lineNo}: bad epoch '${text}'`);
    }
    for (const [key, column] of columns) {
      const value = parseNumberText(fields[column]);
      if (value === undefined) fail(`line ${lineNo}: '${header[column]}' value '${fields[column].trim()}' is not a number`);
      raw[key]![epoch] = value!;
    }
    rows++;
  }
  return assemble(raw, file);
}

/** CSVLogger accepts any `separator`; pick the likeliest from the header. */
function guessSeparator(headerLine: string): string {
  const counts = [',', ';', '\t'].map((sep) => [sep, headerLine.split(sep).length] as const);
  return counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

/** Minimal RFC 4180 field splitting: CSVLogger quotes list-valued logs like "[1, 2]". */
function splitCsvLine(line: string, separator: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) fields.push(field), (field = '');
    else field += ch;
  }
  fields.push(field);
  return fields;
}

/** A finite number, NaN for any spelling of "no value", or undefined when the text is not a number at all. */
function parseNumberText(text: string): number | undefined {
  const trimmed = text.trim();
  if (GAP_WORDS.has(trimmed.toLowerCase())) return NaN;
  if (!NUMBER.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : NaN;
}

function assemble(raw: RawSeries, file: string, meta?: HistoryMeta): History {
  if (raw.loss === undefined && raw.acc === undefined) throw new HistoryFormatError(file, "no 'loss' or 'acc' series found");
  const epochs = Math.max(...Object.values(raw).map((series) => series.length));
  if (epochs === 0) throw new HistoryFormatError(file, 'no epochs recorded');
  const history: History = { epochs };
  for (const [key, series] of Object.entries(raw) as Array<[SeriesKey, number[]]>) {
    // Shorter series (and CSV epochs never written) are padded with gaps so indices stay aligned.
    history[key] = Array.from({ length: epochs }, (_, i) => series[i] ?? NaN);
  }
  if (meta !== undefined) history.meta = meta;
  return history;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
