// `convscope doctor`: everything that decides whether convscope will work well here, in one place.
import { loadBackend, type BackendInfo } from '../model/backend.js';
import { detectColorLevel } from '../render/color-level.js';

export interface DoctorReport extends BackendInfo {
  node: string;
  platform: string;
  terminal: { columns: number | null; rows: number | null; colorLevel: number; colorDepth: string; stdoutIsTTY: boolean; term: string | null; tmux: boolean };
}

const DEPTH = ['none', '16 colours', '256 colours', 'truecolor (24-bit)'];

export async function doctorReport(): Promise<DoctorReport> {
  const { info } = await loadBackend({ quiet: true });
  const out = process.stdout;
  const level = detectColorLevel(process.env, Boolean(out.isTTY));
  return {
    ...info,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    terminal: {
      columns: out.isTTY ? out.columns : null,
      rows: out.isTTY ? out.rows : null,
      colorLevel: level,
      colorDepth: DEPTH[level]!,
      stdoutIsTTY: Boolean(out.isTTY),
      term: process.env.TERM ?? null,
      tmux: Boolean(process.env.TMUX),
    },
  };
}

export function formatDoctor(r: DoctorReport): string {
  const rows: Array<[string, string]> = [
    ['backend', r.native ? `${r.backend} (native TensorFlow ${r.tensorflowVersion})` : `${r.backend} — NOT native: ${r.fallbackReason}`],
    ['libtensorflow', `${r.libtensorflow.source}${r.libtensorflow.path ? ` — ${r.libtensorflow.path}` : ''}`],
    ['tfjs', r.tfjsVersion],
    ['node', `${r.node} (${r.platform})`],
    ['terminal', r.terminal.stdoutIsTTY ? `${r.terminal.columns}×${r.terminal.rows}${r.terminal.tmux ? ', inside tmux' : ''}` : 'stdout is not a TTY'],
    ['colours', `${r.terminal.colorDepth} (TERM=${r.terminal.term ?? '-'})`],
    ['training', r.native ? 'available' : 'unavailable without native TensorFlow'],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n');
}
