// Terminal colour support, decided from an injected environment so it can be tested.
// Modelled on supports-color v10 (which reads process.env/argv at import time, so cannot be injected),
// plus NO_COLOR (no-color.org), COLORTERM=24bit and tmux.

export type ColorLevel = 0 | 1 | 2 | 3;
export type Env = Readonly<Record<string, string | undefined>>;

/** FORCE_COLOR as supports-color reads it: '' / 'true' -> 1, 'false' -> 0, '0'..'3' (higher clamps to 3). */
function forcedLevel(env: Env): ColorLevel | undefined {
  const v = env.FORCE_COLOR;
  if (v === undefined) return undefined;
  if (v === '' || v === 'true') return 1;
  if (v === 'false') return 0;
  const n = Number.parseInt(v, 10);
  return Number.isNaN(n) || n < 0 ? undefined : (Math.min(n, 3) as ColorLevel);
}

function detectFromTerminal(env: Env): ColorLevel {
  const term = env.TERM ?? '';
  const colorterm = env.COLORTERM;
  if (colorterm === 'truecolor' || colorterm === '24bit') return 3;
  if (term === 'xterm-kitty' || term === 'xterm-ghostty' || term === 'wezterm') return 3;
  if (env.TERM_PROGRAM === 'iTerm.app') {
    return Number.parseInt((env.TERM_PROGRAM_VERSION ?? '').split('.')[0], 10) >= 3 ? 3 : 2;
  }
  if (env.TERM_PROGRAM === 'Apple_Terminal') return 2;
  // tmux always renders 256 colours, even when TERM says plain "screen"; without COLORTERM we cannot
  // know whether it passes 24-bit through, so stay at 256.
  if (env.TMUX && /^(screen|tmux)/i.test(term)) return 2;
  if (/-256(colou?r)?$/i.test(term)) return 2;
  if (/^screen|^tmux|^xterm|^vt100|^vt220|^rxvt|color|ansi|cygwin|linux/i.test(term)) return 1;
  if (colorterm !== undefined) return 1;
  return 0;
}

/**
 * 0 none, 1 the 16 ANSI colours, 2 xterm-256, 3 truecolor.
 * FORCE_COLOR wins over NO_COLOR and over a non-TTY output (as in Node's own getColorDepth);
 * FORCE_COLOR=1/2 is a floor, so a truecolor terminal still gets 3.
 */
export function detectColorLevel(env: Env, isTTY: boolean): ColorLevel {
  const forced = forcedLevel(env);
  if (forced === 0) return 0;
  if (forced === undefined) {
    if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
    if (!isTTY) return 0;
  }
  const floor = forced ?? 0;
  if (env.TERM === 'dumb') return floor;
  return Math.max(floor, detectFromTerminal(env)) as ColorLevel;
}

export type ColorOption = ColorLevel | 'auto';
export const colorOptionValues = ['auto', 'truecolor', '256', '16', 'none'] as const;

/** Value of a `--color` flag; undefined when it is not one of colorOptionValues (or a common alias). */
export function parseColorOption(value: string): ColorOption | undefined {
  switch (value.trim().toLowerCase()) {
    case 'auto': return 'auto';
    case 'truecolor': case '24bit': case '16m': return 3;
    case '256': return 2;
    case '16': case 'basic': return 1;
    case 'none': case 'never': case 'off': return 0;
    default: return undefined;
  }
}

export function resolveColorLevel(option: ColorOption, env: Env, isTTY: boolean): ColorLevel {
  return option === 'auto' ? detectColorLevel(env, isTTY) : option;
}
