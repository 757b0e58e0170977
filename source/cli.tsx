#!/usr/bin/env node
// Parses flags and picks interactive (Ink) or plain output. Everything else lives in the modules it calls.
import meow from 'meow';
import { describeError, exitCodeOf, UsageError } from './app/errors.js';
import { parseOptions, type Command } from './app/options.js';

const FLAGS = {
  model: { type: 'string' },
  images: { type: 'string' },
  image: { type: 'string' },
  history: { type: 'string' },
  seed: { type: 'number' },
  colormap: { type: 'string', default: 'viridis' },
  interpolation: { type: 'string', default: 'nearest' },
  color: { type: 'string', default: 'auto' },
  print: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  export: { type: 'string' },
  layer: { type: 'string' },
  width: { type: 'number' },
  height: { type: 'number' },
  data: { type: 'string' },
  out: { type: 'string' },
  epochs: { type: 'number' },
  batchSize: { type: 'number' },
  stepsPerEpoch: { type: 'number' },
  validationSteps: { type: 'number' },
  learningRate: { type: 'number' },
  imageSize: { type: 'number' },
  resume: { type: 'boolean', default: false },
  patience: { type: 'number', default: 2 },
  debug: { type: 'boolean', default: false },
} as const;

const cli = meow(`
  Usage
    $ convscope [inspect] [options]          step through a convnet's feature maps (default)
    $ convscope train --data DIR --out RUN   train the cats-vs-dogs convnet natively
    $ convscope charts --history FILE        accuracy and loss curves of a training run
    $ convscope compress --model M --out DIR  8-bit weights, no optimizer state (4× smaller)
    $ convscope doctor [--json]              backend, TensorFlow, terminal

  Inspect
    --model PATH          tfjs model.json or folder (default: samples/model)
    --images DIR          image folder; train|validation/<class>/ gives true labels (default: samples/images)
    --image FILE          start on this image
    --history FILE        history for the charts view (default: next to the model)
    --seed N              reproducible random image choice
    --colormap NAME       viridis (default), magma, inferno, plasma, cividis, gray
    --interpolation M     nearest (Keras default) or bilinear
    --color MODE          auto, truecolor, 256, 16, none (NO_COLOR is honoured)
    --print               print every layer and exit (default when stdout is not a TTY)
    --json                one JSON document: prediction and per-layer stats
    --export DIR          PNG grids, .npy activations, input and summary.json
    --layer NAME|INDEX    limit --print/--json/--export to one layer
    --width N --height N  size of printed output in cells

  Train
    --data DIR --out RUN_DIR --epochs 15 --batch-size 20 --steps-per-epoch 100
    --validation-steps 50 --learning-rate 0.001 --image-size 150 --resume --seed N --print

  Charts
    --history FILE        convscope history.json, Keras history JSON or CSVLogger CSV
    --patience P          EarlyStopping patience for the summary (default 2)
    --print / --json

  Global
    --debug               show stack traces
`, {
  importMeta: import.meta,
  allowUnknownFlags: true, // reported below as one line with exit code 2
  flags: FLAGS,
});

const debug = cli.flags.debug;
// React's development build inspects component props on every commit; with typed arrays of activations
// in props that delayed each frame by 100–800 ms. Ink and React are imported lazily, after this line.
process.env.NODE_ENV ??= 'production';

async function main(): Promise<number> {
  const known = new Set(['help', 'version', ...Object.keys(FLAGS)]);
  const camel = (k: string) => k.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  const unknown = Object.keys(cli.unnormalizedFlags).find((k) => !known.has(camel(k)));
  if (unknown) throw new UsageError(`unknown flag --${unknown} (see convscope --help)`);
  const options = parseOptions(cli.input, cli.flags, { stdoutIsTTY: Boolean(process.stdout.isTTY), env: process.env });
  return run(options.command, options);
}

async function run(command: Command, options: ReturnType<typeof parseOptions>): Promise<number> {
  const interactive = !options.plain;
  switch (command) {
    case 'doctor': {
      const { doctorReport, formatDoctor } = await import('./plain/doctor.js');
      const report = await doctorReport();
      process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatDoctor(report)}\n`);
      return 0;
    }
    case 'inspect': {
      if (interactive) return (await import('./ui/run-inspector.js')).runInspector(options.inspect);
      return (await import('./plain/inspect.js')).runPlainInspect(options.inspect, options);
    }
    case 'charts':
      return (await import('./plain/charts.js')).runCharts(options.charts, options);
    case 'compress': {
      if (!options.train.out || !options.inspect.modelGiven) throw new UsageError('compress needs --model PATH and --out DIR');
      const { compressModel } = await import('./model/compress.js');
      const r = compressModel(options.inspect.model, options.train.out);
      process.stdout.write(`${r.out}: ${(r.before / 1048576).toFixed(1)} MB → ${(r.after / 1048576).toFixed(1)} MB of weights\n`);
      return 0;
    }
    case 'train':
      if (interactive) return (await import('./ui/run-train.js')).runTrainInteractive(options.train);
      return (await import('./plain/train.js')).runPlainTrain(options.train);
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${describeError(error, debug)}\n`);
    process.exitCode = exitCodeOf(error);
  },
);

// Anything that escapes: the same one line, and process.exit runs the terminal restore (ui/terminal.ts).
for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
  process.on(event, (error: unknown) => {
    process.stderr.write(`${describeError(error, debug)}\n`);
    process.exit(exitCodeOf(error));
  });
}

export { UsageError };
