// Turns parsed flags into typed, validated options for each command. Wrong usage → UsageError (exit 2).
import { isColormapName, colormapNames } from '../render/colormap.js';
import { colorOptionValues, parseColorOption } from '../render/color-level.js';
import { UsageError } from '../errors.js';
import { sampleImages, sampleModel } from './paths.js';

export type Command = 'inspect' | 'train' | 'charts' | 'compress' | 'doctor';
const COMMANDS: Command[] = ['inspect', 'train', 'charts', 'compress', 'doctor'];

export interface InspectOptions {
  model: string;
  /** --model was given (not the sample default). */
  modelGiven: boolean;
  images: string;
  image?: string;
  history?: string;
  seed?: number;
  colormap: string;
  interpolation: 'nearest' | 'bilinear';
  colorLevel: 0 | 1 | 2 | 3 | 'auto';
  layer?: string;
  width?: number;
  height?: number;
  patience: number;
}

export interface TrainFlags {
  data?: string;
  out?: string;
  epochs?: number;
  batchSize?: number;
  stepsPerEpoch?: number;
  validationSteps?: number;
  learningRate?: number;
  imageSize?: number;
  resume: boolean;
  seed?: number;
}

export interface ChartsOptions {
  history?: string;
  patience: number;
  width?: number;
  height?: number;
  colorLevel: 0 | 1 | 2 | 3 | 'auto';
}

export interface Options {
  command: Command;
  /** Plain text instead of Ink: --print/--json/--export, or stdout is not a TTY. */
  plain: boolean;
  print: boolean;
  json: boolean;
  exportDir?: string;
  inspect: InspectOptions;
  train: TrainFlags;
  charts: ChartsOptions;
}

type Flags = Record<string, unknown>;

const ONLY: Record<string, Command[]> = {
  data: ['train'], out: ['train', 'compress'], epochs: ['train'], batchSize: ['train'], stepsPerEpoch: ['train'],
  validationSteps: ['train'], learningRate: ['train'], imageSize: ['train'], resume: ['train'],
  model: ['inspect', 'compress'], images: ['inspect'], image: ['inspect'], export: ['inspect'], layer: ['inspect'],
  colormap: ['inspect'], interpolation: ['inspect'],
};

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export function parseOptions(input: string[], flags: Flags, env: { stdoutIsTTY: boolean; env: NodeJS.ProcessEnv }): Options {
  if (input.length > 1) throw new UsageError(`unexpected argument "${input[1]}" (see convscope --help)`);
  const command = (input[0] ?? 'inspect') as Command;
  if (!COMMANDS.includes(command)) throw new UsageError(`unknown command "${input[0]}"; use one of ${COMMANDS.join(', ')}`);
  for (const [flag, commands] of Object.entries(ONLY)) {
    const value = flags[flag];
    const isDefault = value === undefined || value === false || (flag === 'colormap' && value === 'viridis') || (flag === 'interpolation' && value === 'nearest');
    if (!isDefault && !commands.includes(command)) throw new UsageError(`--${kebab(flag)} is not an option of "${command}"`);
  }
  for (const name of ['seed', 'width', 'height', 'epochs', 'batchSize', 'stepsPerEpoch', 'validationSteps', 'imageSize', 'patience', 'learningRate']) {
    const v = flags[name];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v))) throw new UsageError(`--${kebab(name)} needs a number`);
  }
  for (const name of ['width', 'height']) {
    const v = flags[name] as number | undefined;
    if (v !== undefined && (!Number.isInteger(v) || v < 10 || v > 2000)) throw new UsageError(`--${name} must be a whole number from 10 to 2000`);
  }
  const colormap = String(flags.colormap ?? 'viridis');
  if (!isColormapName(colormap)) throw new UsageError(`--colormap ${colormap} is unknown; use one of ${colormapNames.join(', ')}`);
  const interpolation = String(flags.interpolation ?? 'nearest');
  if (interpolation !== 'nearest' && interpolation !== 'bilinear') throw new UsageError(`--interpolation must be nearest or bilinear`);
  const colorLevel = parseColorOption(String(flags.color ?? 'auto'));
  if (colorLevel === undefined) throw new UsageError(`--color must be one of ${colorOptionValues.join(', ')}`);
  const patience = Number(flags.patience ?? 2);
  if (!Number.isInteger(patience) || patience < 1) throw new UsageError('--patience must be a whole number ≥ 1');
  const json = Boolean(flags.json);
  const print = Boolean(flags.print);
  const exportDir = flags.export as string | undefined;
  if (exportDir === '') throw new UsageError('--export needs a folder');
  const str = (k: string) => (flags[k] === undefined ? undefined : String(flags[k]));
  const num = (k: string) => flags[k] as number | undefined;
  return {
    command,
    plain: json || print || exportDir !== undefined || !env.stdoutIsTTY,
    print,
    json,
    exportDir,
    inspect: {
      model: str('model') ?? sampleModel,
      modelGiven: flags.model !== undefined,
      images: str('images') ?? sampleImages,
      image: str('image'),
      history: str('history'),
      seed: num('seed'),
      colormap,
      interpolation,
      colorLevel,
      layer: str('layer'),
      width: num('width'),
      height: num('height'),
      patience,
    },
    train: {
      data: str('data'), out: str('out'), epochs: num('epochs'), batchSize: num('batchSize'),
      stepsPerEpoch: num('stepsPerEpoch'), validationSteps: num('validationSteps'),
      learningRate: num('learningRate'), imageSize: num('imageSize'), resume: Boolean(flags.resume), seed: num('seed'),
    },
    charts: { history: str('history'), patience, width: num('width'), height: num('height'), colorLevel },
  };
}
