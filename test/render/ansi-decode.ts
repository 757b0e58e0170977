// Test helper: a tiny SGR interpreter that turns toAnsiLines output back into per-pixel colours,
// so tests can check what a terminal would show rather than how the encoder chose to write it.

export type Colour = string; // 'rgb:r,g,b' | '256:n' | '16:n' | 'default'

export const stripAnsi = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');
export const countSgr = (s: string) => (s.match(/\x1b\[[0-9;]*m/g) ?? []).length;

function applySgr(params: number[], st: { fg: Colour; bg: Colour }): void {
  for (let i = 0; i < params.length; i++) {
    const p = params[i];
    if (p === 0) { st.fg = 'default'; st.bg = 'default'; }
    else if (p === 39) st.fg = 'default';
    else if (p === 49) st.bg = 'default';
    else if ((p === 38 || p === 48) && params[i + 1] === 2) {
      const c = `rgb:${params[i + 2]},${params[i + 3]},${params[i + 4]}`;
      if (p === 38) st.fg = c; else st.bg = c;
      i += 4;
    } else if ((p === 38 || p === 48) && params[i + 1] === 5) {
      const c = `256:${params[i + 2]}`;
      if (p === 38) st.fg = c; else st.bg = c;
      i += 2;
    } else if (p >= 30 && p <= 37) st.fg = `16:${p - 30}`;
    else if (p >= 90 && p <= 97) st.fg = `16:${p - 82}`;
    else if (p >= 40 && p <= 47) st.bg = `16:${p - 40}`;
    else if (p >= 100 && p <= 107) st.bg = `16:${p - 92}`;
    else throw new Error(`unexpected SGR parameter ${p}`);
  }
}

/** Decode lines into rows of [top, bottom] colours per cell, resetting state at each line start. */
export function decode(lines: string[]): [Colour, Colour][][] {
  return lines.map((line) => {
    const st = { fg: 'default', bg: 'default' };
    const cells: [Colour, Colour][] = [];
    const re = /\x1b\[([0-9;]*)m|([^\x1b])/gu;
    for (const m of line.matchAll(re)) {
      if (m[1] !== undefined) { applySgr(m[1] === '' ? [0] : m[1].split(';').map(Number), st); continue; }
      const ch = m[2];
      if (ch === '▀') cells.push([st.fg, st.bg]);
      else if (ch === '▄') cells.push([st.bg, st.fg]);
      else if (ch === '█') cells.push([st.fg, st.fg]);
      else if (ch === ' ') cells.push([st.bg, st.bg]);
      else throw new Error(`unexpected character ${JSON.stringify(ch)}`);
    }
    return cells;
  });
}
