// Small number formats shared by the plain progress lines and the training view.

/** 5 → "5s", 65 → "1m05s", 3725 → "1h02m". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

export const formatMetric = (value: number | undefined) => (value === undefined || !Number.isFinite(value) ? '-' : value.toFixed(4));

/** Width of a counter so that "  3/15" lines up with "15/15". */
export const padCount = (value: number, total: number) => String(value).padStart(String(total).length);
