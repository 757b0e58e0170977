// The fast path for pictures. Measured here: Ink's output stage takes ~280 ms to lay out one 160×40-cell
// truecolor frame (220 KB of escape codes), because it tokenizes every styled character on every render.
// So Ink owns only the text rows at the top of the screen, and this layer paints the pre-encoded picture
// lines below them with absolute cursor moves. Ink never erases those rows (it only rewrites its own
// region), so a row is sent again only when its content changed.

const SAVE = '\x1b7';
const RESTORE = '\x1b8';
const CLEAR_TO_EOL = '\x1b[K';

export class ImageLayer {
  /** What each screen row (1-based) shows now, as far as we know. */
  private painted = new Map<number, string>();
  private wanted: { lines: string[]; top: number } | null = null;

  constructor(private readonly out: NodeJS.WriteStream) {}

  /** Shows `lines` from screen row `top`, sending only the rows that differ from what is on screen. */
  show(lines: string[], top: number): void {
    this.wanted = { lines, top };
    this.flush();
  }

  hide(): void {
    this.wanted = null;
    this.painted.clear();
  }

  /** Paints what is wanted, sending only rows that differ from what is on screen. */
  private flush(): void {
    if (!this.wanted) return;
    const { lines, top } = this.wanted;
    let out = '';
    for (let i = 0; i < lines.length; i++) {
      const row = top + i;
      if (this.painted.get(row) === lines[i]) continue;
      out += `\x1b[${row};1H${lines[i]}\x1b[0m${CLEAR_TO_EOL}`;
      this.painted.set(row, lines[i]!);
    }
    // Rows below a smaller picture still hold the previous one.
    for (const row of [...this.painted.keys()]) {
      if (row >= top + lines.length || row < top) {
        out += `\x1b[${row};1H\x1b[2K`;
        this.painted.delete(row);
      }
    }
    if (out) this.out.write(SAVE + out + RESTORE);
  }

  dispose(): void {
    this.hide();
  }
}
